namespace MeshOps.Engine.Operator;

/// <summary>
/// Builds the Helm values of one component from the merged IstioOperator spec, as istioctl's
/// Translator.TranslateHelmValues does (the release's differences come from <see cref="IstioctlRelease"/>): API fields (hub, tag, revision, meshConfig) mapped into values,
/// component enablement/namespace/hub/tag written under each component's root, then spec.values and
/// spec.unvalidatedValues laid over them (JSON merge), flattened for ztunnel, gateway name/labels/ports added.
/// </summary>
internal static class HelmValuesTranslator
{
    // translate.go topLevelFields (1.22+): fields beyond global that every chart reads at the top of its values.
    private static readonly string[] TopLevelFields = { "ownerName", "revision", "compatibilityVersion", "profile" };

    public static Dictionary<string, object?> Translate(IstioctlRelease release, Dictionary<string, object?> spec, ComponentInfo component, Dictionary<string, object?>? gatewaySpec)
    {
        if (release.Family == IstioctlFamily.Render) return TranslateForRender(release, spec, component, gatewaySpec);
        var apiValues = ApiValues(release, spec);
        var values = JsonMergePatch.Overlay(apiValues,
            spec.GetValueOrDefault("values") as Dictionary<string, object?>,
            spec.GetValueOrDefault("unvalidatedValues") as Dictionary<string, object?>);

        if (release.CopiesK8sReplicasIntoValues && component.ResourceType == "Deployment")
            CopyK8sReplicas(values, component, (component.IsGateway ? gatewaySpec : OperatorSpec.ComponentSpec(spec, component))?.GetValueOrDefault("k8s") as Dictionary<string, object?>);
        if (component.FlattenValues) values = Flatten(release.Flatten, component, apiValues, values);

        if (component.IsGateway && gatewaySpec != null) ApplyGatewayValues(values, component, gatewaySpec);
        return values;
    }

    // applyComponentValuesToHelmValues (1.24+): spec.values (already translated, see RenderTranslation) with the
    // gateway's name, labels and Service ports, the component's hub and tag, then flattened for ztunnel.
    private static Dictionary<string, object?> TranslateForRender(IstioctlRelease release, Dictionary<string, object?> spec, ComponentInfo component, Dictionary<string, object?>? gatewaySpec)
    {
        var values = spec.GetValueOrDefault("values") is Dictionary<string, object?> v ? TreeOps.CloneMap(v) : TreeOps.NewMap();
        var root = TreePath.Parse(component.ValuesRoot);
        if (component.IsGateway && gatewaySpec != null)
        {
            TreeOps.WriteNode(values, Child(root, "name"), gatewaySpec.GetValueOrDefault("name") as string ?? "");
            // A gateway without label: 1.24-1.25 hand Helm a typed nil map, which merges like an empty one (the chart's
            // default labels stay); 1.26 on write an empty map outright.
            var labels = gatewaySpec.GetValueOrDefault("label") is Dictionary<string, object?> l ? TreeOps.CloneMap(l) : TreeOps.NewMap();
            TreeOps.WriteNode(values, Child(root, "labels"), labels);
            if (TreeOps.TryFind(gatewaySpec, new[] { "k8s", "service", "ports" }, out var ports) && ports is List<object?> { Count: > 0 })
                TreeOps.WriteNode(values, Child(root, "ports"), TreeOps.Clone(ports));
        }
        var componentSpec = component.IsGateway ? gatewaySpec : OperatorSpec.ComponentSpec(spec, component);
        // SetSpecPaths("values.<root>.hub=<hub>"): the text goes through --set's parsing.
        if (componentSpec?.GetValueOrDefault("hub") is string hub && hub.Length > 0)
            TreeOps.WriteNode(values, Child(root, "hub"), SetFlags.ParseValue(hub));
        if (componentSpec?.GetValueOrDefault("tag") is { } tag)
            TreeOps.WriteNode(values, Child(root, "tag"), SetFlags.ParseValue(tag as string ?? GoText.Sprint(tag)));
        if (release.CopiesK8sReplicasIntoValues && component.ResourceType == "Deployment")
            CopyK8sReplicas(values, component, componentSpec?.GetValueOrDefault("k8s") as Dictionary<string, object?>);
        if (component.FlattenValues && values.GetValueOrDefault(component.ValuesRoot) is Dictionary<string, object?>)
            values = Flatten(release.Flatten, component, TreeOps.NewMap(), values);
        return values;
    }

    private static List<string> Child(List<string> root, string key) => root.Append(key).ToList();

    // applyComponentValuesToHelmValues (1.28.8+): HPA bounds and replicas of k8s: become the values the PDB template tests.
    private static void CopyK8sReplicas(Dictionary<string, object?> values, ComponentInfo component, Dictionary<string, object?>? k8s)
    {
        if (k8s == null) return;
        if (k8s.GetValueOrDefault("hpaSpec") is Dictionary<string, object?> hpa)
        {
            if (AsLong(hpa.GetValueOrDefault("minReplicas")) is { } min) TreeOps.WriteNode(values, TreePath.Parse(component.ValuesRoot + ".autoscaleMin"), min);
            if (AsLong(hpa.GetValueOrDefault("maxReplicas")) is > 0 and var max) TreeOps.WriteNode(values, TreePath.Parse(component.ValuesRoot + ".autoscaleMax"), max);
        }
        if (AsLong(k8s.GetValueOrDefault("replicaCount")) is > 0 and var replicas) TreeOps.WriteNode(values, TreePath.Parse(component.ValuesRoot + ".replicaCount"), replicas);
    }

    private static long? AsLong(object? value) => value switch
    {
        double d when Math.Floor(d) == d => (long)d,
        long l => l,
        int i => i,
        _ => null,
    };

    // A component whose chart expects its values at the top (ztunnel): the component's values over what the release keeps of the rest.
    private static Dictionary<string, object?> Flatten(FlattenStyle style, ComponentInfo component, Dictionary<string, object?> apiValues, Dictionary<string, object?> values)
    {
        var globals = values.GetValueOrDefault("global") as Dictionary<string, object?>;
        if (globals == null && style is FlattenStyle.GlobalsAtTop or FlattenStyle.ApiScalarsAndGlobalsAtTop)
            throw OperatorErrors.Single("HelmValuesInvalid", "values.global must be a map for the " + component.Name + " component", path: "spec.values.global");
        if (values.GetValueOrDefault(component.ValuesRoot) is not Dictionary<string, object?> own)
            throw OperatorErrors.Single("HelmValuesInvalid", $"values.{component.ValuesRoot} must be a map for the {component.Name} component", path: "spec.values." + component.ValuesRoot);
        var flat = TreeOps.NewMap();
        switch (style)
        {
            case FlattenStyle.GlobalsAtTop:
                foreach (var (k, v) in globals!) flat[k] = v;
                break;
            case FlattenStyle.ApiScalarsAndGlobalsAtTop:
                foreach (var (k, v) in apiValues.Where(e => e.Value is not Dictionary<string, object?>)) flat[k] = v;
                foreach (var (k, v) in globals!) flat[k] = v;
                break;
            case FlattenStyle.GlobalNestedWithTopLevelFields:
                flat["global"] = values.GetValueOrDefault("global");
                foreach (var (k, v) in apiValues.Where(e => e.Value is not Dictionary<string, object?>)) flat[k] = v;
                foreach (var k in TopLevelFields)
                    if (values.TryGetValue(k, out var v)) flat[k] = v;
                break;
            case FlattenStyle.GlobalNestedWithValueScalars:
                flat["global"] = values.GetValueOrDefault("global");
                foreach (var (k, v) in values.Where(e => e.Value is not Dictionary<string, object?>)) flat[k] = v;
                break;
        }
        foreach (var (k, v) in own) flat[k] = v;
        return flat;
    }

    /// <summary>ProtoToValues: what the translator derives from the API before spec.values is overlaid.</summary>
    internal static Dictionary<string, object?> ApiValues(IstioctlRelease release, Dictionary<string, object?> spec)
    {
        var root = TreeOps.NewMap();
        // APIMapping: hub -> global.hub, tag -> global.tag, revision -> revision, meshConfig -> meshConfig (and, from 1.21,
        // compatibilityVersion -> compatibilityVersion). Empty strings are skipped.
        var mapping = new List<(string, string)> { ("hub", "global.hub"), ("tag", "global.tag"), ("revision", "revision"), ("meshConfig", "meshConfig") };
        if (release.MapsCompatibilityVersion) mapping.Add(("compatibilityVersion", "compatibilityVersion"));
        foreach (var (apiKey, outPath) in mapping)
        {
            if (!spec.TryGetValue(apiKey, out var v) || v == null) continue;
            if (v is string s && s.Length == 0) continue;
            TreeOps.WriteNode(root, TreePath.Parse(outPath), TreeOps.Clone(v));
        }

        // setComponentProperties walks the non-gateway components in reverse name order; Base and IstiodRemote share "global".
        foreach (var c in new[] { ComponentCatalog.Ztunnel, ComponentCatalog.Pilot, ComponentCatalog.IstiodRemote, ComponentCatalog.Cni, ComponentCatalog.Base })
        {
            var enablementRoot = c == ComponentCatalog.Cni ? "istio_cni" : c.ValuesRoot;
            TreeOps.WriteNode(root, TreePath.Parse(enablementRoot + ".enabled"), OperatorSpec.IsComponentEnabled(spec, c));
            TreeOps.WriteNode(root, TreePath.Parse(c.ValuesRoot + ".namespace"), OperatorSpec.ComponentNamespace(spec, c));
            var componentSpec = OperatorSpec.ComponentSpec(spec, c);
            if (componentSpec?.GetValueOrDefault("hub") is { } hub && !(hub is string hs && hs.Length == 0))
                TreeOps.WriteNode(root, TreePath.Parse(c.ValuesRoot + ".hub"), hub);
            if (componentSpec?.GetValueOrDefault("tag") is { } tag)
            {
                var tagText = tag is string ts ? ts : GoText.Sprint(tag);
                if (tagText.Length > 0) TreeOps.WriteNode(root, TreePath.Parse(c.ValuesRoot + ".tag"), tagText);
            }
        }
        TreeOps.WriteNode(root, TreePath.Parse("global.istioNamespace"), OperatorSpec.ComponentNamespace(spec, ComponentCatalog.Pilot));

        if (release.TranslatesDeprecatedHpaFields && HasDeprecatedHpaFields(spec)) TreeOps.WriteNode(root, TreePath.Parse("global.autoscalingv2API"), false);
        return root;
    }

    // applyGatewayTranslations: only when the gateway's values root already exists.
    private static void ApplyGatewayValues(Dictionary<string, object?> values, ComponentInfo component, Dictionary<string, object?> gw)
    {
        if (values.GetValueOrDefault("gateways") is not Dictionary<string, object?> gateways) return;
        var key = component.ValuesRoot["gateways.".Length..];
        if (gateways.GetValueOrDefault(key) is not Dictionary<string, object?> gwValues) return;
        gwValues["name"] = gw.GetValueOrDefault("name") as string ?? "";
        if (gw.GetValueOrDefault("label") is Dictionary<string, object?> { Count: > 0 } labels) gwValues["labels"] = TreeOps.Clone(labels);
        if (TreeOps.TryFind(gw, new[] { "k8s", "service", "ports" }, out var ports) && ports is List<object?>)
            gwValues["ports"] = TreeOps.Clone(ports);
    }

    // checkDeprecatedHPAFields: autoscaling/v2beta1 metric fields in pilot's or the default gateways' hpaSpec.
    private static bool HasDeprecatedHpaFields(Dictionary<string, object?> spec)
    {
        var hpaSpecs = new List<Dictionary<string, object?>>();
        if (TreeOps.FindMap(spec, "components.pilot.k8s.hpaSpec") is { } pilotHpa) hpaSpecs.Add(pilotHpa);
        foreach (var (listKey, defaultName) in new[] { ("ingressGateways", "istio-ingressgateway"), ("egressGateways", "istio-egressgateway") })
        {
            if (TreeOps.FindMap(spec, "components")?.GetValueOrDefault(listKey) is not List<object?> gws) continue;
            foreach (var g in gws.OfType<Dictionary<string, object?>>())
                if (g.GetValueOrDefault("name") as string == defaultName && TreeOps.FindMap(g, "k8s.hpaSpec") is { } h) hpaSpecs.Add(h);
        }
        foreach (var hpa in hpaSpecs)
        {
            if (hpa.GetValueOrDefault("metrics") is not List<object?> metrics) continue;
            foreach (var m in metrics.OfType<Dictionary<string, object?>>())
            {
                if (Has(m, "object", "metricName", "averageValue", "selector", "targetValue")) return true;
                if (Has(m, "pods", "metricName", "selector", "targetAverageValue")) return true;
                if (Has(m, "resource", "targetAverageValue")) return true;
                if (m.GetValueOrDefault("resource") is Dictionary<string, object?> r && r.GetValueOrDefault("targetAverageUtilization") is double u && u != 0) return true;
                if (Has(m, "external", "targetAverageValue", "targetValue", "metricName", "metricSelector")) return true;
            }
        }
        return false;
    }

    private static bool Has(Dictionary<string, object?> metric, string source, params string[] fields) =>
        metric.GetValueOrDefault(source) is Dictionary<string, object?> s && fields.Any(f => s.GetValueOrDefault(f) is { } v && !(v is string str && str.Length == 0));
}
