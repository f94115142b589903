namespace MeshOps.Engine.Operator;

/// <summary>
/// The patch metadata istioctl gives IstioOperator overlays (operator/pkg/util/merge_iop.go, iopMergeStruct):
/// gateways merge by name, some mesh config lists by their keys, a few fields replace whole.
/// </summary>
internal sealed class IopMergeSchema : IMergeSchema
{
    public static readonly IopMergeSchema Instance = new();

    private static readonly Dictionary<string, MergeRule> Rules = new(StringComparer.Ordinal)
    {
        ["metadata.finalizers"] = MergeRule.PrimitiveSet,
        ["metadata.ownerReferences"] = MergeRule.Keyed("uid"),
        ["spec.components.ingressGateways"] = MergeRule.Keyed("name"),
        ["spec.components.egressGateways"] = MergeRule.Keyed("name"),
        ["spec.values.gateways.istio-ingressgateway.cpu"] = MergeRule.ReplaceWhole,
        ["spec.values.gateways.istio-ingressgateway.meshExpansionPorts"] = MergeRule.Keyed("name"),
        ["spec.values.gateways.istio-ingressgateway.ports"] = MergeRule.Keyed("name"),
        ["spec.values.gateways.istio-ingressgateway.secretVolumes"] = MergeRule.Keyed("name"),
        ["spec.values.gateways.istio-egressgateway.ports"] = MergeRule.Keyed("name"),
        ["spec.values.gateways.istio-egressgateway.secretVolumes"] = MergeRule.Keyed("name"),
        ["spec.values.gateways.istio-egressgateway.zvpn"] = MergeRule.ReplaceWhole,
    };

    // Relative to spec.meshConfig and spec.values.meshConfig.
    private static readonly Dictionary<string, MergeRule> MeshRules = new(StringComparer.Ordinal)
    {
        ["connectTimeout"] = MergeRule.ReplaceWhole,
        ["protocolDetectionTimeout"] = MergeRule.ReplaceWhole,
        ["rdsRefreshDelay"] = MergeRule.ReplaceWhole,
        ["dnsRefreshRate"] = MergeRule.ReplaceWhole,
        ["configSources"] = MergeRule.Keyed("address"),
        ["trustDomainAliases"] = MergeRule.PrimitiveSet,
        ["defaultServiceExportTo"] = MergeRule.PrimitiveSet,
        ["defaultVirtualServiceExportTo"] = MergeRule.PrimitiveSet,
        ["defaultDestinationRuleExportTo"] = MergeRule.PrimitiveSet,
        ["certificates"] = MergeRule.Keyed("secretName"),
        ["serviceSettings"] = MergeRule.ReplaceWhole,
        ["extensionProviders"] = MergeRule.Keyed("name"),
        ["defaultConfig.drainDuration"] = MergeRule.ReplaceWhole,
        ["defaultConfig.discoveryRefreshDelay"] = MergeRule.ReplaceWhole,
        ["defaultConfig.terminationDrainDuration"] = MergeRule.ReplaceWhole,
        ["defaultConfig.clusterName"] = MergeRule.ReplaceWhole,
        ["defaultConfig.tracing"] = MergeRule.ReplaceWhole,
        ["defaultConfig.sds"] = MergeRule.ReplaceWhole,
        ["defaultConfig.gatewayTopology"] = MergeRule.ReplaceWhole,
        ["defaultConfig.dnsRefreshRate"] = MergeRule.ReplaceWhole,
    };

    public MergeRule RuleFor(IReadOnlyList<string> fieldPath)
    {
        var joined = string.Join('.', fieldPath);
        if (Rules.TryGetValue(joined, out var rule)) return rule;
        foreach (var prefix in new[] { "spec.meshConfig.", "spec.values.meshConfig." })
        {
            if (joined.StartsWith(prefix, StringComparison.Ordinal) && MeshRules.TryGetValue(joined[prefix.Length..], out rule)) return rule;
        }
        return MergeRule.Default;
    }
}

/// <summary>
/// The patch metadata of the Kubernetes types istioctl's k8s settings touch (Deployment, DaemonSet, Service,
/// HorizontalPodAutoscaler, PodDisruptionBudget), from their patchStrategy/patchMergeKey struct tags.
/// </summary>
internal sealed class KubeMergeSchema : IMergeSchema
{
    private readonly string _kind;

    public KubeMergeSchema(string kind) => _kind = kind;

    public MergeRule RuleFor(IReadOnlyList<string> fieldPath)
    {
        var field = fieldPath[^1];
        var parent = fieldPath.Count > 1 ? fieldPath[^2] : "";
        switch (field)
        {
            case "containers":
            case "initContainers":
            case "ephemeralContainers":
            case "volumes":
            case "imagePullSecrets":
            case "env":
                return MergeRule.Keyed("name");
            case "volumeMounts":
                return MergeRule.Keyed("mountPath");
            case "volumeDevices":
                return MergeRule.Keyed("devicePath");
            case "hostAliases":
                return MergeRule.Keyed("ip");
            case "topologySpreadConstraints":
                return MergeRule.Keyed("topologyKey");
            case "ownerReferences":
                return MergeRule.Keyed("uid");
            case "finalizers":
                return MergeRule.PrimitiveSet;
            case "conditions":
                return MergeRule.Keyed("type");
            case "ports":
                // Service ports merge by port; container ports by containerPort.
                if (_kind == "Service" && parent == "spec" && fieldPath.Count == 2) return MergeRule.Keyed("port");
                if (parent == "containers" || parent == "initContainers" || parent == "ephemeralContainers") return MergeRule.Keyed("containerPort");
                return MergeRule.Default;
            default:
                return MergeRule.Default;
        }
    }
}
