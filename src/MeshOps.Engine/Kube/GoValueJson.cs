using System.Globalization;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Kube;

/// <summary>Converts the engine's Go value model (see Templating/TemplateContracts.cs) to JSON nodes.</summary>
internal static class GoValueJson
{
    public static JsonNode? ToNode(object? value, string path)
    {
        using var nesting = NestingGuard.EnterIf(value is System.Collections.IEnumerable and not string);
        switch (value)
        {
            case null: return null;
            case string s: return JsonValue.Create(s);
            case bool b: return JsonValue.Create(b);
            case int i: return JsonValue.Create(i);
            case long l: return JsonValue.Create(l);
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                    throw Invalid(path, $"the number {d.ToString(CultureInfo.InvariantCulture)} has no JSON form");
                // Whole floats go out as integers, as Go's JSON encoder writes 1 for float64(1).
                return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d);
            case JsonNode node: return node.DeepClone();
            case IReadOnlyDictionary<string, object?> map:
            {
                var obj = new JsonObject();
                foreach (var (k, v) in map) obj[k] = ToNode(v, path + "." + k);
                return obj;
            }
            case IDictionary<string, object?> map2:
            {
                var obj = new JsonObject();
                foreach (var (k, v) in map2) obj[k] = ToNode(v, path + "." + k);
                return obj;
            }
            case IEnumerable<object?> list:
            {
                var arr = new JsonArray();
                var i = 0;
                foreach (var item in list) arr.Add(ToNode(item, $"{path}[{i++}]"));
                return arr;
            }
            default:
                throw Invalid(path, $"a value of type {value.GetType().Name} cannot be sent to the cluster");
        }
    }

    private static MeshException Invalid(string path, string why) =>
        new("ManifestObjectInvalid", MeshErrorKind.InvalidData, $"Manifest field '{path}': {why}. Render the manifest to plain maps, lists and scalars.", path);
}
