namespace MeshOps.Engine.Charts;

/// <summary>The output of one template file, named as Helm names it (<c>chart/templates/x.yaml</c>, <c>chart/charts/sub/templates/y.yaml</c>).</summary>
public sealed record RenderedTemplate(string Path, string Content);

/// <summary>A CRD file of the chart or a subchart (crds/), raw, named <c>chart/crds/x.yaml</c>.</summary>
public sealed record ChartCrd(string Path, string Content);

/// <summary>
/// One YAML document of the rendered output, as Helm's manifest sorter sees it: the file it came from, its text
/// (trimmed), and the head fields Helm reads.
/// </summary>
public sealed record HelmManifest(string Path, string Content, string ApiVersion, string Kind, string Name)
{
    /// <summary>Hook events (helm.sh/hook, lower-cased) when the document is a hook; empty for ordinary manifests.</summary>
    public IReadOnlyList<string> HookEvents { get; init; } = Array.Empty<string>();

    /// <summary>helm.sh/hook-weight (0 when absent or not an integer).</summary>
    public int HookWeight { get; init; }

    /// <summary>Whether this document is a hook.</summary>
    public bool IsHook => HookEvents.Count > 0;
}
