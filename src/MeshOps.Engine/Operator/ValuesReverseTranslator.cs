using System.Globalization;

namespace MeshOps.Engine.Operator;

/// <summary>
/// istioctl's reverse translation (translate_value.go TranslateK8SfromValueToIOP and translate_common.go
/// OverlayValuesEnablement): legacy Kubernetes settings under <c>values.pilot</c> become
/// <c>components.pilot.k8s</c>, and <c>values.gateways.istio-*gateway.enabled</c> switches the gateway component.
/// </summary>
internal static class ValuesReverseTranslator
{
    // values key under pilot -> KubernetesResourcesSpec field (autoscaleEnabled is listed by istioctl but skipped).
    private static readonly (string ValueKey, string K8sField)[] PilotMappings =
    {
        ("env", "env"),
        ("imagePullPolicy", "imagePullPolicy"),
        ("nodeSelector", "nodeSelector"),
        ("tolerations", "tolerations"),
        ("podDisruptionBudget", "podDisruptionBudget"),
        ("podAnnotations", "podAnnotations"),
        ("priorityClassName", "priorityClassName"),
        ("readinessProbe", "readinessProbe"),
        ("replicaCount", "replicaCount"),
        ("resources", "resources"),
        ("rollingMaxSurge", "strategy"),
        ("rollingMaxUnavailable", "strategy"),
        ("serviceAnnotations", "serviceAnnotations"),
    };

    /// <summary>
    /// Returns the overlay with pilot's legacy k8s values copied into components.pilot.k8s. An overlay whose
    /// spec is absent or empty comes back empty, as in istioctl (its subtree lookup fails and it returns "").
    /// </summary>
    public static Dictionary<string, object?>? TranslateK8sFromValues(Dictionary<string, object?>? overlay)
    {
        if (overlay == null) return null;
        if (!overlay.TryGetValue("spec", out var specNode) || specNode is not Dictionary<string, object?> spec) return null;
        var values = spec.TryGetValue("values", out var v) ? v as Dictionary<string, object?> : null;
        if (values == null) return overlay;
        var specTree = TreeOps.CloneMap(spec);
        // istioctl iterates a Go map here; the order only matters for the two strategy keys, which write distinct leaves.
        foreach (var (valueKey, k8sField) in PilotMappings)
        {
            if (!TreeOps.TryFind(values, new[] { "pilot", valueKey }, out var m)) continue;
            if (m is string s && s.Length == 0) continue;
            if (IsIntZero(m)) continue;
            var outPath = new List<string> { "components", "pilot", "k8s", k8sField };
            switch (valueKey)
            {
                case "env":
                    TranslateEnv(outPath, m, specTree);
                    break;
                case "rollingMaxSurge" or "rollingMaxUnavailable":
                    outPath.Add("rollingUpdate");
                    outPath.Add(valueKey == "rollingMaxSurge" ? "maxSurge" : "maxUnavailable");
                    TreeOps.WriteNode(specTree, outPath, TreeOps.Clone(m));
                    break;
                default:
                    if (GoText.IsNilOrDefault(m)) continue;
                    TreeOps.WriteNode(specTree, outPath, TreeOps.Clone(m));
                    break;
            }
        }
        var result = TreeOps.CloneMap(overlay);
        var specRoot = TreeOps.NewMap();
        specRoot["spec"] = specTree;
        return (Dictionary<string, object?>)JsonMergePatch.Apply(result, specRoot)!;
    }

    private static bool IsIntZero(object? m) => m is double d && d == 0 || m is long l && l == 0 || m is int i && i == 0;

    private static void TranslateEnv(List<string> outPath, object? value, Dictionary<string, object?> specTree)
    {
        if (value is not Dictionary<string, object?> envMap)
            throw OperatorErrors.Single("IstioOperatorWrongType",
                $"values.pilot.env must be a map of NAME: value, got {OperatorValidator.Describe(value)}", path: "spec.values.pilot.env");
        if (envMap.Count == 0) return;
        var keys = envMap.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        TreeOps.TryFind(specTree, outPath, out var existing);
        var existingEmpty = existing == null || existing is Dictionary<string, object?> { Count: 0 };
        if (existingEmpty)
        {
            var list = new List<object?>();
            foreach (var k in keys)
            {
                var item = TreeOps.NewMap();
                item["name"] = k;
                item["value"] = GoText.Sprint(envMap[k]);
                list.Add(item);
            }
            TreeOps.WriteNode(specTree, outPath, list);
            return;
        }
        foreach (var k in keys)
        {
            var item = TreeOps.NewMap();
            item["name"] = k;
            item["value"] = GoText.Sprint(envMap[k]);
            TreeOps.MergeNode(specTree, outPath, item);
        }
    }

    private static readonly (string From, string GatewayList, string GatewayName)[] EnablementPaths =
    {
        ("spec.values.gateways.istio-ingressgateway.enabled", "ingressGateways", "istio-ingressgateway"),
        ("spec.values.gateways.istio-egressgateway.enabled", "egressGateways", "istio-egressgateway"),
    };

    /// <summary>
    /// OverlayValuesEnablement: a user's values.gateways.istio-ingressgateway.enabled (or egress) is merged into the
    /// gateway of that name in spec.components.
    /// </summary>
    public static void ApplyValuesEnablement(Dictionary<string, object?> merged, Dictionary<string, object?>? userOverlay)
    {
        if (userOverlay == null) return;
        foreach (var (from, listKey, gwName) in EnablementPaths)
        {
            if (!TreeOps.TryFind(userOverlay, TreePath.Parse(from), out var node)) continue;
            TreeOps.MergeNode(merged, TreePath.Parse($"spec.components.{listKey}.[name:{gwName}].enabled"), TreeOps.Clone(node));
        }
    }

    internal static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}
