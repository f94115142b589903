using System.Text;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Helm's <c>.Files</c> (engine.files, a map of chart-relative path to bytes): Get, GetBytes, Glob, AsConfig, AsSecrets,
/// Lines. It ranges like a map (<c>range $path, $bytes := .Files.Glob "x/*"</c>), keys in sorted order.
/// </summary>
public sealed class HelmFiles : SortedDictionary<string, object?>, IGoObject
{
    /// <summary>Files from the chart loader: path (slash-separated, relative to the chart root) to content.</summary>
    public HelmFiles(IEnumerable<KeyValuePair<string, byte[]>> files) : base(StringComparer.Ordinal)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (name, data) in files) this[name] = data;
    }

    private HelmFiles() : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Files.GetBytes: the content, or no bytes for an unknown path.</summary>
    public byte[] GetBytes(string name) => TryGetValue(name, out var v) && v is byte[] b ? b : Array.Empty<byte>();

    /// <summary>Files.Get: the content as a Go string ("" for an unknown path); bytes that are not UTF-8 survive (GoBytes).</summary>
    public string Get(string name) => GoBytes.Decode(GetBytes(name));

    /// <summary>Files.Glob: the files whose path matches; a pattern that does not compile matches everything ("**").</summary>
    public HelmFiles Glob(string pattern)
    {
        var re = GlobPattern.Compile(pattern) ?? GlobPattern.Compile("**")!;
        var result = new HelmFiles();
        foreach (var (name, data) in this)
            if (re.IsMatch(name)) result[name] = data;
        return result;
    }

    /// <summary>Files.AsConfig: a YAML map of base file name to content, as toYaml prints it.</summary>
    public string AsConfig() => AsMap(b => GoBytes.Decode(b));

    /// <summary>Files.AsSecrets: a YAML map of base file name to base64 content.</summary>
    public string AsSecrets() => AsMap(Convert.ToBase64String);

    private string AsMap(Func<byte[], string> encode)
    {
        var m = FuncArgs.NewMap();
        foreach (var (name, data) in this) m[GoPath.Base(name)] = encode(data as byte[] ?? Array.Empty<byte>());
        return HelmFunctions.ToYaml(m);
    }

    /// <summary>Files.Lines: the content split on "\n", without the empty line a final newline would add.</summary>
    public List<object?> Lines(string path)
    {
        var s = Get(path);
        if (s.Length == 0) return new List<object?>();
        if (s[^1] == '\n') s = s[..^1];
        return new List<object?>(s.Split('\n'));
    }

    string IGoObject.GoTypeName => "engine.files";

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name switch
        {
            "Get" => OneString(name, s => Get(s)),
            "GetBytes" => OneString(name, s => GetBytes(s)),
            "Glob" => OneString(name, s => Glob(s)),
            "Lines" => OneString(name, s => Lines(s)),
            "AsConfig" => (_, a) =>
            {
                FuncArgs.Count(name, a, 0);
                return AsConfig();
            },
            "AsSecrets" => (_, a) =>
            {
                FuncArgs.Count(name, a, 0);
                return AsSecrets();
            },
            _ => null,
        };
        return method != null;
    }

    private static TemplateFunc OneString(string name, Func<string, object> f) => (_, a) =>
    {
        FuncArgs.Count(name, a, 1);
        return f(FuncArgs.Str(a[0]));
    };
}
