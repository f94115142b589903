using System.Globalization;

namespace MeshOps.Engine.Operator;

/// <summary>The few Go formatting rules istioctl's tree code depends on (fmt %v of scalars, %T names).</summary>
internal static class GoText
{
    /// <summary>fmt.Sprint of a value of the engine's value model.</summary>
    public static string Sprint(object? v) => v switch
    {
        null => "<nil>",
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        Dictionary<string, object?> m => "map[" + string.Join(" ", m.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + ":" + Sprint(e.Value))) + "]",
        List<object?> l => "[" + string.Join(" ", l.Select(Sprint)) + "]",
        _ => v.ToString() ?? "",
    };

    /// <summary>strconv.FormatFloat(f, 'g', -1, 64), which %v uses for float64 (1e+06, 123456, 1.5e-05).</summary>
    public static string FormatFloat(double d) => FormatFloat(d, 64);

    /// <summary>
    /// strconv.FormatFloat(f, 'g', -1, bitSize): with 32 the shortest digits that round-trip a float32 (sigs.k8s.io/yaml
    /// writes a number into a string field this way, so 1.10 becomes "1.1").
    /// </summary>
    public static string FormatFloat(double d, int bitSize)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "+Inf";
        if (double.IsNegativeInfinity(d)) return "-Inf";
        if (d == 0) return double.IsNegative(d) ? "-0" : "0";
        var negative = d < 0;
        // "R" gives the shortest round-trip digits (as Go's shortest formatting), which are then laid out Go's way.
        var r = bitSize == 32
            ? ((float)Math.Abs(d)).ToString("R", CultureInfo.InvariantCulture)
            : Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(new[] { 'E', 'e' });
        var mantissa = e < 0 ? r : r[..e];
        var exp10 = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var all = intPart + (dot < 0 ? "" : mantissa[(dot + 1)..]);
        var trimmed = all.TrimStart('0');
        var dp = intPart.Length + exp10 - (all.Length - trimmed.Length); // decimal point position within digits
        var digits = trimmed.TrimEnd('0');
        var x = dp - 1;
        // Shortest 'g' switches to the exponent form below 1e-4 and from 1e6 on (strconv uses precision 6 for this).
        var body = x < -4 || x >= 6 ? ExpForm(digits, x) : Plain(digits, dp);
        return negative ? "-" + body : body;
    }

    private static string Plain(string digits, int dp)
    {
        if (dp <= 0) return "0." + new string('0', -dp) + digits;
        if (dp >= digits.Length) return digits + new string('0', dp - digits.Length);
        return digits[..dp] + "." + digits[dp..];
    }

    private static string ExpForm(string digits, int x)
    {
        var m = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        var ax = Math.Abs(x);
        return m + "e" + (x < 0 ? "-" : "+") + (ax < 10 ? "0" : "") + ax.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Go's %T for the value model.</summary>
    public static string TypeName(object? v) => v switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        int => "int",
        long => "int64",
        double => "float64",
        Dictionary<string, object?> => "map[string]interface {}",
        List<object?> => "[]interface {}",
        _ => v.GetType().Name,
    };

    /// <summary>util.IsValueNilOrDefault: nil, empty string, false, zero, empty map or list.</summary>
    public static bool IsNilOrDefault(object? v) => v switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        double d => d == 0,
        Dictionary<string, object?> m => m.Count == 0,
        List<object?> l => l.Count == 0,
        _ => false,
    };
}
