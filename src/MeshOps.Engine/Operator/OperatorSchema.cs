namespace MeshOps.Engine.Operator;

/// <summary>A field type of <see cref="OperatorSchemaTable"/>, parsed once.</summary>
internal sealed record SchemaType(string Kind, string? Message = null, SchemaType? Item = null)
{
    public static SchemaType Parse(string text)
    {
        if (text.StartsWith("list:", StringComparison.Ordinal)) return new SchemaType("list", Item: Parse(text[5..]));
        if (text.StartsWith("msg:", StringComparison.Ordinal)) return new SchemaType("msg", Message: text[4..]);
        return new SchemaType(text);
    }

    /// <summary>How the type reads in a message to the user.</summary>
    public string Describe() => Kind switch
    {
        "list" => "a list (each item " + Item!.Describe() + ")",
        "msg" => "a map (" + Message + ")",
        "struct" or "object" => "a map",
        "map" => "a map of strings",
        "string" => "a string",
        "bool" => "true or false",
        "int" => "an integer",
        "uint" => "a non-negative integer",
        "float" => "a number",
        "enum" => "a name or number",
        "duration" => "a duration such as \"10s\"",
        "intorstr" => "an integer or a string",
        _ => "any value",
    };
}

/// <summary>Field lookups over <see cref="OperatorSchemaTable"/>, accepting proto and JSON spellings.</summary>
internal static class OperatorSchema
{
    private static readonly Dictionary<string, Dictionary<string, SchemaType>> Fields = Build();

    private static Dictionary<string, Dictionary<string, SchemaType>> Build()
    {
        var result = new Dictionary<string, Dictionary<string, SchemaType>>(StringComparer.Ordinal);
        foreach (var (message, spec) in OperatorSchemaTable.Messages)
        {
            var fields = new Dictionary<string, SchemaType>(StringComparer.Ordinal);
            foreach (var entry in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = entry.IndexOf('=');
                var name = entry[..eq];
                var type = SchemaType.Parse(entry[(eq + 1)..]);
                fields[name] = type;
                fields.TryAdd(LowerCamel(name), type);
            }
            result[message] = fields;
        }
        return result;
    }

    // protojson's JSON name of a proto field: snake_case to lowerCamelCase.
    private static string LowerCamel(string name)
    {
        if (!name.Contains('_')) return name;
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public static bool TryGetField(string message, string field, out SchemaType type)
    {
        type = null!;
        return Fields.TryGetValue(message, out var fields) && fields.TryGetValue(field, out type!);
    }

    /// <summary>The field names of a message as written in the schema (for "allowed" lists).</summary>
    public static IReadOnlyList<string> FieldNames(string message) =>
        OperatorSchemaTable.Messages.TryGetValue(message, out var spec)
            ? spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e[..e.IndexOf('=')]).ToList()
            : Array.Empty<string>();
}
