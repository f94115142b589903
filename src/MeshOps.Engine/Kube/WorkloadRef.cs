namespace MeshOps.Engine.Kube;

/// <summary>A workload to wait for.</summary>
internal sealed record WorkloadRef(ResourceType Type, string Namespace, string Name)
{
    public string DisplayName => $"{Type.Kind} {Namespace}/{Name}";

    public static bool IsWorkloadKind(string apiVersion, string kind) =>
        apiVersion == "apps/v1" && kind is "Deployment" or "DaemonSet" or "StatefulSet";
}
