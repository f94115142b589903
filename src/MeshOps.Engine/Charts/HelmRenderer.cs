using MeshOps.Engine.Hosting;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Exec;
using MeshOps.Engine.Versions;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Renders a chart as <c>helm template</c> does (Helm 4.1: pkg/action/install.go, pkg/engine/engine.go):
/// dependencies processed, values coalesced and checked against values.schema.json, every template of the chart and
/// its subcharts parsed into one template set and executed with its own scope.
/// </summary>
public static class HelmRenderer
{
    private const string NotesSuffix = "NOTES.txt";

    /// <summary>
    /// Renders <paramref name="chart"/> with the user's values (from <see cref="HelmValueOptions.Merge"/> or built by
    /// hand). The chart is not modified; its parsed templates are cached on it for later renders.
    /// Throws MeshException (ChartNotInstallable, ChartDependencyMissing, SchemaValidationFailed,
    /// KubeVersionIncompatible, ValuesInvalid), TemplateParseException or TemplateExecException (Helm's wording).
    /// </summary>
    public static RenderResult Render(Chart chart, IDictionary<string, object?>? userValues, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        options ??= new RenderOptions();
        var ct = options.CancellationToken;
        ct.ThrowIfCancellationRequested();

        if (chart.Metadata.Type is not ("" or "application"))
            throw new MeshException(ChartErrors.ChartNotInstallable, MeshErrorKind.InvalidOperation,
                $"{chart.Metadata.Type} charts are not installable ({chart.Name} is a {chart.Metadata.Type} chart: render a chart that depends on it).", chart.Name);
        if (chart.Metadata.Dependencies.Count > 0) ChartDependencyProcessor.CheckDependencies(chart);

        var vals = userValues is null ? ValueTables.NewMap() : ValueTables.DeepCopyMap(new Dictionary<string, object?>(userValues, StringComparer.Ordinal));
        var root = ChartDependencyProcessor.Process(chart, vals, options.Warning, options.SemverCompatibility);
        var capabilities = HelmBuiltins.CreateCapabilities(options);

        var coalesced = ValueTables.CoalesceValues(root, vals, options.Warning);
        if (!options.SkipSchemaValidation) ValuesSchemaValidator.Validate(root, coalesced);

        if (root.Metadata.KubeVersion.Length > 0)
        {
            // Helm 4 checks the numbers-only String() ("v1.27.3" for "v1.27.3-gke.100") and names the version as given.
            var kube = capabilities.KubeVersion;
            if (!SemVersionConstraint.IsCompatibleRange(root.Metadata.KubeVersion, kube.ToString(), options.SemverCompatibility))
                throw new MeshException(ChartErrors.KubeVersionIncompatible, MeshErrorKind.InvalidOperation,
                    $"chart requires kubeVersion: {root.Metadata.KubeVersion} which is incompatible with Kubernetes {kube.Version}", chart.Name);
        }

        var top = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Capabilities"] = capabilities,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = options.ReleaseName,
                ["Namespace"] = options.Namespace,
                ["IsUpgrade"] = options.IsUpgrade,
                ["IsInstall"] = options.IsInstall,
                ["Revision"] = options.Revision,
                ["Service"] = "Helm",
            },
            ["Values"] = coalesced,
        };

        var renderables = new Dictionary<string, Renderable>(StringComparer.Ordinal);
        CollectTemplates(root, top, renderables);
        var order = ParseOrder(renderables.Keys);

        var set = GetTemplateSet(chart, options, order, renderables).Clone();
        // One large-stack thread for the whole render rather than one per template (Execute starts one when
        // called elsewhere): starting a thread costs more than executing most templates.
        var (rendered, notes) = LargeStack.Run(() => ExecuteAll(set, order, renderables, root, ct));
        rendered.Sort((a, b) => Utf8Ordinal.Compare(a.Path, b.Path));

        var crds = new List<ChartCrd>();
        CollectCrds(root, crds);
        return new RenderResult(rendered, notes, crds, options.IncludeCrds, coalesced);
    }

    /// <summary>Executes every non-partial template in parse order; NOTES.txt of the root chart becomes the notes.</summary>
    private static (List<RenderedTemplate> Rendered, string Notes) ExecuteAll(
        TemplateSet set, List<string> order, Dictionary<string, Renderable> renderables, ChartNode root, CancellationToken ct)
    {
        var rendered = new List<RenderedTemplate>();
        var notes = "";
        foreach (var name in order)
        {
            ct.ThrowIfCancellationRequested();
            if (BaseName(name).StartsWith('_')) continue;
            var r = renderables[name];
            r.Scope["Template"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Name"] = name, ["BasePath"] = r.BasePath };
            string output;
            try
            {
                output = set.Execute(name, r.Scope, ct);
            }
            catch (TemplateExecException e)
            {
                throw HelmErrors.Execution(name, e);
            }
            // Go prints "<no value>" for missing keys even with missingkey=zero; Helm blanks it.
            output = output.Replace("<no value>", "", StringComparison.Ordinal);
            if (name.EndsWith(NotesSuffix, StringComparison.Ordinal))
            {
                if (name == root.Name + "/templates/" + NotesSuffix) notes = output;
                continue;
            }
            rendered.Add(new RenderedTemplate(name, output));
        }
        return (rendered, notes);
    }

    /// <summary>One template file with the scope (dot) it executes with.</summary>
    private sealed record Renderable(string Text, Dictionary<string, object?> Scope, string BasePath);

    /// <summary>Helm's recAllTpls: builds each chart's top-level object and registers its templates.</summary>
    private static Dictionary<string, object?> CollectTemplates(ChartNode chart, Dictionary<string, object?> parent, Dictionary<string, Renderable> templates)
    {
        var subcharts = new Dictionary<string, object?>(StringComparer.Ordinal);
        var next = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Chart"] = chart.Metadata.ToTemplateMap(chart.IsRoot),
            ["Files"] = HelmBuiltins.CreateFiles(chart.Source.Files),
            ["Release"] = parent.GetValueOrDefault("Release"),
            ["Capabilities"] = parent.GetValueOrDefault("Capabilities"),
            ["Values"] = ValueTables.NewMap(),
            ["Subcharts"] = subcharts,
        };
        if (chart.IsRoot) next["Values"] = parent.GetValueOrDefault("Values");
        else if (ValueTables.Table(parent, "Values." + chart.Name) is { } scoped) next["Values"] = scoped;

        foreach (var child in chart.Dependencies) subcharts[child.Name] = CollectTemplates(child, next, templates);

        var basePath = chart.FullPath + "/templates";
        foreach (var t in chart.Source.Templates)
        {
            // A library chart only contributes its definitions.
            if (chart.Metadata.IsLibrary && !BaseName(t.Name).StartsWith('_')) continue;
            templates[chart.FullPath + "/" + t.Name] = new Renderable(t.Text, next, basePath);
        }
        return next;
    }

    private static void CollectCrds(ChartNode chart, List<ChartCrd> crds)
    {
        foreach (var f in chart.Source.CrdFiles) crds.Add(new ChartCrd(chart.FullPath + "/" + f.Name, f.Text));
        foreach (var child in chart.Dependencies) CollectCrds(child, crds);
    }

    /// <summary>Helm's sortTemplates: deepest paths first, equal depths in descending name order.</summary>
    private static List<string> ParseOrder(IEnumerable<string> names)
    {
        var list = names.ToList();
        list.Sort((a, b) =>
        {
            var ca = a.Count(c => c == '/');
            var cb = b.Count(c => c == '/');
            return ca != cb ? cb.CompareTo(ca) : Utf8Ordinal.Compare(b, a);
        });
        return list;
    }

    /// <summary>The parsed set for exactly these templates, parsed once per chart and option set.</summary>
    private static TemplateSet GetTemplateSet(Chart chart, RenderOptions options, List<string> order, Dictionary<string, Renderable> renderables)
    {
        // The function table differs by mergo and semver rules, so sets parsed against one must not serve another.
        var key = (options.Strict ? "strict\n" : "zero\n") + options.MergoCompatibility + "\n" + options.SemverCompatibility + "\n" + string.Join('\n', order);
        var lazy = chart.TemplateCache.GetOrAdd(key, _ => new Lazy<TemplateSet>(() =>
        {
            var set = new TemplateSet(HelmBuiltins.CreateFunctions(options),
                new TemplateOptions { MissingKey = options.Strict ? MissingKeyMode.Error : MissingKeyMode.Zero });
            foreach (var name in order)
            {
                try
                {
                    set.Parse(name, renderables[name].Text);
                }
                catch (TemplateParseException e)
                {
                    throw HelmErrors.Parse(name, e);
                }
            }
            return set;
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache a failure: the next render reports it again with its own message.
            chart.TemplateCache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>How many template sets have been parsed for this chart (for tests and diagnostics).</summary>
    internal static int CachedTemplateSets(Chart chart) => chart.TemplateCache.Count;

    private static string BaseName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
