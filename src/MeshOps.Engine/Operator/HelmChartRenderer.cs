using System.Text;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Operator;

/// <summary>The engine's Helm renderer (Charts/) driven the way istioctl's helm.renderChart drives Helm.</summary>
internal sealed class HelmChartRenderer : IChartRenderer
{
    // One Generate call renders a chart once per gateway: ask the session cache once per folder and renderer.
    private readonly Dictionary<string, Chart> _charts = new(StringComparer.Ordinal);
    private readonly KubernetesVersion? _cluster;
    private readonly Hosting.IMeshHost _host;

    /// <param name="cluster">The cluster's /version (install), or null to render as manifest generate does.</param>
    /// <param name="host">Hears when a chart is loaded or reloaded into the session cache.</param>
    public HelmChartRenderer(KubernetesVersion? cluster = null, Hosting.IMeshHost? host = null)
    {
        _cluster = cluster;
        _host = host ?? Hosting.NullMeshHost.Instance;
    }

    /// <summary>The options istioctl's renderChart gives Helm for one chart.</summary>
    internal RenderOptions Options(string @namespace, CancellationToken cancellationToken, IstioctlRelease? release = null) => Options(release ?? Istioctl1185, @namespace, cancellationToken);

    private static readonly IstioctlRelease Istioctl1185 = IstioctlRelease.For(Releases.IstioVersion.Parse("1.18.5"));

    private RenderOptions Options(IstioctlRelease release, string @namespace, CancellationToken cancellationToken) => new()
    {
        ReleaseName = "istio",
        Namespace = @namespace,
        // chartutil.ToRenderValues with only Name and Namespace: neither install nor upgrade, revision 0.
        IsInstall = false,
        IsUpgrade = false,
        Revision = 0,
        KubeVersionInfo = IstioctlCapabilities.KubeVersion(_cluster, release),
        Helm = IstioctlCapabilities.Helm,
        // Before 1.24, istio's go.mod pins Sprig's imdario/mergo to v0.3.5 (nil values never overwrite in mergeOverwrite).
        MergoCompatibility = release.UsesMergo035 ? Templating.Functions.MergoCompatibility.V0_3_5 : Templating.Functions.MergoCompatibility.Current,
        // istioctl links Masterminds/semver v3.2-v3.3 before 1.28: pre-release versions are let in per comparison.
        SemverCompatibility = release.UsesSemver34 ? Versions.SemverCompatibility.Current : Versions.SemverCompatibility.V3_3,
        CancellationToken = cancellationToken,
    };

    public string Render(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace, CancellationToken cancellationToken)
    {
        var (chart, result) = RenderChart(release, chartDirectory, values, @namespace, cancellationToken);
        var sb = new StringBuilder();
        AppendTemplates(sb, result);
        if (WithCrds(chart, values))
            foreach (var crd in result.Crds.OrderBy(c => c.Path, StringComparer.Ordinal))
                sb.Append(Document(crd.Content));
        return sb.ToString();
    }

    /// <summary>
    /// The same objects as parsing <see cref="Render"/>'s manifest, with the crds/ files' objects taken from
    /// <see cref="ChartDocumentCache"/>: only the templates' output is parsed per render.
    /// </summary>
    public List<ManifestObject> RenderObjects(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace,
        string component, CancellationToken cancellationToken)
    {
        var (chart, result) = RenderChart(release, chartDirectory, values, @namespace, cancellationToken);
        var crds = new List<SharedDocument>();
        if (WithCrds(chart, values))
        {
            foreach (var crd in result.Crds.OrderBy(c => c.Path, StringComparer.Ordinal))
            {
                // A crds/ file that is not all objects: parse the joined manifest, for the error exactly as before.
                if (ChartDocumentCache.Crd(chart, crd.Path, crd.Content) is not { } docs) return FromJoinedText();
                crds.AddRange(docs);
            }
        }
        var sb = new StringBuilder();
        AppendTemplates(sb, result);
        List<ManifestObject> objects;
        try
        {
            // Identical template output (the same chart and values again) is parsed once per session.
            objects = RenderedDocumentCache.Session.Objects(sb.ToString(), component, text => ManifestGenerator.ParseObjects(text, component, chartDirectory));
        }
        catch (Hosting.MeshException)
        {
            // Line numbers and parser errors are those of the whole manifest, as before.
            return FromJoinedText();
        }
        foreach (var doc in crds) objects.Add(new ManifestObject(component, doc));
        return objects;

        List<ManifestObject> FromJoinedText() =>
            ManifestGenerator.ParseObjects(Render(release, chartDirectory, values, @namespace, cancellationToken), component, chartDirectory);
    }

    private (Chart Chart, RenderResult Result) RenderChart(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace,
        CancellationToken cancellationToken)
    {
        if (!_charts.TryGetValue(chartDirectory, out var chart))
        {
            if (!Directory.Exists(chartDirectory))
                throw OperatorErrors.Single("ChartNotFound",
                    $"chart folder \"{chartDirectory}\" does not exist; the manifests folder must hold Istio {release.Version}'s charts/", chartDirectory,
                    kind: Hosting.MeshErrorKind.ObjectNotFound);
            chart = ChartSessionCache.Load(chartDirectory, _host);
            _charts[chartDirectory] = chart;
        }
        return (chart, HelmRenderer.Render(chart, values, Options(release, @namespace, cancellationToken)));
    }

    private static void AppendTemplates(StringBuilder sb, RenderResult result)
    {
        var templates = result.Templates.Where(t => !t.Path.EndsWith("NOTES.txt", StringComparison.Ordinal)).OrderBy(t => t.Path, StringComparer.Ordinal).ToList();
        // Sized once and appended as spans: growing the builder and building each file's string copied the text several times.
        sb.EnsureCapacity(sb.Length + templates.Sum(t => t.Content.Length + 6));
        foreach (var template in templates) AppendDocument(sb, template.Content);
    }

    /// <summary>Appends <see cref="Document"/>(<paramref name="content"/>) without building it as a string.</summary>
    internal static void AppendDocument(StringBuilder sb, string content)
    {
        var trimmed = content.AsSpan().Trim();
        sb.Append(trimmed).Append('\n');
        if (!trimmed.EndsWith("\n---", StringComparison.Ordinal)) sb.Append("\n---\n");
    }

    private static bool WithCrds(Chart chart, Dictionary<string, object?> values) =>
        !(chart.Name == "base" && values.GetValueOrDefault("base") is Dictionary<string, object?> b && b.GetValueOrDefault("enableIstioConfigCRDs") is false);

    /// <summary>One file of the joined manifest: trimmed, a newline, then "---" and a newline unless it already ends with one.</summary>
    internal static string Document(string content)
    {
        var f = content.Trim() + "\n";
        if (!f.EndsWith("\n---\n", StringComparison.Ordinal)) f += "\n---\n";
        return f;
    }
}
