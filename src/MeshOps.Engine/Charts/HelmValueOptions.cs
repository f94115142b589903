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

    /// <summary>
    /// The folder relative paths of -f and --set-file are read from (Helm reads them from its working directory);
    /// the process's current directory when null.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Merges all sources into one map. Throws ValuesInvalid, SetSyntaxInvalid or ChartNotFound (missing file).</summary>
    public Dictionary<string, object?> Merge()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var path in ValueFiles)
        {
            string text;
            try
            {
                text = Limits.InputFile.ReadAllText(Resolve(path), "values file");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new Hosting.MeshException(ChartErrors.ValuesInvalid, Hosting.MeshErrorKind.ObjectNotFound,
                    $"open {path}: {GoFileError(e)}. Check the path of the values file.", path, e);
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
        foreach (var value in FileValues) SetValuesParser.ParseInto(value, result, SetValueMode.File, ReadSetFile);
        foreach (var value in LiteralValues) SetValuesParser.ParseInto(value, result, SetValueMode.Literal);
        return result;
    }

    private string Resolve(string path) =>
        BaseDirectory is null ? System.IO.Path.GetFullPath(path) : System.IO.Path.GetFullPath(path, BaseDirectory);

    /// <summary>
    /// A --set-file's bytes as Go's string(bytes) holds them: UTF-8 text with a byte order mark kept (File.ReadAllText
    /// would strip it), bytes that are not UTF-8 kept as GoBytes escapes.
    /// </summary>
    private string ReadSetFile(string path)
    {
        try
        {
            var full = Resolve(path);
            // Helm says "read PATH: is a directory"; PathIsDirectory says which parameter named it.
            Hosting.PathErrors.RequireNotDirectory(full, "-SetFile (--set-file)");
            return Templating.GoBytes.Decode(Limits.InputFile.ReadAllBytes(full, "--set-file file"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Helm prints os.ReadFile's error: "open PATH: no such file or directory".
            throw new IOException(GoFileError(e), e);
        }
    }

    /// <summary>The reason Go's os package gives for the common failures, else .NET's message.</summary>
    private static string GoFileError(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
