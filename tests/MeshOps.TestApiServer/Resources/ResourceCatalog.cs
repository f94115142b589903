using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Resources;

/// <summary>
/// The resources the server serves: the built-in kinds plus kinds of Established CustomResourceDefinitions.
/// Thread-safe: CRD changes replace the custom set atomically.
/// </summary>
public sealed class ResourceCatalog
{
    readonly List<ResourceType> _builtIn = new();
    volatile IReadOnlyList<ResourceType> _custom = Array.Empty<ResourceType>();

    public ResourceCatalog()
    {
        void Add(string g, string v, string kind, string plural, bool ns, bool status = false, bool gen = false, params string[] shortNames) =>
            _builtIn.Add(new ResourceType(g, v, kind, plural, ns, shortNames.Length == 0 ? null : shortNames, status, gen));
        Add("", "v1", "Namespace", "namespaces", false, true, false, "ns");
        Add("", "v1", "ConfigMap", "configmaps", true, false, false, "cm");
        Add("", "v1", "Secret", "secrets", true);
        Add("", "v1", "Service", "services", true, true, false, "svc");
        Add("", "v1", "ServiceAccount", "serviceaccounts", true, false, false, "sa");
        Add("", "v1", "Pod", "pods", true, true, false, "po");
        Add("", "v1", "Endpoints", "endpoints", true, false, false, "ep");
        Add("", "v1", "Event", "events", true, false, false, "ev");
        Add("apps", "v1", "Deployment", "deployments", true, true, true, "deploy");
        Add("apps", "v1", "ReplicaSet", "replicasets", true, true, true, "rs");
        Add("apps", "v1", "DaemonSet", "daemonsets", true, true, true, "ds");
        Add("apps", "v1", "StatefulSet", "statefulsets", true, true, true, "sts");
        Add("rbac.authorization.k8s.io", "v1", "Role", "roles", true);
        Add("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true);
        Add("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false);
        Add("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false);
        Add("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false, false, true);
        Add("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false, false, true);
        Add("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, true, true, "crd", "crds");
        Add("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true, true, "hpa");
        Add("autoscaling", "v2beta2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true, true, "hpa");
        Add("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true, true, "pdb");
        Add("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, false, true, "netpol");
        Add("coordination.k8s.io", "v1", "Lease", "leases", true);
    }

    public IReadOnlyList<ResourceType> All => _builtIn.Concat(_custom).ToList();

    public ResourceType? Find(string group, string version, string plural) =>
        _builtIn.Concat(_custom).FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    public ResourceType? FindByKind(string apiVersion, string kind) =>
        _builtIn.Concat(_custom).FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind);

    /// <summary>All versions served for a storage key (used to answer groups and preferred versions).</summary>
    public IEnumerable<ResourceType> ByStorageKey(string key) => All.Where(r => r.StorageKey == key);

    /// <summary>Groups in discovery order: built-ins first, then custom groups sorted by name.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var r in All.Where(r => r.Group.Length > 0))
        {
            var idx = result.FindIndex(x => x.Item1 == r.Group);
            if (idx < 0) result.Add((r.Group, new List<string> { r.Version }));
            else if (!result[idx].Item2.Contains(r.Version)) ((List<string>)result[idx].Item2).Add(r.Version);
        }
        return result;
    }

    /// <summary>Rebuilds the custom kinds from the Established CRDs given.</summary>
    public void SetCustomResources(IEnumerable<JsonObject> establishedCrds)
    {
        var list = new List<ResourceType>();
        foreach (var crd in establishedCrds)
        {
            var group = JsonTools.Str(crd, "spec", "group") ?? "";
            var names = JsonTools.At(crd, "spec", "names");
            var kind = JsonTools.Str(names, "kind") ?? "";
            var plural = JsonTools.Str(names, "plural") ?? "";
            var namespaced = (JsonTools.Str(crd, "spec", "scope") ?? "Namespaced") == "Namespaced";
            var shortNames = (JsonTools.At(names, "shortNames") as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToArray();
            if (JsonTools.At(crd, "spec", "versions") is not JsonArray versions) continue;
            foreach (var v in versions.OfType<JsonObject>())
            {
                if (v["served"] is JsonValue s && s.TryGetValue<bool>(out var served) && !served) continue;
                var hasStatus = JsonTools.At(v, "subresources", "status") is JsonObject;
                list.Add(new ResourceType(group, JsonTools.Str(v, "name") ?? "v1", kind, plural, namespaced,
                    shortNames is { Length: > 0 } ? shortNames : null, hasStatus, TracksGeneration: true, IsCustom: true));
            }
        }
        _custom = list;
    }
}
