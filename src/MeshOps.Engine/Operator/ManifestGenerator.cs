using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Operator;

/// <summary>
/// <c>istioctl manifest generate</c> (1.18.5): merges profile, files and --set into one IstioOperator, validates
/// it, translates it into Helm values per component, renders each enabled component's chart, then applies the
/// component's k8s settings and overlays.
/// </summary>
public static class ManifestGenerator
{
    /// <summary>Generates the manifest of a request. Throws <see cref="IstioOperatorException"/> (a MeshException) for bad input.</summary>
    public static GeneratedManifest Generate(GenerateRequest request, IMeshHost host, CancellationToken cancellationToken = default) =>
        Generate(request, host, new HelmChartRenderer(request?.KubernetesVersion, host), cancellationToken);

    internal static GeneratedManifest Generate(GenerateRequest request, IMeshHost host, IChartRenderer renderer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(host);
        var merged = OperatorConfigBuilder.Build(request, host);
        var release = merged.Release;
        var selected = SelectComponents(release, request.Components);
        var spec = merged.Spec;
        var warnings = merged.Warnings.Select(w => w.ToString()).ToList();

        var components = new List<ComponentManifest>();
        var steps = ComponentPlan.For(release, merged.IstioOperator);
        using var progress = new ProgressActivity(host, ProgressIds.Generate, "Generating the Istio manifest");
        var done = 0;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            done++;
            var component = step.Component;
            if (!selected.Contains(component.Name)) continue;
            progress.Report(step.Label, done * 100 / steps.Count);
            if (!step.Enabled)
            {
                host.WriteVerbose($"{step.Label} is disabled");
                components.Add(new ComponentManifest(component.Name, step.Namespace, Array.Empty<ManifestObject>(), false));
                continue;
            }
            var values = HelmValuesTranslator.Translate(release, spec, component, step.IsGateway ? step.Spec : null);
            var chartDir = Path.Combine(merged.ManifestsPath, "charts", component.HelmSubdir);
            host.WriteVerbose($"rendering {step.Label} from {chartDir} into namespace {step.Namespace}");
            var objects = renderer.RenderObjects(release, chartDir, values, step.Namespace, component.Name, cancellationToken);

            var k8s = step.Spec?.GetValueOrDefault("k8s") as Dictionary<string, object?>;
            K8sSettingsOverlay.Apply(release, objects, spec, component, k8s, step.GatewayName);
            if (k8s?.GetValueOrDefault("overlays") is List<object?> overlays)
                ManifestPatcher.Apply(release, objects, step.Namespace, overlays, step.SpecPath + ".k8s.overlays");
            components.Add(new ComponentManifest(component.Name, step.Namespace, objects, true));
        }
        progress.Complete("done");

        var controlPlaneNamespace = steps.FirstOrDefault(st => st.Component == ComponentCatalog.Pilot)?.Namespace ?? OperatorSpec.ComponentNamespace(spec, ComponentCatalog.Pilot);
        var result = new GeneratedManifest(components, merged.IstioOperator, warnings, controlPlaneNamespace, OperatorSpec.Revision(spec), merged.ManifestsPath,
            release.OrdersIstioConfigEarly)
        {
            UserIstioOperator = merged.UserOverlay,
            Profile = merged.Profile,
            IstioVersion = merged.Release.Version,
            WritesInstalledState = merged.Release.WritesInstalledState,
            DeletesInstalledState = merged.Release.DeletesInstalledState,
        };
        var namespaceWarning = NamespaceWarning(result) ?? SpecNamespaceWarning(release, spec, controlPlaneNamespace);
        if (namespaceWarning != null)
        {
            warnings.Add(namespaceWarning);
            host.WriteWarning(namespaceWarning);
        }
        return result;
    }

    /// <summary>The hint for a metadata.namespace that istioctl does not use for the control plane (FACTS.md §1, istio/istio#31517).</summary>
    internal static string? NamespaceWarning(GeneratedManifest manifest)
    {
        var operatorNs = manifest.OperatorNamespace;
        var cp = manifest.ControlPlaneNamespace;
        if (operatorNs.Length == 0 || cp.Length == 0 || operatorNs == cp) return null;
        return $"metadata.namespace is \"{operatorNs}\" but the control plane goes to \"{cp}\": istioctl uses metadata.namespace only for the installed-state object "
               + $"(istio/istio#31517). To install the control plane into \"{operatorNs}\", pass -Namespace {operatorNs} "
               + $"(the same as --set values.global.istioNamespace={operatorNs}) or set spec.values.global.istioNamespace in the file.";
    }

    // 1.24+ place components by metadata.namespace (from values.global.istioNamespace); spec.namespace no longer moves them.
    private static string? SpecNamespaceWarning(IstioctlRelease release, Dictionary<string, object?> spec, string controlPlane) =>
        release.Family == IstioctlFamily.Render && spec.GetValueOrDefault("namespace") is string ns && ns.Length > 0 && ns != controlPlane
            ? $"spec.namespace is \"{ns}\" but istioctl {release.Version} ignores it and puts the control plane in \"{controlPlane}\"; "
              + $"pass -Namespace {ns} (the same as --set values.global.istioNamespace={ns}) to move it."
            : null;

    private static HashSet<string> SelectComponents(IstioctlRelease release, IReadOnlyList<string> requested)
    {
        if (requested.Count == 0) return release.Components.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            if (!release.Components.Any(c => c.Name == name))
                throw OperatorErrors.Single("ComponentNotFound",
                    $"incorrect component name: {name}. Valid options for Istio {release.Version}: {string.Join(", ", release.Components.Select(c => c.Name))}",
                    name, kind: MeshErrorKind.InvalidArgument);
            result.Add(name);
        }
        return result;
    }

    // object.ParseK8sObjectsFromYAMLManifest: every non-empty document must be a Kubernetes object.
    internal static List<ManifestObject> ParseObjects(string manifest, string component, string source)
    {
        var result = new List<ManifestObject>();
        IReadOnlyList<YamlDocument> docs;
        try
        {
            docs = GoYaml.ParseDocuments(manifest, new YamlReadOptions { SourceName = source });
        }
        catch (YamlParseException e) when (e.IsSyntax)
        {
            throw new MeshException("RenderedManifestInvalid", MeshErrorKind.InvalidData,
                $"the {component} chart rendered invalid YAML ({e.Message}); check the values given to it", source, e);
        }
        foreach (var doc in docs)
        {
            if (doc.Value == null) continue;
            if (doc.Value is not Dictionary<string, object?> map || map.GetValueOrDefault("kind") is not string { Length: > 0 })
                throw new MeshException("RenderedManifestInvalid", MeshErrorKind.InvalidData,
                    $"the {component} chart rendered a document at line {doc.StartLine} that is not a Kubernetes object (no kind)", source);
            result.Add(new ManifestObject(component, map));
        }
        return result;
    }
}
