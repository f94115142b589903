using System.Globalization;
using System.Security.Cryptography;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Sprig's arithmetic (functions.go, numeric.go): the integer family converts with cast.ToInt64 and returns int64;
/// the float family (addf...) works in decimal arithmetic as shopspring/decimal does and returns float64.
/// </summary>
internal static class SprigMathFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["add1"] = (_, a) =>
        {
            FuncArgs.Count("add1", a, 1);
            return unchecked(SprigCast.ToInt64(a[0]) + 1);
        };
        t["add"] = (_, a) =>
        {
            long sum = 0;
            foreach (var v in a) sum = unchecked(sum + SprigCast.ToInt64(v));
            return sum;
        };
        t["sub"] = (_, a) =>
        {
            FuncArgs.Count("sub", a, 2);
            return unchecked(SprigCast.ToInt64(a[0]) - SprigCast.ToInt64(a[1]));
        };
        t["div"] = (_, a) =>
        {
            FuncArgs.Count("div", a, 2);
            long x = SprigCast.ToInt64(a[0]), y = SprigCast.ToInt64(a[1]);
            if (y == 0) throw new TemplateFunctionException("runtime error: integer divide by zero");
            return y == -1 ? unchecked(-x) : x / y;
        };
        t["mod"] = (_, a) =>
        {
            FuncArgs.Count("mod", a, 2);
            long x = SprigCast.ToInt64(a[0]), y = SprigCast.ToInt64(a[1]);
            if (y == 0) throw new TemplateFunctionException("runtime error: integer divide by zero");
            return y == -1 ? 0L : x % y;
        };
        t["mul"] = (_, a) =>
        {
            FuncArgs.AtLeast("mul", a, 1);
            var product = SprigCast.ToInt64(a[0]);
            foreach (var v in a.Skip(1)) product = unchecked(product * SprigCast.ToInt64(v));
            return product;
        };
        t["randInt"] = (_, a) =>
        {
            FuncArgs.Count("randInt", a, 2);
            int min = FuncArgs.Int(a[0]), max = FuncArgs.Int(a[1]);
            if (max - min <= 0) throw new TemplateFunctionException("invalid argument to Intn");
            return RandomNumberGenerator.GetInt32(max - min) + min;
        };
        t["max"] = (_, a) =>
        {
            FuncArgs.AtLeast("max", a, 1);
            return a.Select(SprigCast.ToInt64).Max();
        };
        t["biggest"] = t["max"];
        t["min"] = (_, a) =>
        {
            FuncArgs.AtLeast("min", a, 1);
            return a.Select(SprigCast.ToInt64).Min();
        };
        t["maxf"] = (_, a) =>
        {
            FuncArgs.AtLeast("maxf", a, 1);
            return a.Skip(1).Aggregate(SprigCast.ToFloat64(a[0]), (m, v) => GoMax(m, SprigCast.ToFloat64(v)));
        };
        t["minf"] = (_, a) =>
        {
            FuncArgs.AtLeast("minf", a, 1);
            return a.Skip(1).Aggregate(SprigCast.ToFloat64(a[0]), (m, v) => GoMin(m, SprigCast.ToFloat64(v)));
        };
        t["floor"] = (_, a) =>
        {
            FuncArgs.Count("floor", a, 1);
            return Math.Floor(SprigCast.ToFloat64(a[0]));
        };
        t["ceil"] = (_, a) =>
        {
            FuncArgs.Count("ceil", a, 1);
            return Math.Ceiling(SprigCast.ToFloat64(a[0]));
        };
        t["round"] = (_, a) =>
        {
            FuncArgs.AtLeast("round", a, 2);
            if (a.Length > 3) throw new TemplateFunctionException($"wrong number of args for round: want at most 3 got {a.Length}");
            var val = SprigCast.ToFloat64(a[0]);
            var places = FuncArgs.Int(a[1]);
            var roundOn = a.Length > 2 ? FloatParam(a[2]) : 0.5;
            var pow = Math.Pow(10, places);
            var digit = pow * val;
            var frac = digit - Math.Truncate(digit);
            var rounded = frac >= roundOn ? Math.Ceiling(digit) : Math.Floor(digit);
            return rounded / pow;
        };
        t["add1f"] = (_, a) =>
        {
            FuncArgs.Count("add1f", a, 1);
            return DecimalOp(a[0], new object?[] { 1 }, (x, y) => x + y);
        };
        t["addf"] = (_, a) => DecimalOp(0.0, a, (x, y) => x + y);
        t["subf"] = (_, a) =>
        {
            FuncArgs.AtLeast("subf", a, 1);
            return DecimalOp(a[0], a[1..], (x, y) => x - y);
        };
        t["mulf"] = (_, a) =>
        {
            FuncArgs.AtLeast("mulf", a, 1);
            return DecimalOp(a[0], a[1..], (x, y) => x * y);
        };
        t["divf"] = (_, a) =>
        {
            FuncArgs.AtLeast("divf", a, 1);
            return DecimalOp(a[0], a[1..], (x, y) =>
            {
                if (y == 0) throw new TemplateFunctionException("decimal division by zero");
                // shopspring/decimal divides to 16 fractional digits.
                return Math.Round(x / y, 16, MidpointRounding.AwayFromZero);
            });
        };
    }

    /// <summary>A float64 parameter: Go converts numeric template constants; values must already be numbers.</summary>
    private static double FloatParam(object? v) =>
        v is not bool && v is not string && GoValues.TryToDouble(v, out var d) ? d : throw FuncArgs.WrongType("float64", v);

    // math.Max/Min: NaN wins, and +0/-0 are ordered.
    private static double GoMax(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y);
    private static double GoMin(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Min(x, y);

    /// <summary>Sprig's execDecimalOp: every operand through cast.ToFloat64 then decimal.NewFromFloat, folded, back to float64.</summary>
    private static double DecimalOp(object? first, object?[] rest, Func<decimal, decimal, decimal> op)
    {
        var start = SprigCast.ToFloat64(first);
        var operands = rest.Select(SprigCast.ToFloat64).ToArray();
        if (TryDecimal(start, out var acc) && operands.All(o => TryDecimal(o, out var _)))
        {
            try
            {
                foreach (var o in operands)
                {
                    TryDecimal(o, out var d);
                    acc = op(acc, d);
                }
                return double.Parse(acc.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                // Beyond decimal's range: fall back to float64 arithmetic below.
            }
        }
        var result = start;
        foreach (var o in operands)
        {
            var r = op is null ? 0 : ApplyDouble(op, result, o);
            result = r;
        }
        return result;
    }

    private static double ApplyDouble(Func<decimal, decimal, decimal> op, double x, double y)
    {
        // Identify the operation by probing it on small exact values (the fallback is only for huge magnitudes).
        var probe = op(6m, 3m);
        return probe switch
        {
            9m => x + y,
            3m => x - y,
            18m => x * y,
            _ => y == 0 ? throw new TemplateFunctionException("decimal division by zero") : x / y,
        };
    }

    /// <summary>decimal.NewFromFloat: the shortest decimal that round-trips to the float.</summary>
    private static bool TryDecimal(double d, out decimal result)
    {
        result = 0;
        if (double.IsNaN(d) || double.IsInfinity(d) || Math.Abs(d) > 7.9e27) return false;
        return decimal.TryParse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
    }
}
