using System.Globalization;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// .Capabilities.KubeVersion. Helm 4's common.KubeVersion keeps the version as given in Version and a hidden
/// normalizedVersion (numbers only) that String returns and chart kubeVersion constraints are checked against;
/// Helm 3's chartutil.KubeVersion (istioctl's) has Version, Major and Minor only. Both declare String and GitVersion
/// on the pointer, so <c>{{ .Capabilities.KubeVersion }}</c> prints String while <c>printf "%v"</c> prints the struct.
/// </summary>
public sealed class HelmKubeVersion : IGoObject, IGoStructFields, IGoPointerMethods, Yaml.IGoJsonStruct, IEquatable<HelmKubeVersion>
{
    private static readonly string[] Helm4Fields = { "Version", "normalizedVersion", "Major", "Minor" };
    private static readonly string[] Helm3Fields = { "Version", "Major", "Minor" };

    private HelmKubeVersion(string version, string? normalizedVersion, string major, string minor)
    {
        Version = version;
        NormalizedVersion = normalizedVersion;
        Major = major;
        Minor = minor;
    }

    /// <summary>The version as given, with a "v" in front: "v1.27.3-gke.100".</summary>
    public string Version { get; }

    /// <summary>Helm 4's normalizedVersion, "v" and the numeric components only ("v1.27.3"); null for Helm 3's struct.</summary>
    public string? NormalizedVersion { get; }

    public string Major { get; }
    public string Minor { get; }

    /// <summary>KubeVersion.String(): what Helm checks a chart's kubeVersion against.</summary>
    public override string ToString() => string.IsNullOrEmpty(NormalizedVersion) ? Version : NormalizedVersion;

    /// <summary>
    /// Helm 4's common.ParseKubeVersion (helm template --kube-version): apimachinery's generic version parse, so
    /// "1.27", "v1.27.3-gke.100" and "1.27.3.4" are accepted as written. Throws MeshException "KubeVersionInvalid".
    /// </summary>
    public static HelmKubeVersion Parse(string text)
    {
        IReadOnlyList<ulong> components;
        try
        {
            components = KubeGenericVersion.Parse(text);
        }
        catch (FormatException e)
        {
            throw new Hosting.MeshException("KubeVersionInvalid", Hosting.MeshErrorKind.InvalidArgument,
                $"invalid kube version '{text}': {e.Message}; give one such as v1.27.3", text);
        }
        return new HelmKubeVersion(text.StartsWith('v') ? text : "v" + text,
            "v" + string.Join('.', components.Select(c => c.ToString(CultureInfo.InvariantCulture))),
            components[0].ToString(CultureInfo.InvariantCulture), components[1].ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Helm 3's chartutil.KubeVersion with its fields as given (istioctl hands Helm a cluster's /version so).</summary>
    public static HelmKubeVersion Helm3(string version, string major, string minor) => new(version, null, major, minor);

    string IGoObject.GoTypeName => NormalizedVersion == null ? "chartutil.KubeVersion" : "common.KubeVersion";

    IReadOnlyList<string> IGoStructFields.FieldNames => NormalizedVersion == null ? Helm3Fields : Helm4Fields;

    IReadOnlyList<KeyValuePair<string, object?>> Yaml.IGoJsonStruct.JsonFields => new KeyValuePair<string, object?>[]
    {
        new("Version", Version), new("Major", Major), new("Minor", Minor),
    };

    // normalizedVersion is unexported: fmt prints it, templates are refused it (the executor checks exportedness).
    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Version" => Version,
            "normalizedVersion" => NormalizedVersion,
            "Major" => Major,
            "Minor" => Minor,
            _ => null,
        };
        return value != null;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = null;
        return false;
    }

    bool IGoPointerMethods.TryGetPointerMethod(string name, out TemplateFunc? method)
    {
        method = name switch
        {
            "String" => (_, a) =>
            {
                FuncArgs.Count(name, a, 0);
                return ToString();
            },
            "GitVersion" => (_, a) =>
            {
                FuncArgs.Count(name, a, 0);
                return Version;
            },
            _ => null,
        };
        return method != null;
    }

    // Go compares structs field by field (eq).
    public bool Equals(HelmKubeVersion? other) => other != null && Version == other.Version &&
        NormalizedVersion == other.NormalizedVersion && Major == other.Major && Minor == other.Minor;

    public override bool Equals(object? obj) => Equals(obj as HelmKubeVersion);

    public override int GetHashCode() => HashCode.Combine(Version, NormalizedVersion, Major, Minor);
}
