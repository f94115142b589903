namespace MeshOps.Engine.Kube;

/// <summary>Every kind Istio's charts can produce, in the order prune deletes them (dependents before what they use).</summary>
internal static class PruneKinds
{
    public static readonly IReadOnlyList<(string ApiVersion, string Kind)> All =
    [
        ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"),
        ("networking.istio.io/v1alpha3", "EnvoyFilter"),
        ("autoscaling/v2", "HorizontalPodAutoscaler"),
        ("policy/v1", "PodDisruptionBudget"),
        ("apps/v1", "Deployment"),
        ("apps/v1", "DaemonSet"),
        ("apps/v1", "StatefulSet"),
        ("v1", "Service"),
        ("networking.k8s.io/v1", "NetworkPolicy"),
        ("v1", "ConfigMap"),
        ("v1", "Secret"),
        ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("rbac.authorization.k8s.io/v1", "Role"),
        ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ("v1", "ServiceAccount"),
        ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ];

    public const string CrdKind = "CustomResourceDefinition";
}
