using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// YAML as Helm and istioctl see it: reading resolves scalars like go-yaml v2 (YAML 1.1) and converts as
/// sigs.k8s.io/yaml does; writing prints exactly what sigs.k8s.io/yaml.Marshal (Helm's toYaml) prints.
/// </summary>
public static class GoYaml
{
    private static readonly YamlReadOptions Defaults = new();

    /// <summary>
    /// The first document of <paramref name="text"/>, as sigs.k8s.io/yaml.Unmarshal (go-yaml v2) reads it; null for
    /// empty text. Later documents are not read. Throws <see cref="YamlParseException"/> on bad YAML.
    /// </summary>
    public static object? Parse(string text, YamlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= Defaults;
        if (!options.TrackPositions && LiteralBlockElision.TryCreate(text) is { } elision && TryParseElided(elision, options, out var value))
            return value;
        return ParseWholeText(text, options);
    }

    /// <summary><see cref="Parse"/> reading every character of TEXT with YamlDotNet (the reference for the shortcut).</summary>
    internal static object? ParseWholeText(string text, YamlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= Defaults;
        var reader = new YamlNodeReader(text, options.SourceName);
        if (!reader.TryReadDocument(out var root, out _) || root == null) return null;
        return Guard(options, () => new YamlNodeDecoder(options).Decode(root));
    }

    /// <summary>Parse for a document whose literal blocks were shortened; false sends the caller to the original text.</summary>
    private static bool TryParseElided(LiteralBlockElision elision, YamlReadOptions options, out object? value)
    {
        value = null;
        try
        {
            var reader = new YamlNodeReader(elision.Text, options.SourceName);
            if (!reader.TryReadDocument(out var root, out _) || root == null || !elision.TryRestore(root)) return false;
            value = Guard(options, () => new YamlNodeDecoder(options).Decode(root));
            return true;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // The original text reports the problem, with its own lines and columns.
            return false;
        }
    }

    /// <summary>
    /// Every document of a stream split on <c>---</c>, in order. Documents that are empty or null (only comments,
    /// or <c>---</c> with nothing after it) are omitted, as Helm and istioctl skip them.
    /// </summary>
    public static IReadOnlyList<YamlDocument> ParseDocuments(string text, YamlReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= Defaults;
        var reader = new YamlNodeReader(text, options.SourceName);
        var documents = new List<YamlDocument>();
        while (reader.TryReadDocument(out var root, out var line))
        {
            if (root == null) continue;
            var decoder = new YamlNodeDecoder(options);
            var value = Guard(options, () => decoder.Decode(root));
            if (value == null) continue;
            documents.Add(new YamlDocument(value, line, decoder.Positions));
        }
        return documents;
    }

    /// <summary>
    /// What sigs.k8s.io/yaml.Marshal prints for a value of the engine's value model (Helm's toYaml before its
    /// trim), with the trailing newline. Values it cannot print (NaN, infinities, control characters libyaml
    /// refuses, CLR types outside the value model) throw MeshException "YamlSerializeError" with Go's message;
    /// Helm's toYaml turns that error into "".
    /// </summary>
    public static string Serialize(object? value) =>
        GoYamlEmitter.EmitDocument(JsonRoundTrip.ToEmitterValue(value));

    private static object? Guard(YamlReadOptions options, Func<object?> decode)
    {
        try
        {
            return decode();
        }
        catch (InsufficientExecutionStackException ex)
        {
            throw new YamlParseException(options.SourceName, 0, 0, "document is nested too deeply", ex);
        }
    }
}
