namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Helm's version.BuildInfo (.Capabilities.HelmVersion, and what <c>helm version</c> prints). Helm 4 added
/// KubeClientVersion; Helm 3's struct has no such field.
/// </summary>
public sealed class HelmVersionInfo : IGoObject, IGoStructFields, Yaml.IGoJsonStruct, IEquatable<HelmVersionInfo>
{
    private static readonly string[] Helm4Fields = { "Version", "GitCommit", "GitTreeState", "GoVersion", "KubeClientVersion" };
    private static readonly string[] Helm3Fields = { "Version", "GitCommit", "GitTreeState", "GoVersion" };

    public string Version { get; init; } = "";
    public string GitCommit { get; init; } = "";
    public string GitTreeState { get; init; } = "";
    public string GoVersion { get; init; } = "";

    /// <summary>Helm 4's "v" + major.minor of the Kubernetes its client-go speaks ("v1.35"); null for Helm 3's struct.</summary>
    public string? KubeClientVersion { get; init; }

    string IGoObject.GoTypeName => "version.BuildInfo";

    IReadOnlyList<string> IGoStructFields.FieldNames => KubeClientVersion == null ? Helm3Fields : Helm4Fields;

    // BuildInfo's json tags: the first four are omitempty, kube_client_version is not.
    IReadOnlyList<KeyValuePair<string, object?>> Yaml.IGoJsonStruct.JsonFields
    {
        get
        {
            var fields = new List<KeyValuePair<string, object?>>(5);
            if (Version.Length > 0) fields.Add(new("version", Version));
            if (GitCommit.Length > 0) fields.Add(new("git_commit", GitCommit));
            if (GitTreeState.Length > 0) fields.Add(new("git_tree_state", GitTreeState));
            if (GoVersion.Length > 0) fields.Add(new("go_version", GoVersion));
            if (KubeClientVersion != null) fields.Add(new("kube_client_version", KubeClientVersion));
            return fields;
        }
    }

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Version" => Version,
            "GitCommit" => GitCommit,
            "GitTreeState" => GitTreeState,
            "GoVersion" => GoVersion,
            "KubeClientVersion" => KubeClientVersion,
            _ => null,
        };
        return value != null;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = null;
        return false;
    }

    // Go compares structs field by field (eq).
    public bool Equals(HelmVersionInfo? other) => other != null && Version == other.Version && GitCommit == other.GitCommit &&
        GitTreeState == other.GitTreeState && GoVersion == other.GoVersion && KubeClientVersion == other.KubeClientVersion;

    public override bool Equals(object? obj) => Equals(obj as HelmVersionInfo);

    public override int GetHashCode() => HashCode.Combine(Version, GitCommit, GitTreeState, GoVersion, KubeClientVersion);
}
