using System.Globalization;

namespace MeshOps.Bench;

/// <summary>The machine-readable result line every benchmark target prints (bench/README.md): "ratio: name: value (target op goal): met|missed".</summary>
internal static class Ratio
{
    public static string Line(string name, double value, string op, double target, string format, string unit)
    {
        var met = op == "<=" ? value <= target : value >= target;
        var c = CultureInfo.InvariantCulture;
        return $"ratio: {name}: {value.ToString(format, c)}{unit} (target {op} {target.ToString(format, c)}{unit}): {(met ? "met" : "missed")}";
    }
}
