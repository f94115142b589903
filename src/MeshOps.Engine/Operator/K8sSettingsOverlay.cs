using System.Globalization;

namespace MeshOps.Engine.Operator;

/// <summary>
/// Applies a component's <c>k8s:</c> settings to its rendered objects as istioctl's
/// Translator.OverlayK8sSettings does: each setting becomes a strategic merge patch of the main resource
/// (Deployment/DaemonSet, its Service, HPA or PDB), located by "[Kind:Name]" and container "[name:X]".
/// </summary>
internal static class K8sSettingsOverlay
{
    // KubernetesMapping of translate.go: setting -> output path ({T}=resource type, {N}=resource name, {C}=container).
    private static readonly (string Setting, string OutPath)[] Mappings =
    {
        ("affinity", "[{T}:{N}].spec.template.spec.affinity"),
        ("env", "[{T}:{N}].spec.template.spec.containers.[name:{C}].env"),
        ("hpaSpec", "[HorizontalPodAutoscaler:{N}].spec"),
        ("imagePullPolicy", "[{T}:{N}].spec.template.spec.containers.[name:{C}].imagePullPolicy"),
        ("nodeSelector", "[{T}:{N}].spec.template.spec.nodeSelector"),
        ("podDisruptionBudget", "[PodDisruptionBudget:{N}].spec"),
        ("podAnnotations", "[{T}:{N}].spec.template.metadata.annotations"),
        ("priorityClassName", "[{T}:{N}].spec.template.spec.priorityClassName."),
        ("readinessProbe", "[{T}:{N}].spec.template.spec.containers.[name:{C}].readinessProbe"),
        ("replicaCount", "[{T}:{N}].spec.replicas"),
        ("resources", "[{T}:{N}].spec.template.spec.containers.[name:{C}].resources"),
        ("strategy", "[{T}:{N}].spec.strategy"),
        ("tolerations", "[{T}:{N}].spec.template.spec.tolerations"),
        ("serviceAnnotations", "[Service:{N}].metadata.annotations"),
        ("service", "[Service:{N}].spec"),
        ("securityContext", "[{T}:{N}].spec.template.spec.securityContext"),
    };

    private static readonly Dictionary<string, string> AutoscaleEnabledPath = new()
    {
        ["Pilot"] = "pilot.autoscaleEnabled",
        ["IngressGateways"] = "gateways.istio-ingressgateway.autoscaleEnabled",
        ["EgressGateways"] = "gateways.istio-egressgateway.autoscaleEnabled",
    };

    /// <param name="objects">The component's rendered objects, patched in place (order kept).</param>
    /// <param name="k8s">The component's k8s settings (components.X.k8s), or null.</param>
    /// <param name="resourceName">The gateway's name for gateways; null for core components.</param>
    public static void Apply(IstioctlRelease release, List<ManifestObject> objects, Dictionary<string, object?> spec, ComponentInfo component, Dictionary<string, object?>? k8s, string? resourceName)
    {
        if (k8s == null) return;
        var render = release.Family == IstioctlFamily.Render;
        foreach (var (setting, template) in Mappings)
        {
            if (!k8s.TryGetValue(setting, out var value) || value == null) continue;
            // The translator (1.18-1.23) reads a proto, where "" and 0 are "not set"; 1.24+ patches whatever the map holds.
            if (!render && value is string s && s.Length == 0) continue;
            if (!render && value is double d && d == 0) continue;
            if (component == ComponentCatalog.Base)
            {
                // 1.24+ has no resource for base, so its settings match nothing; the translator refuses them.
                if (render) continue;
                throw OperatorErrors.Single("K8sSettingsNotSupported",
                    $"base component can only have k8s.overlays, not other K8s settings (found components.base.k8s.{setting}); move it into an overlay",
                    path: "spec.components.base.k8s." + setting);
            }
            if (component.ResourceType == null) continue; // istiod-remote has no main resource: istioctl errors out in its template step
            var name = string.IsNullOrEmpty(resourceName) ? component.ResourceName! : resourceName!;
            var revision = OperatorSpec.Revision(spec);
            if (revision.Length > 0 && name == "istiod") name += "-" + revision;
            var outPath = TreePath.Parse(template.Replace("{T}", component.ResourceType).Replace("{N}", name).Replace("{C}", component.ContainerName ?? ""));
            TreePath.TryRemoveBrackets(outPath[0], out var kindName);
            // The translator patches the last object of that kind and name; 1.24+ patches every one.
            var targets = render
                ? objects.Where(o => o.Kind + ":" + o.Name == kindName).ToList()
                : objects.LastOrDefault(o => o.Kind + ":" + o.Name == kindName) is { } last ? new List<ManifestObject> { last } : new List<ManifestObject>();
            if (targets.Count == 0) continue; // istioctl skips settings whose resource is not rendered
            if (!render && setting == "replicaCount" && AutoscaleEnabled(spec, component)) continue;

            var patchValue = TreeOps.Clone(value);
            // 1.24+ leaves a gateway's Service ports to the chart (they are Helm values there): the patch's ports are emptied.
            if (render && setting == "service" && component.IsGateway && patchValue is Dictionary<string, object?> gwService && gwService.ContainsKey("ports"))
                gwService["ports"] = new List<object?>();
            var patch = PatchFromPath(patchValue, outPath.Skip(1).ToList(), setting);
            foreach (var target in targets)
            {
                var merged = StrategicMerge.Merge(target.Value, patch, new KubeMergeSchema(target.Kind));
                if (!render && setting == "service" && value is Dictionary<string, object?> svc && svc.GetValueOrDefault("ports") is List<object?> ports)
                    FixServicePorts(target.Value, merged, ports);
                if (target.Kind == "PodDisruptionBudget") ResolvePdbConflict(release, merged);
                target.Replace(merged);
            }
        }
    }

    private static bool AutoscaleEnabled(Dictionary<string, object?> spec, ComponentInfo component) =>
        AutoscaleEnabledPath.TryGetValue(component.Name, out var path)
        && TreeOps.TryFind(spec.GetValueOrDefault("values"), path, out var v) && v is true;

    // createPatchObjectFromPath: nested maps, a one-item list {key: value} for each [key:value] element.
    private static Dictionary<string, object?> PatchFromPath(object? value, List<string> path, string setting)
    {
        var root = TreeOps.NewMap();
        object current = root;
        for (var i = 0; i < path.Count; i++)
        {
            var pe = path[i];
            var last = i == path.Count - 1;
            if (TreePath.TryKeyValue(pe, out var k, out var v))
            {
                var item = TreeOps.NewMap();
                item[k] = v;
                ((List<object?>)current).Add(item);
                current = item;
                continue;
            }
            var map = (Dictionary<string, object?>)current;
            if (last)
            {
                map[pe] = value;
                break;
            }
            object next = TreePath.IsKeyValue(path[i + 1]) ? new List<object?>() : TreeOps.NewMap();
            map[pe] = next;
            current = next;
        }
        return root;
    }

    // fixMergedObjectWithCustomServicePortOverlay: Service ports merge by (port, protocol), base order first.
    private static void FixServicePorts(Dictionary<string, object?> original, Dictionary<string, object?> merged, List<object?> overlayPorts)
    {
        // Both lists go through Go's v1.ServicePort: unknown fields drop, port and targetPort are always written.
        var basePorts = (TreeOps.FindMap(original, "spec")?.GetValueOrDefault("ports") as List<object?> ?? new List<object?>())
            .OfType<Dictionary<string, object?>>().Select(AsServicePort).ToList();
        var overlay = new List<Dictionary<string, object?>>();
        foreach (var p in overlayPorts.OfType<Dictionary<string, object?>>())
        {
            var port = TreeOps.NewMap();
            if (p.GetValueOrDefault("name") is string n && n.Length > 0) port["name"] = n;
            port["protocol"] = (p.GetValueOrDefault("protocol") as string)?.ToLowerInvariant() == "udp" ? "UDP" : "TCP";
            if (p.GetValueOrDefault("appProtocol") is string ap && ap.Length > 0) port["appProtocol"] = ap;
            port["port"] = ToNumber(p.GetValueOrDefault("port"));
            port["targetPort"] = p.GetValueOrDefault("targetPort") is string tps ? tps : ToNumber(p.GetValueOrDefault("targetPort"));
            if (ToNumber(p.GetValueOrDefault("nodePort")) is double np && np != 0) port["nodePort"] = np;
            overlay.Add(port);
        }
        string KeyOf(Dictionary<string, object?> p)
        {
            if (p.GetValueOrDefault("protocol") is not string proto || proto.Length == 0) p["protocol"] = "TCP";
            return GoText.Sprint(p.GetValueOrDefault("port") ?? 0.0) + "/" + p["protocol"];
        }
        var priority = basePorts.Select(KeyOf).Concat(overlay.Select(KeyOf)).ToList();
        var mergedPorts = new Dictionary<string, Dictionary<string, object?>>();
        var order = new List<string>();
        foreach (var p in basePorts.Concat(overlay))
        {
            var key = KeyOf(p);
            if (!mergedPorts.ContainsKey(key)) order.Add(key);
            mergedPorts[key] = p;
        }
        var result = order.OrderBy(k => priority.IndexOf(k)).Select(k => (object?)mergedPorts[k]).ToList();
        if (merged.GetValueOrDefault("spec") is Dictionary<string, object?> mergedSpec) mergedSpec["ports"] = result;
    }

    private static Dictionary<string, object?> AsServicePort(Dictionary<string, object?> p)
    {
        var port = TreeOps.NewMap();
        foreach (var field in new[] { "name", "protocol", "appProtocol" })
            if (p.GetValueOrDefault(field) is string v && v.Length > 0) port[field] = v;
        port["port"] = ToNumber(p.GetValueOrDefault("port"));
        port["targetPort"] = p.GetValueOrDefault("targetPort") is string tps ? tps : ToNumber(p.GetValueOrDefault("targetPort"));
        if (ToNumber(p.GetValueOrDefault("nodePort")) is double np && np != 0) port["nodePort"] = np;
        return port;
    }

    private static object? ToNumber(object? v) => v switch
    {
        double d => d,
        long l => (double)l,
        int i => (double)i,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        null => 0.0,
        _ => v,
    };

    // A PDB keeps maxUnavailable over minAvailable (see IstioctlRelease.NullsPdbMinAvailable for how each release does it).
    private static void ResolvePdbConflict(IstioctlRelease release, Dictionary<string, object?> pdb)
    {
        if (pdb.GetValueOrDefault("spec") is not Dictionary<string, object?> spec) return;
        if (release.NullsPdbMinAvailable)
        {
            if (spec.ContainsKey("maxUnavailable") && spec.ContainsKey("minAvailable")) spec["minAvailable"] = null;
            return;
        }
        if (spec.GetValueOrDefault("maxUnavailable") is { } max && spec.GetValueOrDefault("minAvailable") is { } min && !IsZero(max) && !IsZero(min))
            spec.Remove("minAvailable");
    }

    private static bool IsZero(object v) => v switch
    {
        double d => d == 0,
        string s => !(s.EndsWith('%') ? double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p != 0 : false),
        _ => true,
    };
}
