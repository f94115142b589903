namespace MeshOps.Engine.Kube;

/// <summary>
/// The core group's kinds (apiVersion v1) that every Kubernetes server has served, unchanged, since 1.0: known
/// without asking the server, as typed clients know them. A core kind not named here is looked up with discovery.
/// </summary>
internal static class CoreResources
{
    private static readonly Dictionary<string, ResourceType> Kinds = new[]
    {
        ("ConfigMap", "configmaps", true), ("Endpoints", "endpoints", true), ("Event", "events", true), ("LimitRange", "limitranges", true),
        ("Namespace", "namespaces", false), ("Node", "nodes", false), ("PersistentVolume", "persistentvolumes", false),
        ("PersistentVolumeClaim", "persistentvolumeclaims", true), ("Pod", "pods", true), ("PodTemplate", "podtemplates", true),
        ("ReplicationController", "replicationcontrollers", true), ("ResourceQuota", "resourcequotas", true), ("Secret", "secrets", true),
        ("Service", "services", true), ("ServiceAccount", "serviceaccounts", true),
    }.ToDictionary(k => k.Item1, k => new ResourceType("", "v1", k.Item1, k.Item2, k.Item3), StringComparer.Ordinal);

    /// <summary>The resource of a core v1 kind in the table, or null.</summary>
    public static ResourceType? Find(string apiVersion, string kind) =>
        apiVersion == "v1" && Kinds.TryGetValue(kind, out var type) ? type : null;
}
