namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Helm's <c>.Capabilities</c>: KubeVersion (Version, Major, Minor, GitVersion), APIVersions (Has) and HelmVersion.
/// </summary>
public sealed class HelmCapabilities : IGoObject, IGoStructFields, Yaml.IGoJsonStruct
{
    /// <summary>The group/versions Helm assumes without a cluster (client-go's scheme), as used by <c>helm template</c>.</summary>
    public static IReadOnlyList<string> DefaultApiVersions { get; } = new[]
    {
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1",
        "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1",
        "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
        "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1", "batch/v1beta1",
        "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1beta1",
        "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1",
        "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1alpha1", "flowcontrol.apiserver.k8s.io/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1",
        "networking.k8s.io/v1alpha1", "networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
        "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
        "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1alpha2", "scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1",
        "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
        "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
    };

    /// <summary>
    /// Capabilities for a Kubernetes version such as "v1.27.3" or "1.27" (parsed as Helm 3 does, with semver: the
    /// result keeps pre-release and build suffixes like "-gke.100"), the API versions the cluster serves (either
    /// "group/version" or "group/version/Kind"), and Helm's version.
    /// </summary>
    public HelmCapabilities(string kubeVersion, IEnumerable<string>? apiVersions = null, HelmVersionInfo? helmVersion = null)
        : this(HelmKubeVersion.Parse(kubeVersion), apiVersions, helmVersion)
    {
    }

    /// <summary>Capabilities for a KubeVersion taken as given (e.g. <see cref="HelmKubeVersion.FromServer"/>).</summary>
    public HelmCapabilities(HelmKubeVersion kubeVersion, IEnumerable<string>? apiVersions = null, HelmVersionInfo? helmVersion = null)
    {
        KubeVersion = kubeVersion;
        ApiVersions = new HelmVersionSet(apiVersions ?? DefaultApiVersions);
        HelmVersion = helmVersion ?? new HelmVersionInfo();
    }

    public HelmKubeVersion KubeVersion { get; }
    public HelmVersionSet ApiVersions { get; }
    public HelmVersionInfo HelmVersion { get; }

    string IGoObject.GoTypeName => "*chartutil.Capabilities";
    IReadOnlyList<string> IGoStructFields.FieldNames { get; } = new[] { "KubeVersion", "APIVersions", "HelmVersion" };

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

/// <summary>Helm's chartutil.KubeVersion: fields Version, Major, Minor; methods String and GitVersion.</summary>
public sealed class HelmKubeVersion : IGoObject, IGoStructFields, Yaml.IGoJsonStruct
{
    private HelmKubeVersion(string version, string major, string minor)
    {
        Version = version;
        Major = major;
        Minor = minor;
    }

    /// <summary>"v" + the semver string, e.g. "v1.27.3-gke.100".</summary>
    public string Version { get; }
    public string Major { get; }
    public string Minor { get; }

    /// <summary>chartutil.ParseKubeVersion; throws MeshException "KubeVersionInvalid" for text that is not a version.</summary>
    public static HelmKubeVersion Parse(string text)
    {
        SemverVersion v;
        try
        {
            v = SemverVersion.Parse(text);
        }
        catch (TemplateFunctionException e)
        {
            throw new Hosting.MeshException("KubeVersionInvalid", Hosting.MeshErrorKind.InvalidArgument,
                $"'{text}' is not a Kubernetes version ({e.Message}); give one such as v1.27.3", text);
        }
        return new HelmKubeVersion("v" + v, v.Major.ToString(System.Globalization.CultureInfo.InvariantCulture),
            v.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A cluster's /version as istioctl hands it to Helm (operator/pkg/helm renderChart): gitVersion, major and minor
    /// as the server wrote them, not re-parsed, so "v1.27.3-eks-a5565ad" and minor "27+" stay as they are.
    /// </summary>
    public static HelmKubeVersion FromServer(string gitVersion, string major, string minor) => new(gitVersion, major, minor);

    public override string ToString() => Version;

    string IGoObject.GoTypeName => "chartutil.KubeVersion";
    IReadOnlyList<string> IGoStructFields.FieldNames { get; } = new[] { "Version", "Major", "Minor" };

    IReadOnlyList<KeyValuePair<string, object?>> Yaml.IGoJsonStruct.JsonFields => new KeyValuePair<string, object?>[]
    {
        new("Version", Version), new("Major", Major), new("Minor", Minor),
    };

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Version" => Version,
            "Major" => Major,
            "Minor" => Minor,
            _ => null,
        };
        return value != null;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name is "String" or "GitVersion"
            ? (_, a) =>
            {
                FuncArgs.Count(name, a, 0);
                return Version;
            }
            : null;
        return method != null;
    }
}

/// <summary>Helm's chartutil.VersionSet: the API versions; <c>Has "apps/v1"</c> or <c>Has "apps/v1/Deployment"</c>.</summary>
public sealed class HelmVersionSet : List<object?>, IGoObject
{
    public HelmVersionSet(IEnumerable<string> versions) : base(versions) { }

    /// <summary>Whether the exact string is in the set.</summary>
    public bool Has(string apiVersion) => Contains(apiVersion);

    string IGoObject.GoTypeName => "chartutil.VersionSet";

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name == "Has"
            ? (_, a) =>
            {
                FuncArgs.Count(name, a, 1);
                return Has(FuncArgs.Str(a[0]));
            }
            : null;
        return method != null;
    }
}

/// <summary>Helm's version.BuildInfo (.Capabilities.HelmVersion).</summary>
public sealed class HelmVersionInfo : IGoObject, IGoStructFields, Yaml.IGoJsonStruct
{
    public string Version { get; init; } = "v3.12.3";
    public string GitCommit { get; init; } = "";
    public string GitTreeState { get; init; } = "";
    public string GoVersion { get; init; } = "go1.20.7";

    string IGoObject.GoTypeName => "version.BuildInfo";
    IReadOnlyList<string> IGoStructFields.FieldNames { get; } = new[] { "Version", "GitCommit", "GitTreeState", "GoVersion" };

    // BuildInfo's json tags.
    IReadOnlyList<KeyValuePair<string, object?>> Yaml.IGoJsonStruct.JsonFields => new KeyValuePair<string, object?>[]
    {
        new("version", Version), new("git_commit", GitCommit), new("git_tree_state", GitTreeState), new("go_version", GoVersion),
    };

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Version" => Version,
            "GitCommit" => GitCommit,
            "GitTreeState" => GitTreeState,
            "GoVersion" => GoVersion,
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
