using System.Globalization;

namespace MeshOps.Engine.Operator;

/// <summary>One <c>--set path=value</c> as istioctl reads it (manifest/shared.go getPV, util.ParseValue).</summary>
internal sealed record SetFlag(string Raw, string Path, string Value)
{
    /// <summary>The typed value: Go int, then float64, then bool (strconv.ParseBool), else the string with "\," unescaped.</summary>
    public object? TypedValue => SetFlags.ParseValue(Value);

    public string Display => "--set " + Raw;
}

internal static class SetFlags
{
    /// <summary>Checks every flag is exactly one path=value pair (validateSetFlags) and splits them.</summary>
    public static List<SetFlag> Parse(IEnumerable<string> raw)
    {
        var result = new List<SetFlag>();
        foreach (var sf in raw)
        {
            var parts = sf.Split('=');
            if (parts.Length != 2)
                throw OperatorErrors.Single("SetSyntaxInvalid",
                    $"set flag {sf} has incorrect format, must be path=value (exactly one '='; e.g. values.global.logging.level=default:debug)",
                    "--set " + sf);
            var path = parts[0].Trim();
            if (path.Length == 0)
                throw OperatorErrors.Single("SetSyntaxInvalid", $"set flag {sf} has an empty path; write path=value, e.g. meshConfig.accessLogFile=/dev/stdout", "--set " + sf);
            // Too many elements first (SetPathTooDeep), then an index or selector that can never be one.
            foreach (var element in TreePath.Parse(path))
            {
                if (TreePath.BracketProblem(element) is { } problem)
                    throw OperatorErrors.Single("SetPathInvalid", $"{problem}; {TreePath.AcceptedForms}", "--set " + sf, path: path);
            }
            var value = parts[1].Trim();
            if (IsGoSpecialFloat(value))
                throw OperatorErrors.Single("SetSyntaxInvalid",
                    $"set flag {sf}: \"{value}\" reads as a float that YAML/JSON cannot hold (istioctl fails on it too); quote-free strings like this are not allowed",
                    "--set " + sf);
            result.Add(new SetFlag(sf, path, value));
        }
        return result;
    }

    private static bool IsGoSpecialFloat(string v)
    {
        var s = v.TrimStart('+', '-').ToLowerInvariant();
        return s is "inf" or "infinity" or "nan";
    }

    /// <summary>GetValueForSetFlag: the value of the last flag with exactly this path, or "".</summary>
    public static string ValueFor(IEnumerable<SetFlag> flags, string path) =>
        flags.LastOrDefault(f => f.Path == path)?.Value ?? "";

    /// <summary>util.ParseValue.</summary>
    public static object? ParseValue(string valueStr)
    {
        if (TryAtoi(valueStr, out var i)) return i;
        if (TryParseGoFloat(valueStr, out var d)) return d;
        if (TryParseGoBool(valueStr, out var b)) return b;
        return valueStr.Replace("\\,", ",");
    }

    // strconv.Atoi: optional sign, decimal digits only, within int64.
    private static bool TryAtoi(string s, out long value)
    {
        value = 0;
        if (s.Length == 0) return false;
        var body = s[0] is '+' or '-' ? s[1..] : s;
        if (body.Length == 0 || !body.All(char.IsAsciiDigit)) return false;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    // strconv.ParseFloat for the decimal forms people write (1.5, .5, 1e3, -2.); hex floats and underscores are rare enough to be strings.
    private static bool TryParseGoFloat(string s, out double value)
    {
        value = 0;
        if (s.Length == 0 || s.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))) return false;
        if (!s.Any(char.IsAsciiDigit)) return false;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);
    }

    private static bool TryParseGoBool(string s, out bool value)
    {
        switch (s)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True": value = true; return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>
    /// overlaySetFlagValues: writes every flag into the IstioOperator tree under spec (a leading "spec." is dropped),
    /// creating maps on the way and appending when the target is a list.
    /// </summary>
    public static void Apply(Dictionary<string, object?> iop, IEnumerable<SetFlag> flags)
    {
        foreach (var flag in flags)
        {
            var p = flag.Path.StartsWith("spec.", StringComparison.Ordinal) ? flag.Path[5..] : flag.Path;
            try
            {
                var ctx = TreeOps.GetPathContext(iop, TreePath.Parse("spec." + p), createMissing: true, selectorsMustMatch: true);
                TreeOps.WritePathContext(ctx, flag.TypedValue, merge: false);
            }
            catch (SelectorNoMatchException e)
            {
                throw OperatorErrors.Single("SetSelectorNoMatch", e.Message,
                    flag.Display, path: flag.Path, kind: Hosting.MeshErrorKind.InvalidArgument);
            }
            catch (TreePathException e)
            {
                throw OperatorErrors.Single("SetPathInvalid", $"{e.Message}; {TreePath.AcceptedForms}",
                    flag.Display, path: flag.Path);
            }
        }
    }
}
