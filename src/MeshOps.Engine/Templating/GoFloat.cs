using System.Globalization;
using System.Numerics;
using System.Text;

namespace MeshOps.Engine.Templating;

/// <summary>Go's strconv.FormatFloat for the 'e', 'E', 'f', 'F', 'g' and 'G' formats (bitSize 64 or 32).</summary>
internal static class GoFloat
{
    /// <summary>Decimal digits of a finite non-negative value: Digits without trailing zeros, value = 0.Digits × 10^Dp.</summary>
    private struct Decimal
    {
        public char[] D;
        public int Nd;
        public int Dp;
    }

    /// <summary>strconv.FormatFloat(v, fmt, prec, bitSize); prec &lt; 0 means the shortest representation that round-trips.</summary>
    public static string Format(double v, char fmt, int prec, int bitSize = 64)
    {
        var sb = new StringBuilder(24);
        Append(sb, v, fmt, prec, bitSize);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, double v, char fmt, int prec, int bitSize = 64)
    {
        if (double.IsNaN(v))
        {
            sb.Append("NaN");
            return;
        }
        if (double.IsInfinity(v))
        {
            sb.Append(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        var neg = v < 0 || (v == 0 && double.IsNegative(v));
        if (fmt is 'x' or 'X' or 'b')
        {
            AppendBinary(sb, v, fmt, prec, bitSize, neg);
            return;
        }
        var a = Math.Abs(v);
        var shortest = prec < 0;
        Decimal d;
        if (shortest)
        {
            d = ShortestDigits(a, bitSize);
            switch (fmt)
            {
                case 'e':
                case 'E':
                    prec = Math.Max(d.Nd - 1, 0);
                    break;
                case 'f':
                case 'F':
                    prec = Math.Max(d.Nd - d.Dp, 0);
                    break;
                default:
                    prec = d.Nd;
                    break;
            }
        }
        else
        {
            d = ExactDigits(bitSize == 32 ? (float)a : a);
            switch (fmt)
            {
                case 'e':
                case 'E':
                    Round(ref d, prec + 1);
                    break;
                case 'f':
                case 'F':
                    Round(ref d, d.Dp + prec);
                    break;
                default:
                    if (prec == 0) prec = 1;
                    Round(ref d, prec);
                    break;
            }
        }
        if (neg) sb.Append('-');
        switch (fmt)
        {
            case 'e':
            case 'E':
                FmtE(sb, d, prec, fmt);
                return;
            case 'f':
            case 'F':
                FmtF(sb, d, prec);
                return;
            default:
            {
                var eprec = prec;
                if (eprec > d.Nd && d.Nd >= d.Dp) eprec = d.Nd;
                if (shortest) eprec = 6;
                var exp = d.Dp - 1;
                if (exp < -4 || exp >= eprec)
                {
                    if (prec > d.Nd) prec = d.Nd;
                    FmtE(sb, d, prec - 1, fmt == 'g' ? 'e' : 'E');
                    return;
                }
                if (prec > d.Dp) prec = d.Nd;
                FmtF(sb, d, Math.Max(prec - d.Dp, 0));
                return;
            }
        }
    }

    /// <summary>strconv's fmtB (mantissa p exponent) and fmtX (hexadecimal mantissa, binary exponent).</summary>
    private static void AppendBinary(StringBuilder sb, double v, char fmt, int prec, int bitSize, bool neg)
    {
        ulong mant;
        int exp;
        int mantBits;
        if (bitSize == 32)
        {
            var bits = BitConverter.SingleToUInt32Bits((float)v);
            mantBits = 23;
            exp = (int)(bits >> 23) & 0xFF;
            mant = bits & ((1u << 23) - 1);
            if (exp == 0) exp++;
            else mant |= 1UL << 23;
            exp += -127;
        }
        else
        {
            var bits = BitConverter.DoubleToUInt64Bits(v);
            mantBits = 52;
            exp = (int)(bits >> 52) & 0x7FF;
            mant = bits & ((1UL << 52) - 1);
            if (exp == 0) exp++;
            else mant |= 1UL << 52;
            exp += -1023;
        }
        if (fmt == 'b')
        {
            if (neg) sb.Append('-');
            sb.Append(mant.ToString(CultureInfo.InvariantCulture)).Append('p');
            exp -= mantBits;
            if (exp >= 0) sb.Append('+');
            sb.Append(exp.ToString(CultureInfo.InvariantCulture));
            return;
        }
        if (mant == 0) exp = 0;
        mant <<= 60 - mantBits;
        while (mant != 0 && (mant & (1UL << 60)) == 0)
        {
            mant <<= 1;
            exp--;
        }
        if (prec >= 0 && prec < 15)
        {
            var shift = prec * 4;
            var extra = (mant << shift) & ((1UL << 60) - 1);
            mant >>= 60 - shift;
            if ((extra | (mant & 1)) > 1UL << 59) mant++;
            mant <<= 60 - shift;
            if ((mant & (1UL << 61)) != 0)
            {
                mant >>= 1;
                exp++;
            }
        }
        var hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        if (neg) sb.Append('-');
        sb.Append('0').Append(fmt).Append((char)('0' + (int)((mant >> 60) & 1)));
        mant <<= 4;
        if (prec < 0 && mant != 0)
        {
            sb.Append('.');
            while (mant != 0)
            {
                sb.Append(hex[(int)((mant >> 60) & 15)]);
                mant <<= 4;
            }
        }
        else if (prec > 0)
        {
            sb.Append('.');
            for (var i = 0; i < prec; i++)
            {
                sb.Append(hex[(int)((mant >> 60) & 15)]);
                mant <<= 4;
            }
        }
        sb.Append(fmt == 'X' ? 'P' : 'p');
        if (exp < 0)
        {
            sb.Append('-');
            exp = -exp;
        }
        else
        {
            sb.Append('+');
        }
        if (exp < 10) sb.Append('0');
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static Decimal ShortestDigits(double a, int bitSize)
    {
        if (a == 0) return new Decimal { D = Array.Empty<char>(), Nd = 0, Dp = 0 };
        // Integral values below 2^53 print exactly; this is the common case of Helm values (all numbers are float64).
        if (bitSize == 64 && a < 9007199254740992.0 && Math.Floor(a) == a)
            return FromDigitString(((long)a).ToString(CultureInfo.InvariantCulture), 0);
        var r = bitSize == 32 ? ((float)a).ToString("R", CultureInfo.InvariantCulture) : a.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(new[] { 'E', 'e' });
        var exp10 = 0;
        if (e >= 0)
        {
            exp10 = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r.Substring(0, e);
        }
        var dot = r.IndexOf('.');
        string digits;
        int intLen;
        if (dot >= 0)
        {
            digits = r.Remove(dot, 1);
            intLen = dot;
        }
        else
        {
            digits = r;
            intLen = r.Length;
        }
        return FromDigitString(digits, intLen + exp10 - digits.Length);
    }

    /// <summary>value = digits × 10^exp10 (digits may have leading and trailing zeros).</summary>
    private static Decimal FromDigitString(string digits, int exp10)
    {
        var start = 0;
        while (start < digits.Length && digits[start] == '0') start++;
        var end = digits.Length;
        while (end > start && digits[end - 1] == '0') end--;
        var nd = end - start;
        var d = new Decimal { D = new char[Math.Max(nd, 1)], Nd = nd };
        digits.CopyTo(start, d.D, 0, nd);
        d.Dp = nd == 0 ? 0 : digits.Length - start + exp10;
        return d;
    }

    /// <summary>The exact decimal expansion of a double (every binary fraction has a finite one).</summary>
    private static Decimal ExactDigits(double a)
    {
        if (a == 0) return new Decimal { D = new char[1], Nd = 0, Dp = 0 };
        var bits = BitConverter.DoubleToInt64Bits(a);
        var exp = (int)((bits >> 52) & 0x7FF);
        var mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0) exp = 1;
        else mant |= 1L << 52;
        exp -= 1075;
        if (exp >= 0)
            return FromDigitString((new BigInteger(mant) << exp).ToString(CultureInfo.InvariantCulture), 0);
        var n = new BigInteger(mant) * BigInteger.Pow(5, -exp);
        return FromDigitString(n.ToString(CultureInfo.InvariantCulture), exp);
    }

    /// <summary>Go's decimal.Round: to nd digits, halfway cases to even.</summary>
    private static void Round(ref Decimal d, int nd)
    {
        if (nd < 0 || nd >= d.Nd) return;
        bool up;
        if (d.D[nd] == '5' && nd + 1 == d.Nd) up = nd > 0 && (d.D[nd - 1] - '0') % 2 == 1;
        else up = d.D[nd] >= '5';
        if (up)
        {
            for (var i = nd - 1; i >= 0; i--)
            {
                if (d.D[i] < '9')
                {
                    d.D[i]++;
                    d.Nd = i + 1;
                    return;
                }
            }
            d.D[0] = '1';
            d.Nd = 1;
            d.Dp++;
            return;
        }
        d.Nd = nd;
        while (d.Nd > 0 && d.D[d.Nd - 1] == '0') d.Nd--;
        if (d.Nd == 0) d.Dp = 0;
    }

    private static void FmtE(StringBuilder sb, Decimal d, int prec, char fmt)
    {
        sb.Append(d.Nd == 0 ? '0' : d.D[0]);
        if (prec > 0)
        {
            sb.Append('.');
            var i = 1;
            var m = Math.Min(d.Nd, prec + 1);
            if (i < m)
            {
                sb.Append(d.D, i, m - i);
                i = m;
            }
            for (; i <= prec; i++) sb.Append('0');
        }
        sb.Append(fmt);
        var exp = d.Dp - 1;
        if (d.Nd == 0) exp = 0;
        if (exp < 0)
        {
            sb.Append('-');
            exp = -exp;
        }
        else
        {
            sb.Append('+');
        }
        if (exp < 10) sb.Append('0').Append((char)('0' + exp));
        else sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void FmtF(StringBuilder sb, Decimal d, int prec)
    {
        if (d.Dp > 0)
        {
            var m = Math.Min(d.Nd, d.Dp);
            sb.Append(d.D, 0, m);
            for (; m < d.Dp; m++) sb.Append('0');
        }
        else
        {
            sb.Append('0');
        }
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                var j = d.Dp + i - 1;
                sb.Append(j >= 0 && j < d.Nd ? d.D[j] : '0');
            }
        }
    }
}
