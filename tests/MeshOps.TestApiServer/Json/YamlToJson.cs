using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MeshOps.Testing.KubeApi.Json;

/// <summary>
/// Converts an apply-patch+yaml body to JSON the way sigs.k8s.io/yaml does (go-yaml v2 scalar resolution:
/// plain true/false/yes/no/on/off are booleans, ~ and null are null, integers and floats are numbers).
/// </summary>
public static partial class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        // Clients (MeshOps, kubectl) mostly send JSON, which is YAML: parsed as JSON it is ten times cheaper, and its
        // numbers resolved as the YAML path resolves them, the result is the same. Anything that is not strict JSON
        // (comments, duplicate keys, ...) takes the YAML path.
        if (yaml.AsSpan().TrimStart().StartsWith("{") && TryJson(yaml) is { } json) return json;
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1) throw new YamlException("apply body must hold exactly one YAML document");
        return Node(stream.Documents[0].RootNode);
    }

    static JsonNode? TryJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return FromJson(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A JSON element as the YAML path would give it: numbers as Scalar resolves their text (long, else double).</summary>
    static JsonNode? FromJson(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new JsonObject();
                foreach (var p in e.EnumerateObject()) o.Add(p.Name, FromJson(p.Value)); // Add throws on a duplicate key: YAML decides
                return o;
            case JsonValueKind.Array:
                var a = new JsonArray();
                foreach (var i in e.EnumerateArray()) a.Add(FromJson(i));
                return a;
            case JsonValueKind.String: return JsonValue.Create(e.GetString());
            case JsonValueKind.True: return JsonValue.Create(true);
            case JsonValueKind.False: return JsonValue.Create(false);
            case JsonValueKind.Number:
                var text = e.GetRawText();
                if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
                if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
                throw new ArgumentException("a number the YAML path resolves differently");
            default: return null;
        }
    }

    static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode m => Map(m),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Node).ToArray()),
        YamlScalarNode sc => Scalar(sc),
        _ => null,
    };

    static JsonObject Map(YamlMappingNode m)
    {
        var o = new JsonObject();
        foreach (var (k, v) in m.Children)
        {
            var key = k is YamlScalarNode ks ? ks.Value ?? "" : throw new YamlException(k.Start, k.End, "mapping keys must be scalars");
            o[key] = Node(v);
        }
        return o;
    }

    static JsonNode? Scalar(YamlScalarNode s)
    {
        var text = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain || !s.Tag.IsEmpty && s.Tag.Value == "tag:yaml.org,2002:str") return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y": return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N": return JsonValue.Create(false);
        }
        if (IntPattern().IsMatch(text) && long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (text.StartsWith("0x") && long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)) return JsonValue.Create(hex);
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
