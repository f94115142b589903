using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Charts;

/// <summary>
/// The user's value sources, merged in Helm's order (pkg/cli/values.Options.MergeValues): -f files, --set-json,
/// --set, --set-string, --set-file, --set-literal.
/// </summary>
public sealed class HelmValueOptions
{
    /// <summary>-f/--values: paths of YAML files (all documents of each are merged).</summary>
    public IList<string> ValueFiles { get; } = new List<string>();
    /// <summary>--set-json: <c>key=JSON</c> expressions or whole JSON objects.</summary>
    public IList<string> JsonValues { get; } = new List<string>();
    /// <summary>--set: typed expressions.</summary>
    public IList<string> Values { get; } = new List<string>();
    /// <summary>--set-string: string expressions.</summary>
    public IList<string> StringValues { get; } = new List<string>();
    /// <summary>--set-file: <c>key=path</c>, the file's content becomes the value.</summary>
    public IList<string> FileValues { get; } = new List<string>();
    /// <summary>--set-literal: <c>key=rest of the text</c>.</summary>
    public IList<string> LiteralValues { get; } = new List<string>();

    /// <summary>Merges all sources into one map. Throws ValuesInvalid, SetSyntaxInvalid or ChartNotFound (missing file).</summary>
    public Dictionary<string, object?> Merge()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var path in ValueFiles)
        {
            string text;
            try
            {
                text = Limits.InputFile.ReadAllText(path, "values file");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new Hosting.MeshException(ChartErrors.ValuesInvalid, Hosting.MeshErrorKind.ObjectNotFound,
                    $"open {path}: {e.Message}. Check the path of the values file.", path, e);
            }
            result = ValueTables.MergeMaps(result, ChartValuesReader.ReadValuesFile(text, path, isUserFile: true));
        }
        foreach (var value in JsonValues)
        {
            var trimmed = value.Trim();
            if (trimmed.StartsWith('{'))
            {
                object? parsed;
                try
                {
                    parsed = GoJson.Parse(trimmed);
                }
                catch (JsonParseException e) when (e.Kind != Hosting.MeshErrorKind.LimitsExceeded)
                {
                    throw ChartErrors.Values(value, $"failed parsing --set-json data JSON: {value} ({e.What})", e);
                }
                if (parsed is not Dictionary<string, object?> map)
                    throw ChartErrors.Values(value, $"failed parsing --set-json data JSON: {value}");
                result = ValueTables.MergeMaps(result, map);
                continue;
            }
            try
            {
                SetValuesParser.ParseInto(value, result, SetValueMode.Json);
            }
            catch (Hosting.MeshException e) when (e.ErrorId == ChartErrors.SetSyntaxInvalid)
            {
                throw ChartErrors.SetSyntax(value, $"failed parsing --set-json data {value}");
            }
        }
        foreach (var value in Values) SetValuesParser.ParseInto(value, result, SetValueMode.Typed);
        foreach (var value in StringValues) SetValuesParser.ParseInto(value, result, SetValueMode.String);
        foreach (var value in FileValues) SetValuesParser.ParseInto(value, result, SetValueMode.File, path => Limits.InputFile.ReadAllText(path, "--set-file file"));
        foreach (var value in LiteralValues) SetValuesParser.ParseInto(value, result, SetValueMode.Literal);
        return result;
    }
}
