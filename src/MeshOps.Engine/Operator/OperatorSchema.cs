namespace MeshOps.Engine.Operator;

/// <summary>A field type of <see cref="OperatorSchemaTable"/> or <see cref="MeshConfigSchemaTable"/>, parsed once.</summary>
internal sealed record SchemaType(string Kind, string? Message = null, SchemaType? Item = null)
{
    public static SchemaType Parse(string text)
    {
        if (text.StartsWith("list:", StringComparison.Ordinal)) return new SchemaType("list", Item: Parse(text[5..]));
        if (text.StartsWith("mapof:", StringComparison.Ordinal)) return new SchemaType("mapof", Item: Parse(text[6..]));
        if (text.StartsWith("msg:", StringComparison.Ordinal)) return new SchemaType("msg", Message: text[4..]);
        if (text.StartsWith("enum:", StringComparison.Ordinal)) return new SchemaType("enum", Message: text[5..]);
        return new SchemaType(text);
    }

    /// <summary>How the type reads in a message to the user.</summary>
    public string Describe() => Kind switch
    {
        "list" => "a list (each item " + Item!.Describe() + ")",
        "mapof" => "a map (each value " + Item!.Describe() + ")",
        "msg" => "a map (" + Message + ")",
        "struct" or "object" => "a map",
        "map" => "a map of strings",
        "string" => "a string",
        "bool" => "true or false",
        "int" => "an integer from -2147483648 to 2147483647",
        "uint" => "an integer from 0 to 4294967295",
        "int64" => "an integer",
        "uint64" => "a non-negative integer",
        "float" => "a number",
        "enum" when Message != null => "one of " + string.Join(", ", OperatorSchema.EnumNames(Message)),
        "enum" => "a name or number",
        "duration" => "a duration such as \"10s\", \"1.5m\" or \"500ms\"",
        "intorstr" => "an integer or a string",
        _ => "any value",
    };
}

/// <summary>
/// The IstioOperator schema of one release: <see cref="OperatorSchemaTable"/> (1.18) with the release's
/// <see cref="OperatorSchemaChanges"/> laid over it, plus <see cref="MeshConfigSchemaTable"/>. Field lookups accept
/// proto and JSON (lowerCamelCase) spellings as jsonpb does.
/// </summary>
internal sealed class OperatorSchema
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, OperatorSchema> ByMinor = new();

    // message -> field name (as written) -> type text, in declaration order.
    private readonly Dictionary<string, List<(string Name, string Type)>> _declared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, SchemaType>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _enums = new(StringComparer.Ordinal);

    private OperatorSchema(int minor)
    {
        Minor = minor;
        foreach (var (message, spec) in OperatorSchemaTable.Messages.Concat(MeshConfigSchemaTable.Messages))
            _declared[message] = Entries(spec).ToList();
        foreach (var (since, changes) in OperatorSchemaChanges.ByMinor)
        {
            if (since > minor) break;
            foreach (var change in changes) Apply(change);
        }
        foreach (var (name, values) in MeshConfigSchemaTable.Enums) _enums[name] = values.Split(' ');
        foreach (var (since, messages, enums) in MeshConfigSchemaChanges.ByMinor)
        {
            if (since > minor) break;
            foreach (var (message, fields) in messages) ApplyMesh(message, fields);
            foreach (var (name, values) in enums) _enums[name] = values.Split(' ');
        }
        foreach (var (message, entries) in _declared)
        {
            var fields = new Dictionary<string, SchemaType>(StringComparer.Ordinal);
            foreach (var (name, typeText) in entries)
            {
                var type = SchemaType.Parse(typeText);
                fields[name] = type;
                fields.TryAdd(LowerCamel(name), type);
            }
            _fields[message] = fields;
        }
    }

    /// <summary>The minor release (1.x) whose schema this is.</summary>
    public int Minor { get; }

    /// <summary>
    /// istioctl 1.24+ decodes spec.values without DisallowUnknownFields (validateValues: sigs.k8s.io/yaml.Unmarshal into
    /// apis.Values), so an unknown values field is no error there; known fields keep their types.
    /// </summary>
    public bool UnknownValuesAreAccepted => Minor >= 24;

    /// <summary>
    /// Whether a mesh config field this release's MeshConfig lacks is an error: istioctl 1.18 to 1.23 decode
    /// spec.meshConfig strictly (validateMeshConfig: protomarshal.ApplyYAMLStrict); 1.24+ (validation.validateMeshConfig:
    /// mesh.ApplyMeshConfigDefaults, ApplyYAML) ignore unknown fields, so MeshOps only warns.
    /// </summary>
    public bool MeshConfigIsExact => Minor <= 23;

    /// <summary>The schema of a release (1.18 for anything older, which MeshOps does not render).</summary>
    public static OperatorSchema For(IstioctlRelease release) => ForMinor(release.Version.Major > 1 ? int.MaxValue : release.Version.Minor);

    /// <summary>The schema of 1.18, for checks given no release.</summary>
    public static OperatorSchema Default => ForMinor(18);

    /// <summary>The schema of the newest release MeshOps knows the changes of (its IstioOperator and MeshConfig tables).</summary>
    public static OperatorSchema Newest => ForMinor(Math.Max(OperatorSchemaChanges.ByMinor[^1].Minor, MeshConfigSchemaChanges.NewestMinor));

    private static OperatorSchema ForMinor(int minor) => ByMinor.GetOrAdd(minor, m => new OperatorSchema(m));

    private void Apply(string change)
    {
        if (change.StartsWith('-'))
        {
            var (message, field) = Split(change[1..]);
            _declared[message].RemoveAll(e => e.Name == field);
            return;
        }
        var eq = change.IndexOf('=');
        var head = change[..eq];
        if (!head.Contains('.'))
        {
            _declared[head] = Entries(change[(eq + 1)..]).ToList(); // a new message
            return;
        }
        var (msg, name) = Split(head);
        var entries = _declared[msg];
        var at = entries.FindIndex(e => e.Name == name);
        if (at >= 0) entries[at] = (name, change[(eq + 1)..]);
        else entries.Add((name, change[(eq + 1)..]));
    }

    // A MeshConfigSchemaChanges entry: the fields are added or retyped; a message no earlier release had is created.
    private void ApplyMesh(string message, string fields)
    {
        if (!_declared.TryGetValue(message, out var entries)) _declared[message] = entries = new List<(string Name, string Type)>();
        foreach (var (name, type) in Entries(fields))
        {
            var at = entries.FindIndex(e => e.Name == name);
            if (at >= 0) entries[at] = (name, type);
            else entries.Add((name, type));
        }
    }

    private static (string Message, string Field) Split(string path) => (path[..path.IndexOf('.')], path[(path.IndexOf('.') + 1)..]);

    private static IEnumerable<(string Name, string Type)> Entries(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => (e[..e.IndexOf('=')], e[(e.IndexOf('=') + 1)..]));

    // protoc's JSON name of a proto field: snake_case to lowerCamelCase.
    internal static string LowerCamel(string name)
    {
        if (!name.Contains('_')) return name;
        var parts = name.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    public bool TryGetField(string message, string field, out SchemaType type)
    {
        type = null!;
        return _fields.TryGetValue(message, out var fields) && fields.TryGetValue(field, out type!);
    }

    /// <summary>Whether a message comes from the MeshConfig tree (decoded by jsonpb into istio.io/api types).</summary>
    public static bool IsMeshMessage(string message) => MeshConfigSchemaChanges.AllMessages.Contains(message);

    /// <summary>
    /// The field names of a message for "allowed" lists: as written in the operator schema, and as users write them
    /// (lowerCamelCase) for MeshConfig messages.
    /// </summary>
    public IReadOnlyList<string> FieldNames(string message)
    {
        if (!_declared.TryGetValue(message, out var entries)) return Array.Empty<string>();
        return IsMeshMessage(message) ? entries.Select(e => LowerCamel(e.Name)).ToList() : entries.Select(e => e.Name).ToList();
    }

    /// <summary>The value names of a MeshConfig enum in this release, in number order.</summary>
    public IReadOnlyList<string> EnumValues(string enumName) => _enums.TryGetValue(enumName, out var names) ? names : Array.Empty<string>();

    /// <summary>The value names of a MeshConfig enum in the newest release that has it, in number order (for messages).</summary>
    public static IReadOnlyList<string> EnumNames(string enumName) =>
        MeshConfigSchemaChanges.ByMinor.Reverse().SelectMany(c => c.Enums).Where(e => e.Enum == enumName).Select(e => e.Values.Split(' ')).FirstOrDefault()
        ?? (MeshConfigSchemaTable.Enums.TryGetValue(enumName, out var names) ? names.Split(' ') : Array.Empty<string>());

    /// <summary>The field of <paramref name="message"/> a mistyped key most likely meant, or null when none is close.</summary>
    public string? SuggestField(string message, string key) => Suggest(FieldNames(message), key);

    /// <summary>The candidate closest to <paramref name="text"/>: same letters ignoring case and '_', or at most a few edits away.</summary>
    public static string? Suggest(IEnumerable<string> candidates, string text)
    {
        static string Fold(string s) => s.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        var folded = Fold(text);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (Fold(candidate) == folded) return candidate;
            var d = EditDistance(Fold(candidate), folded);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        // Short names need a closer match: "ca" must not suggest "cni".
        return bestDistance <= Math.Min(2, Math.Max(1, folded.Length / 4)) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
