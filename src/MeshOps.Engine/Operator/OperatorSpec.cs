namespace MeshOps.Engine.Operator;

/// <summary>Reads the parts of a merged spec tree that istioctl's name/iop helpers read.</summary>
internal static class OperatorSpec
{
    /// <summary>iop.Namespace: spec.namespace, else values.global.istioNamespace, else "".</summary>
    public static string DefaultNamespace(Dictionary<string, object?> spec)
    {
        if (spec.GetValueOrDefault("namespace") is string ns && ns.Length > 0) return ns;
        return TreeOps.FindMap(spec, "values.global")?.GetValueOrDefault("istioNamespace") as string ?? "";
    }

    public static Dictionary<string, object?>? ComponentSpec(Dictionary<string, object?> spec, ComponentInfo c) =>
        TreeOps.FindMap(spec, "components")?.GetValueOrDefault(c.SpecKey) as Dictionary<string, object?>;

    /// <summary>name.Namespace: the component's namespace, else the default namespace.</summary>
    public static string ComponentNamespace(Dictionary<string, object?> spec, ComponentInfo c)
    {
        if (ComponentSpec(spec, c)?.GetValueOrDefault("namespace") is string ns && ns.Length > 0) return ns;
        return DefaultNamespace(spec);
    }

    /// <summary>IsComponentEnabledInSpec: components.X.enabled, false when absent.</summary>
    public static bool IsComponentEnabled(Dictionary<string, object?> spec, ComponentInfo c) =>
        ComponentSpec(spec, c)?.GetValueOrDefault("enabled") is true;

    public static string Revision(Dictionary<string, object?> spec) => spec.GetValueOrDefault("revision") as string ?? "";

    /// <summary>The gateway specs of a gateway component, in order.</summary>
    public static List<Dictionary<string, object?>?> Gateways(Dictionary<string, object?> spec, ComponentInfo c) =>
        TreeOps.FindMap(spec, "components")?.GetValueOrDefault(c.SpecKey) is List<object?> list
            ? list.Select(i => i as Dictionary<string, object?>).ToList()
            : new List<Dictionary<string, object?>?>();
}
