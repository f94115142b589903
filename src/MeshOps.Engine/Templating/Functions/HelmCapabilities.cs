namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Helm's <c>.Capabilities</c> (a pointer to a struct): KubeVersion, APIVersions (with Has) and HelmVersion, with the
/// type names of the <see cref="HelmBuild"/> it imitates.
/// </summary>
public sealed class HelmCapabilities : IGoObject, IGoStructFields, Yaml.IGoJsonStruct
{
    private static readonly string[] Fields = { "KubeVersion", "APIVersions", "HelmVersion" };
    private readonly string _typeName;

    /// <summary>
    /// Capabilities for a Kubernetes version as helm template's --kube-version reads it (<see cref="HelmKubeVersion.Parse"/>),
    /// the API versions the cluster serves ("group/version" or "group/version/Kind"; null for the build's
    /// defaults) and a Helm build (null for <see cref="HelmBuild.Helm4_1_4"/>).
    /// </summary>
    public HelmCapabilities(string kubeVersion, IEnumerable<string>? apiVersions = null, HelmBuild? build = null)
        : this(HelmKubeVersion.Parse(kubeVersion), apiVersions, build)
    {
    }

    /// <summary>Capabilities for a KubeVersion taken as given (e.g. <see cref="HelmKubeVersion.Helm3"/>).</summary>
    public HelmCapabilities(HelmKubeVersion kubeVersion, IEnumerable<string>? apiVersions = null, HelmBuild? build = null)
    {
        build ??= HelmBuild.Helm4_1_4;
        KubeVersion = kubeVersion;
        ApiVersions = new HelmVersionSet(apiVersions ?? build.DefaultApiVersions, build.Package);
        HelmVersion = build.Version;
        _typeName = "*" + build.Package + ".Capabilities";
    }

    public HelmKubeVersion KubeVersion { get; }
    public HelmVersionSet ApiVersions { get; }
    public HelmVersionInfo HelmVersion { get; }

    string IGoObject.GoTypeName => _typeName;
    IReadOnlyList<string> IGoStructFields.FieldNames => Fields;

    IReadOnlyList<KeyValuePair<string, object?>> Yaml.IGoJsonStruct.JsonFields => new KeyValuePair<string, object?>[]
    {
        new("KubeVersion", KubeVersion), new("APIVersions", ApiVersions), new("HelmVersion", HelmVersion),
    };

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "KubeVersion" => KubeVersion,
            "APIVersions" => ApiVersions,
            "HelmVersion" => HelmVersion,
            _ => null,
        };
        return value != null;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = null;
        return false;
    }
}
