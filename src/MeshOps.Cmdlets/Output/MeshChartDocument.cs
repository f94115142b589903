namespace MeshOps;

/// <summary>
/// A document of Expand-MeshChart -AsObject. Joined as <c>"---\n" + Yaml</c> in order, the documents are the text
/// Expand-MeshChart prints without -AsObject.
/// </summary>
public sealed class MeshChartDocument : MeshManifestDocument
{
    internal MeshChartDocument(string source, string apiVersion, string kind, string @namespace, string name, string yaml)
        : base(apiVersion, kind, @namespace, name, yaml) => Source = source;

    /// <summary>The chart file it was rendered from, as helm's "# Source:" line names it: mychart/templates/service.yaml.</summary>
    public string Source { get; }
}
