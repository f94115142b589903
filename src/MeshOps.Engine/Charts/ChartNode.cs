namespace MeshOps.Engine.Charts;

/// <summary>
/// A chart as one render sees it after Helm's ProcessDependencies: aliases applied, disabled subcharts removed,
/// imported values folded into Values. Helm mutates its chart for this; we build these nodes instead so that a
/// loaded <see cref="Chart"/> stays unchanged and reusable.
/// </summary>
internal sealed class ChartNode
{
    public ChartNode(Chart source, ChartMetadata metadata, Dictionary<string, object?> values)
    {
        Source = source;
        Metadata = metadata;
        Values = values;
    }

    public Chart Source { get; }
    public ChartMetadata Metadata { get; set; }
    public string Name => Metadata.Name;
    public Dictionary<string, object?> Values { get; set; }
    public List<ChartNode> Dependencies { get; private set; } = new();
    public ChartNode? Parent { get; private set; }
    public bool IsRoot => Parent is null;

    /// <summary>Helm's ChartFullPath: <c>parent/charts/child</c> (aliases, not folder names).</summary>
    public string FullPath => IsRoot ? Name : Parent!.FullPath + "/charts/" + Name;

    public void SetDependencies(IEnumerable<ChartNode> children)
    {
        Dependencies = new List<ChartNode>();
        foreach (var c in children)
        {
            c.Parent = this;
            Dependencies.Add(c);
        }
    }

    /// <summary>The loaded tree as it is, without dependency processing.</summary>
    public static ChartNode FromChart(Chart chart)
    {
        var node = new ChartNode(chart, chart.Metadata, chart.ValuesMap);
        node.SetDependencies(chart.Dependencies.Select(FromChart));
        return node;
    }

    /// <summary>A copy of this node (and copies of its children) renamed to an alias, as Helm's getAliasDependency.</summary>
    public ChartNode CopyAs(string? alias)
    {
        var copy = new ChartNode(Source, alias is { Length: > 0 } ? Metadata.WithName(alias) : Metadata.WithName(Metadata.Name), Values);
        copy.SetDependencies(Dependencies.Select(d => d.CopyAs(null)));
        return copy;
    }
}
