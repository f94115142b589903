using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Charts;

/// <summary>Reads values YAML as Helm's LoadValues: every document of the stream merged in order, numbers as float64.</summary>
internal static class ChartValuesReader
{
    /// <summary>
    /// Parses a values stream. Chart defaults fail with ChartInvalid ("cannot load values.yaml"), user files with
    /// ValuesInvalid ("failed to parse FILE"). A user's file (-ValuesPath) that gives a key twice in one mapping fails
    /// with YamlDuplicateKey, naming the file, both lines and the key path: unlike Helm, which takes the last (issue 13).
    /// A chart's own values.yaml is the chart author's and keeps Helm's last-wins reading.
    /// </summary>
    public static Dictionary<string, object?> ReadValuesFile(string text, string where, bool isUserFile)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        IReadOnlyList<YamlDocument> docs;
        try
        {
            docs = GoYaml.ParseDocuments(text, new YamlReadOptions { NumberMode = YamlNumberMode.Json, SourceName = where, RejectDuplicateKeys = isUserFile });
        }
        catch (YamlParseException e) when (!e.IsSyntax)
        {
            throw; // YamlNestingTooDeep, YamlDuplicateKey: their own ids wherever they surface
        }
        catch (YamlParseException e)
        {
            // loader.LoadValues wraps the sigs.k8s.io/yaml error of each document.
            throw Fail(where, isUserFile, $"cannot unmarshal yaml document: error converting YAML to JSON: yaml: {e.GoText} ({where}:{e.Line}:{e.Column})", e);
        }
        catch (MeshException e) when (e.Kind != MeshErrorKind.LimitsExceeded)
        {
            throw Fail(where, isUserFile, e.Message, e);
        }
        foreach (var doc in docs)
        {
            switch (doc.Value)
            {
                case null:
                    continue;
                case Dictionary<string, object?> map:
                    result = ValueTables.MergeMaps(result, map);
                    break;
                default:
                    throw Fail(where, isUserFile,
                        $"cannot unmarshal yaml document: error unmarshaling JSON: json: cannot unmarshal {GoJsonFields.JsonKind(doc.Value)} into Go value of type map[string]interface {{}} (document at line {doc.StartLine} must be a map)", null);
            }
        }
        return result;
    }

    private static MeshException Fail(string where, bool isUserFile, string message, Exception? inner) => isUserFile
        ? ChartErrors.Values(where, $"failed to parse {where}: {message}", inner)
        : ChartErrors.Invalid(where, $"cannot load values.yaml: {message}", inner);
}
