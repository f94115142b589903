using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Kube;

/// <summary>
/// The value of a Kubernetes resource.Quantity string ("2048Mi", "500m", "1.5", "1e3"). The API server stores a
/// quantity in its canonical form ("2048Mi" as "2Gi", "2000m" as "2"), so a live quantity that differs from the
/// applied one as text but not as a value is what applying it again stores.
/// </summary>
internal static partial class QuantityValue
{
    private static readonly Dictionary<string, decimal> Suffixes = new(StringComparer.Ordinal)
    {
        ["n"] = 1e-9m, ["u"] = 1e-6m, ["m"] = 1e-3m, [""] = 1m, ["k"] = 1e3m, ["M"] = 1e6m, ["G"] = 1e9m, ["T"] = 1e12m, ["P"] = 1e15m, ["E"] = 1e18m,
        ["Ki"] = 1024m, ["Mi"] = 1024m * 1024, ["Gi"] = 1024m * 1024 * 1024, ["Ti"] = 1024m * 1024 * 1024 * 1024,
        ["Pi"] = 1024m * 1024 * 1024 * 1024 * 1024, ["Ei"] = 1024m * 1024 * 1024 * 1024 * 1024 * 1024,
    };

    /// <summary>True when the text is a quantity; <paramref name="value"/> is then its value (within decimal's range).</summary>
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
        try
        {
            if (match.Groups["exponent"].Success)
            {
                var exponent = int.Parse(match.Groups["exponent"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (exponent is < -28 or > 28) return false;
                var scale = 1m;
                for (var i = 0; i < Math.Abs(exponent); i++) scale *= 10;
                value = exponent < 0 ? number / scale : number * scale;
                return true;
            }
            value = number * Suffixes[match.Groups["suffix"].Value];
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(?<number>[+-]?(\d+\.?\d*|\.\d+))(?:[eE](?<exponent>[+-]?\d+)|(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?))$")]
    private static partial Regex Pattern();
}
