using System.Collections.Concurrent;

namespace MeshOps.Engine.Charts;

/// <summary>
/// A loaded Helm chart, immutable after <see cref="ChartLoader"/> built it: metadata, default values, schema,
/// templates, other files (crds/ included) and the subcharts found under charts/.
/// </summary>
public sealed class Chart
{
    private readonly List<Chart> _dependencies = new();

    internal Chart(ChartMetadata metadata, Dictionary<string, object?> values, byte[]? schema,
        IReadOnlyList<ChartFile> templates, IReadOnlyList<ChartFile> files, string? source)
    {
        Metadata = metadata;
        Values = values;
        Schema = schema;
        Templates = templates;
        Files = files;
        Source = source;
    }

    /// <summary>Chart.yaml.</summary>
    public ChartMetadata Metadata { get; }

    /// <summary>The chart's name (Chart.yaml name).</summary>
    public string Name => Metadata.Name;

    /// <summary>values.yaml as Helm reads it (all documents merged). Callers must not change it.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>values.schema.json, or null.</summary>
    public byte[]? Schema { get; }

    /// <summary>Every file under templates/ (partials and NOTES.txt included), in load order.</summary>
    public IReadOnlyList<ChartFile> Templates { get; }

    /// <summary>All other files (crds/, files/, README...), as .Files sees them.</summary>
    public IReadOnlyList<ChartFile> Files { get; }

    /// <summary>Subcharts found under charts/ (directories and archives), before conditions and aliases apply.</summary>
    public IReadOnlyList<Chart> Dependencies => _dependencies;

    /// <summary>The chart that holds this one in its charts/ folder; null for the top chart.</summary>
    public Chart? Parent { get; private set; }

    /// <summary>Where it was loaded from (a directory, an archive, or a path inside one); for messages.</summary>
    public string? Source { get; }

    /// <summary>Parsed template sets, keyed by which templates they hold (see HelmRenderer).</summary>
    internal ConcurrentDictionary<string, Lazy<Templating.TemplateSet>> TemplateCache { get; } = new(StringComparer.Ordinal);

    /// <summary>The internal mutable dictionary behind <see cref="Values"/>, for deep copies.</summary>
    internal Dictionary<string, object?> ValuesMap => (Dictionary<string, object?>)Values;

    internal void AddDependency(Chart child)
    {
        child.Parent = this;
        _dependencies.Add(child);
    }

    /// <summary>Files under crds/ with a manifest extension (.yaml, .yml, .json), as Helm's CRDObjects picks them.</summary>
    internal IEnumerable<ChartFile> CrdFiles => Files.Where(f => f.Name.StartsWith("crds/", StringComparison.Ordinal) && HasManifestExtension(f.Name));

    private static bool HasManifestExtension(string name)
    {
        var ext = Path.GetExtension(name);
        return ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".yml", StringComparison.OrdinalIgnoreCase)
            || ext.Equals(".json", StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => $"{Name} {Metadata.Version}";
}
