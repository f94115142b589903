using System.Globalization;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>The few strconv behaviours Sprig depends on that .NET parses differently.</summary>
internal static class GoStrconv
{
    /// <summary>strconv.ParseFloat(s, 64): decimal or exponent form, "inf"/"infinity"/"nan" in any case; no surrounding spaces.</summary>
    public static bool TryParseFloat(string s, out double result)
    {
        result = 0;
        if (s.Length == 0) return false;
        var body = s[0] is '+' or '-' ? s[1..] : s;
        var lower = body.ToLowerInvariant();
        if (lower is "inf" or "infinity")
        {
            result = s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (lower == "nan" && body.Length == s.Length)
        {
            result = double.NaN;
            return true;
        }
        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || body[0] == '.')) return false;
        if (lower.StartsWith("0x")) return false; // hex floats are rare in charts; Go accepts them, we do not
        return double.TryParse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out result) && (s.IndexOf('_') < 0);
    }
}
