namespace MeshOps.Engine.Mesh;

/// <summary>Labels, annotations and names Istio and MeshOps use to find control planes and their parts.</summary>
public static class MeshLabels
{
    public const string Revision = "istio.io/rev";
    public const string Tag = "istio.io/tag";
    public const string LegacyInjection = "istio-injection";
    public const string SidecarStatus = "sidecar.istio.io/status";
    public const string InjectorApp = "sidecar-injector";

    /// <summary>Marks MeshOps' install record ConfigMaps.</summary>
    public const string InstallRecord = "meshops.io/install-record";

    /// <summary>istioctl's annotation on installed-state: no controller acts on it.</summary>
    public const string IgnoreReconcile = "install.istio.io/ignoreReconcile";
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>The name Istio gives a revision in labels and names: "default" for the unnamed one.</summary>
    public static string RevisionValue(string? revision) => string.IsNullOrEmpty(revision) ? "default" : revision;

    /// <summary>istiod's mesh config ConfigMap: istio for the default revision, istio-REV otherwise.</summary>
    public static string MeshConfigMapName(string? revision) =>
        string.IsNullOrEmpty(revision) || revision == "default" ? "istio" : "istio-" + revision;

    /// <summary>MeshOps' install record ConfigMap of a revision, in its control-plane namespace.</summary>
    public static string InstallRecordName(string? revision) => "meshops-install-" + RevisionValue(revision);

    /// <summary>
    /// istioctl's installed-state IstioOperator name: installed-state, then -NAME when metadata.name is set,
    /// then -REVISION when a revision is set (FACTS.md section 1; install.go savedIOPName).
    /// </summary>
    public static string InstalledStateName(string? operatorName, string? revision)
    {
        var name = "installed-state";
        if (!string.IsNullOrEmpty(operatorName)) name += "-" + operatorName;
        if (!string.IsNullOrEmpty(revision)) name += "-" + revision;
        return name;
    }
}
