namespace MeshOps.Engine.Operator;

/// <summary>
/// istioctl 1.24+'s translateIstioOperatorToHelm (operator/pkg/render/manifest.go): the API fields become values
/// (spec.hub → values.global.hub, tag, revision, compatibilityVersion; spec.meshConfig merged into
/// values.meshConfig), component enablement that charts read across each other (values.pilot.enabled,
/// values.pilot.cni.enabled), metadata.namespace from values.global.istioNamespace; then the user's own values
/// again on top, since they win over anything derived.
/// </summary>
internal static class RenderTranslation
{
    private static readonly (string Api, string Value)[] Translations =
    {
        ("hub", "global.hub"), ("tag", "global.tag"), ("revision", "revision"), ("meshConfig", "meshConfig"), ("compatibilityVersion", "compatibilityVersion"),
    };

    public static void ToHelm(Dictionary<string, object?> iop, Dictionary<string, object?>? userValues)
    {
        var spec = Map(iop, "spec");
        foreach (var (api, value) in Translations)
        {
            if (!spec.TryGetValue(api, out var v) || v == null) continue;
            if (v is Dictionary<string, object?> map)
            {
                MapMerge.Into(Map(Map(spec, "values"), value), map);
                continue;
            }
            // SetSpecPaths("values.<out>=<v>"): the value goes through --set's parsing as text.
            SetFlags.Apply(iop, SetFlags.Parse(new[] { "values." + value + "=" + (v is string s ? s : GoText.Sprint(v)) }));
        }
        var values = Map(spec, "values");
        Map(values, "pilot")["enabled"] = TreeOps.FindMap(spec, "components.pilot")?.GetValueOrDefault("enabled") is true;
        Map(Map(values, "pilot"), "cni")["enabled"] = TreeOps.FindMap(spec, "components.cni")?.GetValueOrDefault("enabled") is true;
        if (TreeOps.FindMap(values, "global")?.GetValueOrDefault("istioNamespace") is string ns && ns.Length > 0) Map(iop, "metadata")["namespace"] = ns;
        if (userValues != null) MapMerge.Into(values, userValues);
    }

    private static Dictionary<string, object?> Map(Dictionary<string, object?> parent, string key)
    {
        if (parent.GetValueOrDefault(key) is Dictionary<string, object?> m) return m;
        m = TreeOps.NewMap();
        parent[key] = m;
        return m;
    }
}
