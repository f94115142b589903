namespace MeshOps.Engine.Charts;

/// <summary>What <see cref="HelmRenderer.Render"/> produced.</summary>
public sealed class RenderResult
{
    internal RenderResult(IReadOnlyList<RenderedTemplate> templates, string notes, IReadOnlyList<ChartCrd> crds, bool includeCrds,
        IReadOnlyDictionary<string, object?> values)
    {
        Templates = templates;
        Notes = notes;
        Crds = crds;
        IncludeCrds = includeCrds;
        Values = values;
    }

    /// <summary>
    /// Every non-partial template's output (the map Helm's engine.Render returns, NOTES.txt excluded), sorted by path
    /// bytewise. Outputs that are empty or only whitespace are included, as the engine returns them; Helm's manifest
    /// sorter (and <see cref="HelmTemplateWriter"/>) skips them.
    /// </summary>
    public IReadOnlyList<RenderedTemplate> Templates { get; }

    /// <summary>The top chart's rendered NOTES.txt ("" when it has none).</summary>
    public string Notes { get; }

    /// <summary>The crds/ files of the chart and its enabled subcharts, in Helm's CRDObjects order.</summary>
    public IReadOnlyList<ChartCrd> Crds { get; }

    /// <summary>Whether the render options asked for CRDs in the output (helm template --include-crds).</summary>
    public bool IncludeCrds { get; }

    /// <summary>The coalesced values the top chart saw as .Values.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; }
}
