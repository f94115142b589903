namespace MeshOps.Engine.Yaml;

/// <summary>One document of a YAML stream, with the positions of its nodes when they were tracked.</summary>
public sealed class YamlDocument
{
    private readonly IReadOnlyDictionary<string, (int Line, int Column)>? _positions;

    internal YamlDocument(object? value, int startLine, IReadOnlyDictionary<string, (int Line, int Column)>? positions)
    {
        Value = value;
        StartLine = startLine;
        _positions = positions;
    }

    /// <summary>The document's value in the engine's value model (see TemplateContracts.cs).</summary>
    public object? Value { get; }

    /// <summary>1-based line in the whole stream where the document's content starts.</summary>
    public int StartLine { get; }

    /// <summary>
    /// Line and column (1-based, in the whole stream) of the node at <paramref name="path"/>, e.g.
    /// <c>spec.components.ingressGateways[0].name</c>; "" is the root. In a key, '.', '[' and '\' are escaped with
    /// a backslash (<c>a\.b</c>). For a mapping entry it is the position of its key (where a user looks for the
    /// field); for a sequence item, where the item starts. Entries that came in through a merge key (&lt;&lt;) point
    /// at the merged mapping. False when not found or when positions were not tracked.
    /// </summary>
    public bool TryGetPosition(string path, out int line, out int column)
    {
        if (_positions != null && _positions.TryGetValue(path, out var p))
        {
            line = p.Line;
            column = p.Column;
            return true;
        }
        line = 0;
        column = 0;
        return false;
    }

    /// <summary>The path of a key under a parent path, escaping dots and backslashes in the key.</summary>
    internal static string ChildPath(string parent, string key)
    {
        var escaped = key.IndexOfAny(new[] { '.', '\\', '[' }) < 0
            ? key
            : key.Replace("\\", "\\\\").Replace(".", "\\.").Replace("[", "\\[");
        return parent.Length == 0 ? escaped : parent + "." + escaped;
    }

    /// <summary>The path of a sequence item under a parent path.</summary>
    internal static string ItemPath(string parent, int index) => parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
