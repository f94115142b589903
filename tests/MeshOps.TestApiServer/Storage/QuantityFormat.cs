using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>
/// The canonical text a real API server stores for a resource.Quantity: binary suffixes stay binary with the largest
/// suffix that keeps the number whole ("2048Mi" is "2Gi", "1.5Gi" is "1536Mi"), decimal ones likewise with SI suffixes
/// ("2000m" is "2", "0.5" is "500m", "1000" is "1k"). Exponent forms and anything unparsable are kept as written.
/// </summary>
public static partial class QuantityFormat
{
    static readonly string[] Binary = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    static readonly (string Suffix, int Exponent)[] Decimal =
        [("E", 18), ("P", 15), ("T", 12), ("G", 9), ("M", 6), ("k", 3), ("", 0), ("m", -3), ("u", -6), ("n", -9)];

    public static string Canonical(string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success || !decimal.TryParse(m.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return text;
        var suffix = m.Groups["suffix"].Value;
        try
        {
            var binary = Array.IndexOf(Binary, suffix);
            if (suffix.EndsWith('i') && binary > 0)
            {
                var bytes = number * Pow(1024, binary);
                if (bytes == decimal.Truncate(bytes))
                    for (var j = Binary.Length - 1; j >= 0; j--)
                        if (bytes % Pow(1024, j) == 0) return Format(bytes / Pow(1024, j)) + Binary[j];
                return DecimalForm(bytes);
            }
            var (_, exponent) = Decimal.First(d => d.Suffix == suffix);
            return DecimalForm(number * Pow10(exponent));
        }
        catch (OverflowException)
        {
            return text;
        }
    }

    static string DecimalForm(decimal value)
    {
        if (value == 0) return "0";
        foreach (var (suffix, exponent) in Decimal)
        {
            var mantissa = value / Pow10(exponent);
            if (mantissa == decimal.Truncate(mantissa)) return Format(mantissa) + suffix;
        }
        return Format(decimal.Ceiling(value / Pow10(-9))) + "n"; // finer than nano rounds up, as the real server does
    }

    static string Format(decimal d) => decimal.Truncate(d).ToString(CultureInfo.InvariantCulture);
    static decimal Pow(int b, int e) { var r = 1m; for (var i = 0; i < e; i++) r *= b; return r; }
    static decimal Pow10(int e) => e >= 0 ? Pow(10, e) : 1m / Pow(10, -e);

    [GeneratedRegex(@"^(?<number>[+-]?(\d+\.?\d*|\.\d+))(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?)$")]
    private static partial Regex Pattern();
}
