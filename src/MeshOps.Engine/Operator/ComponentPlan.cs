namespace MeshOps.Engine.Operator;

/// <summary>One component (or one gateway of a gateway component) as a release's istioctl decides to render it.</summary>
internal sealed record PlannedComponent(ComponentInfo Component, int Index, Dictionary<string, object?>? Spec, string Namespace, bool Enabled)
{
    public bool IsGateway => Index >= 0;

    /// <summary>The gateway's name for gateways; null for core components.</summary>
    public string? GatewayName => IsGateway ? Spec?.GetValueOrDefault("name") as string : null;

    public string Label => IsGateway ? $"{Component.Name} {GatewayName}" : Component.Name;

    /// <summary>Where k8s.overlays of this component sit in the spec, for messages.</summary>
    public string SpecPath => IsGateway ? $"spec.components.{Component.SpecKey}[{Index}]" : $"spec.components.{Component.SpecKey}";
}

/// <summary>
/// Which components a release renders, enabled or not, and into which namespace. The translator (1.18-1.23) reads
/// components.X.enabled (false when absent) and name.Namespace (component, spec.namespace, values.global.istioNamespace);
/// 1.24+ (component.Get) treats Base, Pilot and the ingress gateway as on by default, any listed component as on
/// unless enabled: false, a gateway as on when values.gateways.&lt;gw&gt;.enabled is, and puts components into their own
/// namespace, else metadata.namespace, else istio-system.
/// </summary>
internal static class ComponentPlan
{
    public static List<PlannedComponent> For(IstioctlRelease release, Dictionary<string, object?> iop)
    {
        var spec = iop.GetValueOrDefault("spec") as Dictionary<string, object?> ?? TreeOps.NewMap();
        return release.Family == IstioctlFamily.Render ? Render(release, iop, spec) : Translator(release, spec);
    }

    private static List<PlannedComponent> Translator(IstioctlRelease release, Dictionary<string, object?> spec)
    {
        var plan = release.Components.Where(c => !c.IsGateway)
            .Select(c => new PlannedComponent(c, -1, OperatorSpec.ComponentSpec(spec, c), OperatorSpec.ComponentNamespace(spec, c), OperatorSpec.IsComponentEnabled(spec, c)))
            .ToList();
        foreach (var g in new[] { ComponentCatalog.Ingress, ComponentCatalog.Egress })
        {
            var gateways = OperatorSpec.Gateways(spec, g);
            for (var i = 0; i < gateways.Count; i++)
            {
                var gw = gateways[i];
                var ns = gw?.GetValueOrDefault("namespace") as string is { Length: > 0 } gwNs ? gwNs : OperatorSpec.DefaultNamespace(spec);
                plan.Add(new PlannedComponent(g, i, gw, ns, gw?.GetValueOrDefault("enabled") is true));
            }
        }
        return plan;
    }

    // component.Get of operator/pkg/component (1.24+).
    private static List<PlannedComponent> Render(IstioctlRelease release, Dictionary<string, object?> iop, Dictionary<string, object?> spec)
    {
        var defaultNamespace = (iop.GetValueOrDefault("metadata") as Dictionary<string, object?>)?.GetValueOrDefault("namespace") as string ?? "";
        string NamespaceOf(Dictionary<string, object?>? s) =>
            s?.GetValueOrDefault("namespace") as string is { Length: > 0 } own ? own : defaultNamespace.Length > 0 ? defaultNamespace : "istio-system";
        var components = TreeOps.FindMap(spec, "components");
        var plan = new List<PlannedComponent>();
        foreach (var c in release.Components.Where(c => !c.IsGateway).Concat(new[] { ComponentCatalog.Ingress, ComponentCatalog.Egress }))
        {
            var byDefault = c == ComponentCatalog.Base || c == ComponentCatalog.Pilot || c == ComponentCatalog.Ingress;
            var altEnabled = c.IsGateway && TreeOps.FindMap(spec, "values.gateways." + c.ValuesRoot["gateways.".Length..])?.GetValueOrDefault("enabled") is true;
            var on = byDefault || altEnabled;
            bool Enabled(Dictionary<string, object?>? s) => s?.GetValueOrDefault("enabled") is not false || altEnabled;
            if (c.IsGateway)
            {
                if (components?.GetValueOrDefault(c.SpecKey) is not List<object?> list)
                {
                    plan.Add(new PlannedComponent(c, 0, TreeOps.NewMap(), defaultNamespace, on));
                    continue;
                }
                for (var i = 0; i < list.Count; i++)
                {
                    var gw = list[i] as Dictionary<string, object?> ?? TreeOps.NewMap();
                    plan.Add(new PlannedComponent(c, i, gw, NamespaceOf(gw), Enabled(gw)));
                }
                continue;
            }
            if (components?.GetValueOrDefault(c.SpecKey) is not Dictionary<string, object?> single)
            {
                plan.Add(new PlannedComponent(c, -1, null, defaultNamespace, on));
                continue;
            }
            plan.Add(new PlannedComponent(c, -1, single, NamespaceOf(single), Enabled(single)));
        }
        return plan;
    }
}
