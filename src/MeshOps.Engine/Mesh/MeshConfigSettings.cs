using System.Globalization;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Mesh;

/// <summary>Turns the ways a user names mesh settings (-Set, maps, YAML) into dotted paths under meshConfig with values.</summary>
public static class MeshConfigSettings
{
    /// <summary>
    /// One istioctl-style setting, "meshConfig.a.b=value" (the meshConfig. prefix may be left off). Values are typed
    /// as istioctl's --set types them: integer, then float, then true/false, else string.
    /// </summary>
    public static KeyValuePair<string, object?> ParseSet(string setting)
    {
        var eq = setting.IndexOf('=');
        if (eq <= 0)
            throw new MeshException("InvalidMeshConfigSetting", MeshErrorKind.InvalidArgument,
                $"Setting '{setting}' is not of the form meshConfig.path=value (for example meshConfig.enablePrometheusMerge=false).", setting);
        var path = setting[..eq].Trim();
        if (path.StartsWith("meshConfig.", StringComparison.Ordinal)) path = path["meshConfig.".Length..];
        else if (path.StartsWith("spec.meshConfig.", StringComparison.Ordinal)) path = path["spec.meshConfig.".Length..];
        else if (path.Contains('.') && (path.StartsWith("values.", StringComparison.Ordinal) || path.StartsWith("components.", StringComparison.Ordinal)))
            throw new MeshException("InvalidMeshConfigSetting", MeshErrorKind.InvalidArgument,
                $"Setting '{setting}' is not a mesh config setting; Set-MeshConfig changes meshConfig.* only. Use Install-MeshControlPlane -Set for {path}.", setting);
        if (path.Length == 0 || MeshConfigPaths.Split(path).Any(p => p.Length == 0))
            throw new MeshException("InvalidMeshConfigSetting", MeshErrorKind.InvalidArgument,
                $"Setting '{setting}' has an empty path segment.", setting);
        var segments = MeshConfigPaths.Split(path).Count;
        if (segments > EngineLimits.MaxSetPathSegments) throw Operator.TreePath.TooDeep(path, segments);
        var value = ParseScalar(setting[(eq + 1)..]);
        // istioctl turns --set values under proxyMetadata (a map of strings) into strings (convertIOPMapValues).
        if (path.StartsWith("defaultConfig.proxyMetadata.", StringComparison.Ordinal))
            value = value switch
            {
                int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                double d => GoText.FormatFloat(d),
                _ => value,
            };
        return new(path, value);
    }

    /// <summary>
    /// Checks settings against the MeshConfig schema of <paramref name="schema"/>'s release (1.18 when null) and
    /// istioctl's checks (unknown field, wrong type, bad enum or duration, bad port or address), with the bounds of
    /// <paramref name="release"/> (the schema's 1.x.0 when null), before anything is written. Removals (null) pass. Returns what the release accepts but the user should know (1.24+ pass mesh
    /// config fields they do not know on), as warning texts.
    /// </summary>
    /// <exception cref="MeshException">InvalidMeshConfigSetting, naming every problem.</exception>
    internal static IReadOnlyList<string> Validate(IReadOnlyList<KeyValuePair<string, object?>> settings, OperatorSchema? schema = null, IstioctlRelease? release = null)
    {
        var tree = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (path, value) in settings)
            if (value != null) MeshConfigPaths.Set(tree, path, value);
        var all = OperatorValidator.ValidateMeshConfig(tree, "meshConfig", null, schema, release);
        static string Line(OperatorIssue i) => i.FieldPath is { } p && !i.Message.StartsWith(p, StringComparison.Ordinal) ? p + ": " + i.Message : i.Message;
        var issues = all.Where(i => !i.IsWarning).ToList();
        if (issues.Count == 0) return all.Where(i => i.IsWarning).Select(Line).ToList();
        throw new MeshException("InvalidMeshConfigSetting", MeshErrorKind.InvalidArgument,
            "Set-MeshConfig changed nothing: " + (issues.Count == 1 ? Line(issues[0])
                : $"{issues.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, issues.Select(i => "  " + Line(i)))),
            issues[0].FieldPath);
    }

    /// <summary>istioctl's typing of a --set value (util.ParseValue): int, float, bool, else the string with \\, unescaped.</summary>
    public static object? ParseScalar(string text)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !text.Contains("Infinity") && !text.Contains("NaN")) return d;
        // strconv.ParseBool's spellings; 1 and 0 were taken as integers above.
        if (text is "t" or "T" or "true" or "TRUE" or "True") return true;
        if (text is "f" or "F" or "false" or "FALSE" or "False") return false;
        return text.Replace("\\,", ",", StringComparison.Ordinal);
    }

    /// <summary>A YAML mapping of mesh settings (the content of meshConfig, or a whole IstioOperator-like spec.meshConfig).</summary>
    public static Dictionary<string, object?> ParseYaml(string yaml)
    {
        var value = GoYaml.Parse(yaml, new YamlReadOptions { SourceName = "-MeshConfig", RejectDuplicateKeys = true });
        if (value is not Dictionary<string, object?> map)
            throw new MeshException("InvalidMeshConfigYaml", MeshErrorKind.InvalidArgument,
                "-MeshConfig must be a YAML mapping of mesh settings, for example 'enablePrometheusMerge: false'.", yaml);
        // Accept a pasted meshConfig: block or an IstioOperator spec as well as the bare settings.
        if (map.Count == 1 && map.GetValueOrDefault("meshConfig") is Dictionary<string, object?> inner) return inner;
        if (map.GetValueOrDefault("spec") is Dictionary<string, object?> spec && spec.GetValueOrDefault("meshConfig") is Dictionary<string, object?> specMesh) return specMesh;
        return map;
    }

    /// <summary>
    /// The leaves of a settings tree as dotted paths (keys holding dots escaped). Lists and empty maps are leaves:
    /// istiod replaces lists whole, and an empty map sets nothing.
    /// </summary>
    public static List<KeyValuePair<string, object?>> Flatten(Dictionary<string, object?> tree, string prefix = "")
    {
        using var nesting = NestingGuard.Enter();
        var result = new List<KeyValuePair<string, object?>>();
        foreach (var (key, value) in tree)
        {
            var path = prefix + key.Replace(".", "\\.", StringComparison.Ordinal);
            if (value is Dictionary<string, object?> child && child.Count > 0) result.AddRange(Flatten(child, path + "."));
            else result.Add(new(path, value));
        }
        return result;
    }

    /// <summary>The path written as the user sees it: meshConfig.a.b.</summary>
    public static string DisplayPath(string path) => "meshConfig." + path;
}
