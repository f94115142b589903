using System.Collections;
using System.Globalization;
using System.Text;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating;

/// <summary>Go's fmt.pp and fmt.fmt: one formatting run with its flags.</summary>
internal sealed class GoPrinter
{
    private const string LDigits = "0123456789abcdefx";
    private const string UDigits = "0123456789ABCDEFX";

    public readonly StringBuilder Buf = new(64);

    private bool _widPresent, _precPresent, _minus, _plus, _sharp, _space, _zero, _plusV, _sharpV;
    private int _wid, _prec;
    private bool _reordered, _goodArgNum, _erroring;
    private object? _arg;

    public void Reset()
    {
        Buf.Clear();
        ClearFlags();
        _reordered = false;
        _erroring = false;
    }

    private void ClearFlags()
    {
        _widPresent = _precPresent = _minus = _plus = _sharp = _space = _zero = _plusV = _sharpV = false;
        _wid = _prec = 0;
    }

    // ---- Print / Println / Printf ----

    public void DoPrint(object?[] a)
    {
        var prevString = false;
        for (var i = 0; i < a.Length; i++)
        {
            var isString = a[i] is string;
            if (i > 0 && !isString && !prevString) Buf.Append(' ');
            PrintArg(a[i], 'v');
            TemplateLimits.CheckLength(Buf.Length, "print");
            prevString = isString;
        }
    }

    public void DoPrintln(object?[] a)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (i > 0) Buf.Append(' ');
            PrintArg(a[i], 'v');
            TemplateLimits.CheckLength(Buf.Length, "println");
        }
        Buf.Append('\n');
    }

    private static bool TooLarge(int x) => x > 1_000_000 || x < -1_000_000;

    private static (int Num, bool IsNum, int NewI) ParseNum(string s, int start, int end)
    {
        if (start >= end) return (0, false, end);
        var num = 0;
        var isnum = false;
        var i = start;
        for (; i < end && s[i] >= '0' && s[i] <= '9'; i++)
        {
            if (TooLarge(num)) return (0, false, end);
            num = num * 10 + (s[i] - '0');
            isnum = true;
        }
        return (num, isnum, i);
    }

    private (int ArgNum, int I, bool Found) ArgNumber(int argNum, string format, int i, int numArgs)
    {
        if (format.Length <= i || format[i] != '[') return (argNum, i, false);
        _reordered = true;
        // parseArgNumber: "[n]" with n one-based.
        int index = 0, wid = 1;
        var ok = false;
        var f = format.Substring(i);
        if (f.Length >= 3)
        {
            for (var j = 1; j < f.Length; j++)
            {
                if (f[j] == ']')
                {
                    var (width, isnum, newi) = ParseNum(f, 1, j);
                    if (!isnum || newi != j)
                    {
                        index = 0;
                        wid = j + 1;
                        ok = false;
                    }
                    else
                    {
                        index = width - 1;
                        wid = j + 1;
                        ok = true;
                    }
                    break;
                }
            }
        }
        if (ok && index >= 0 && index < numArgs) return (index, i + wid, true);
        _goodArgNum = false;
        return (argNum, i + wid, ok);
    }

    private static (int Num, bool IsInt, int NewArgNum) IntFromArg(object?[] a, int argNum)
    {
        var num = 0;
        var isInt = false;
        var newArgNum = argNum;
        if (argNum < a.Length)
        {
            var v = a[argNum];
            if (v is int i)
            {
                num = i;
                isInt = true;
            }
            else if (GoValues.TryToInt64(v, out var l) && l >= int.MinValue && l <= int.MaxValue && v is not char)
            {
                num = (int)l;
                isInt = true;
            }
            newArgNum = argNum + 1;
            if (TooLarge(num))
            {
                num = 0;
                isInt = false;
            }
        }
        return (num, isInt, newArgNum);
    }

    public void DoPrintf(string format, object?[] a)
    {
        var end = format.Length;
        var argNum = 0;
        var afterIndex = false;
        _reordered = false;
        var i = 0;
        while (i < end)
        {
            TemplateLimits.CheckLength(Buf.Length, "printf");
            _goodArgNum = true;
            var lasti = i;
            while (i < end && format[i] != '%') i++;
            if (i > lasti) Buf.Append(format, lasti, i - lasti);
            if (i >= end) break;
            i++; // skip %
            ClearFlags();
            var simple = false;
            for (; i < end; i++)
            {
                var c = format[i];
                switch (c)
                {
                    case '#': _sharp = true; continue;
                    case '0': _zero = !_minus; continue;
                    case '+': _plus = true; continue;
                    case '-':
                        _minus = true;
                        _zero = false;
                        continue;
                    case ' ': _space = true; continue;
                }
                if (c >= 'a' && c <= 'z' && argNum < a.Length)
                {
                    if (c == 'v')
                    {
                        _sharpV = _sharp;
                        _sharp = false;
                        _plusV = _plus;
                        _plus = false;
                    }
                    PrintArg(a[argNum], c);
                    argNum++;
                    i++;
                    simple = true;
                }
                break;
            }
            if (simple) continue;

            (argNum, i, afterIndex) = ArgNumber(argNum, format, i, a.Length);

            if (i < end && format[i] == '*')
            {
                i++;
                (_wid, _widPresent, argNum) = IntFromArg(a, argNum);
                if (!_widPresent) Buf.Append("%!(BADWIDTH)");
                if (_wid < 0)
                {
                    _wid = -_wid;
                    _minus = true;
                    _zero = false;
                }
                afterIndex = false;
            }
            else
            {
                (_wid, _widPresent, i) = ParseNum(format, i, end);
                if (afterIndex && _widPresent) _goodArgNum = false;
            }

            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex) _goodArgNum = false;
                (argNum, i, afterIndex) = ArgNumber(argNum, format, i, a.Length);
                if (i < end && format[i] == '*')
                {
                    i++;
                    (_prec, _precPresent, argNum) = IntFromArg(a, argNum);
                    if (_prec < 0)
                    {
                        _prec = 0;
                        _precPresent = false;
                    }
                    if (!_precPresent) Buf.Append("%!(BADPREC)");
                    afterIndex = false;
                }
                else
                {
                    (_prec, _precPresent, i) = ParseNum(format, i, end);
                    if (!_precPresent)
                    {
                        _prec = 0;
                        _precPresent = true;
                    }
                }
            }

            if (!afterIndex) (argNum, i, afterIndex) = ArgNumber(argNum, format, i, a.Length);

            if (i >= end)
            {
                Buf.Append("%!(NOVERB)");
                break;
            }

            int verb = format[i];
            var size = 1;
            if (char.IsHighSurrogate(format[i]) && i + 1 < end && char.IsLowSurrogate(format[i + 1]))
            {
                verb = char.ConvertToUtf32(format[i], format[i + 1]);
                size = 2;
            }
            i += size;

            if (verb == '%')
            {
                Buf.Append('%');
            }
            else if (!_goodArgNum)
            {
                BadArgNum(verb);
            }
            else if (argNum >= a.Length)
            {
                MissingArg(verb);
            }
            else
            {
                if (verb == 'v')
                {
                    _sharpV = _sharp;
                    _sharp = false;
                    _plusV = _plus;
                    _plus = false;
                }
                PrintArg(a[argNum], verb);
                argNum++;
            }
        }

        if (!_reordered && argNum < a.Length)
        {
            ClearFlags();
            Buf.Append("%!(EXTRA ");
            for (var k = argNum; k < a.Length; k++)
            {
                if (k > argNum) Buf.Append(", ");
                if (a[k] == null)
                {
                    Buf.Append("<nil>");
                }
                else
                {
                    Buf.Append(GoValues.TypeOf(a[k])).Append('=');
                    PrintArg(a[k], 'v');
                }
            }
            Buf.Append(')');
        }
    }

    private void AppendVerb(int verb)
    {
        if (verb < 0x10000) Buf.Append((char)verb);
        else Buf.Append(char.ConvertFromUtf32(verb));
    }

    private void BadArgNum(int verb)
    {
        Buf.Append("%!");
        AppendVerb(verb);
        Buf.Append("(BADINDEX)");
    }

    private void MissingArg(int verb)
    {
        Buf.Append("%!");
        AppendVerb(verb);
        Buf.Append("(MISSING)");
    }

    private void BadVerb(int verb, object? value)
    {
        _erroring = true;
        Buf.Append("%!");
        AppendVerb(verb);
        Buf.Append('(');
        if (value != null)
        {
            Buf.Append(GoValues.TypeOf(value)).Append('=');
            PrintArg(value, 'v');
        }
        else
        {
            Buf.Append("<nil>");
        }
        Buf.Append(')');
        _erroring = false;
    }

    // ---- printArg / printValue ----

    public void PrintArg(object? arg, int verb)
    {
        _arg = arg;
        if (arg == null)
        {
            if (verb == 'T' || verb == 'v') PadString("<nil>");
            else BadVerb(verb, null);
            return;
        }
        if (verb == 'T')
        {
            FmtS(GoValues.TypeOf(arg));
            return;
        }
        if (verb == 'p')
        {
            FmtPointer(arg, verb);
            return;
        }
        switch (arg)
        {
            case bool b: FmtBool(b, verb, arg); return;
            case double d: FmtFloat(d, 64, verb, arg); return;
            case float f: FmtFloat(f, 32, verb, arg); return;
            case int i: FmtInteger((ulong)(long)i, true, verb, arg); return;
            case long l: FmtInteger((ulong)l, true, verb, arg); return;
            case string s: FmtString(s, verb, arg); return;
            case short sh: FmtInteger((ulong)(long)sh, true, verb, arg); return;
            case sbyte sb: FmtInteger((ulong)(long)sb, true, verb, arg); return;
            case char ch: FmtInteger(ch, true, verb, arg); return;
            case byte by: FmtInteger(by, false, verb, arg); return;
            case ushort us: FmtInteger(us, false, verb, arg); return;
            case uint ui: FmtInteger(ui, false, verb, arg); return;
            case ulong ul: FmtInteger(ul, false, verb, arg); return;
        }
        if (!HandleMethods(verb, arg)) PrintValue(arg, verb, 0);
    }

    /// <summary>Go's Stringer/error handling: an IGoObject with a String (or Error) method prints its result.</summary>
    private bool HandleMethods(int verb, object arg)
    {
        if (_erroring) return false;
        if (arg is not IGoObject g) return false;
        if (_sharpV) return false;
        if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q') return false;
        TemplateFunc? m;
        if (!g.TryGetMethod("Error", out m) && !g.TryGetMethod("String", out m)) return false;
        if (m == null) return false;
        object? result;
        try
        {
            result = m(NoContext.Instance, Array.Empty<object?>());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Go's catchPanic prints %!v(PANIC=String method: msg)
            Buf.Append("%!");
            AppendVerb(verb);
            Buf.Append("(PANIC=String method: ").Append(e.Message).Append(')');
            return true;
        }
        FmtString(result as string ?? GoFormat.FormatValue(result), verb, arg);
        return true;
    }

    private void PrintValue(object? value, int verb, int depth)
    {
        if (depth > 0 && value != null && !(value is string or bool or int or long or double))
        {
            _arg = value;
            if (HandleMethods(verb, value)) return;
        }
        switch (value)
        {
            case null:
                // An interface element holding nil (a map or slice element).
                if (_sharpV) Buf.Append("interface {}(nil)");
                else Buf.Append("<nil>");
                return;
            case bool b: FmtBool(b, verb, value); return;
            case double d: FmtFloat(d, 64, verb, value); return;
            case float f: FmtFloat(f, 32, verb, value); return;
            case string s: FmtString(s, verb, value); return;
            case int or long or short or sbyte or char:
                GoValues.TryToInt64(value, out var l);
                FmtInteger((ulong)l, true, verb, value);
                return;
            case byte or ushort or uint or ulong:
                FmtInteger(Convert.ToUInt64(value, CultureInfo.InvariantCulture), false, verb, value);
                return;
            case IDictionary map:
                PrintMap(map, verb, depth);
                return;
            case byte[] bytes when verb is 's' or 'q' or 'x' or 'X':
                FmtString(GoBytes.Decode(bytes), verb, value);
                return;
            case IList list:
                PrintList(list, verb, depth);
                return;
            case IGoObject g:
                PrintStruct(g, verb, depth);
                return;
            case Delegate:
                FmtPointer(value, verb);
                return;
            default:
                FmtString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", verb == 'v' ? 's' : verb, value);
                return;
        }
    }

    private void PrintMap(IDictionary map, int verb, int depth)
    {
        NestingGuard.Check(depth); // Go's fmt would recurse forever on a map that contains itself
        TemplateLimits.CheckLength(Buf.Length, "print"); // and print a map nested into itself twice per level 2^n times
        if (_sharpV)
        {
            Buf.Append(GoValues.TypeOf(map)).Append('{');
        }
        else
        {
            Buf.Append("map[");
        }
        var keys = SortedKeys(map);
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                if (_sharpV) Buf.Append(", ");
                else Buf.Append(' ');
            }
            PrintValue(keys[i], verb, depth + 1);
            Buf.Append(':');
            PrintValue(map[keys[i]!], verb, depth + 1);
        }
        Buf.Append(_sharpV ? '}' : ']');
    }

    /// <summary>Map keys in Go's fmtsort order (strings bytewise, numbers numerically).</summary>
    internal static List<object?> SortedKeys(IDictionary map)
    {
        var keys = new List<object?>(map.Count);
        foreach (var k in map.Keys) keys.Add(k);
        if (map is Dictionary<string, object?> || keys.TrueForAll(k => k is string))
            keys.Sort((x, y) => GoValues.CompareUtf8((string)x!, (string)y!));
        else
            keys.Sort(CompareKeys);
        return keys;
    }

    private static int CompareKeys(object? x, object? y)
    {
        if (x is string sx && y is string sy) return GoValues.CompareUtf8(sx, sy);
        if (GoValues.TryToInt64(x, out var lx) && GoValues.TryToInt64(y, out var ly)) return lx.CompareTo(ly);
        if (GoValues.TryToDouble(x, out var dx) && GoValues.TryToDouble(y, out var dy)) return dx.CompareTo(dy);
        if (x is bool bx && y is bool by) return bx.CompareTo(by);
        return string.CompareOrdinal(GoValues.TypeOf(x), GoValues.TypeOf(y));
    }

    private void PrintList(IList list, int verb, int depth)
    {
        NestingGuard.Check(depth);
        TemplateLimits.CheckLength(Buf.Length, "print");
        if (_sharpV)
        {
            Buf.Append(GoValues.TypeOf(list)).Append('{');
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0) Buf.Append(", ");
                PrintValue(list[i], verb, depth + 1);
            }
            Buf.Append('}');
            return;
        }
        Buf.Append('[');
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) Buf.Append(' ');
            PrintValue(list[i], verb, depth + 1);
        }
        Buf.Append(']');
    }

    /// <summary>
    /// text/template's printableValue of a pointer: what it points to, by its String or Error method when it has
    /// one, else as a struct without the <c>&amp;</c>.
    /// </summary>
    public void PrintPointee(IGoObject g)
    {
        _arg = g;
        if (!HandleMethods('v', g)) PrintStruct(g, 'v', 0, pointee: true);
    }

    private void PrintStruct(IGoObject g, int verb, int depth, bool pointee = false)
    {
        var name = g.GoTypeName;
        var isPtr = name.StartsWith('*');
        if (isPtr && depth == 0)
        {
            if (!pointee) Buf.Append('&');
        }
        else if (isPtr)
        {
            Buf.Append("0xc000000000"); // Go prints the address of nested pointers; there is none to give
            return;
        }
        if (_sharpV) Buf.Append(isPtr ? name.Substring(1) : name);
        Buf.Append('{');
        if (g is IGoStructFields fields)
        {
            var names = fields.FieldNames;
            for (var i = 0; i < names.Count; i++)
            {
                if (i > 0) Buf.Append(_sharpV ? ", " : " ");
                if (_plusV || _sharpV) Buf.Append(names[i]).Append(':');
                g.TryGetField(names[i], out var fv);
                PrintValue(fv, verb, depth + 1);
            }
        }
        Buf.Append('}');
    }

    private void FmtPointer(object value, int verb)
    {
        if (verb is 'v' or 'p' or 'b' or 'o' or 'd' or 'x' or 'X')
        {
            // Go prints an address; a stable placeholder keeps output deterministic.
            PadString("0x0");
            return;
        }
        BadVerb(verb, value);
    }

    // ---- fmt.fmt ----

    private void WritePadding(int n)
    {
        if (n <= 0) return;
        Buf.Append(_zero ? '0' : ' ', n);
    }

    private void Pad(string s)
    {
        if (!_widPresent || _wid == 0)
        {
            Buf.Append(s);
            return;
        }
        var width = _wid - GoFormat.RuneCount(s);
        if (!_minus)
        {
            WritePadding(width);
            Buf.Append(s);
        }
        else
        {
            Buf.Append(s);
            WritePadding(width);
        }
    }

    private void PadString(string s) => Pad(s);

    private void FmtBool(bool v, int verb, object arg)
    {
        if (verb == 't' || verb == 'v') PadString(v ? "true" : "false");
        else BadVerb(verb, arg);
    }

    private void FmtInteger(ulong v, bool isSigned, int verb, object arg)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV && !isSigned) Fmt0x64(v, true);
                else FmtIntegerBase(v, 10, isSigned, verb, LDigits);
                return;
            case 'd': FmtIntegerBase(v, 10, isSigned, verb, LDigits); return;
            case 'b': FmtIntegerBase(v, 2, isSigned, verb, LDigits); return;
            case 'o':
            case 'O': FmtIntegerBase(v, 8, isSigned, verb, LDigits); return;
            case 'x': FmtIntegerBase(v, 16, isSigned, verb, LDigits); return;
            case 'X': FmtIntegerBase(v, 16, isSigned, verb, UDigits); return;
            case 'c': FmtC(v); return;
            case 'q': FmtQc(v); return;
            case 'U': FmtUnicode(v); return;
            default: BadVerb(verb, arg); return;
        }
    }

    private void Fmt0x64(ulong v, bool leading0x)
    {
        var sharp = _sharp;
        _sharp = leading0x;
        FmtIntegerBase(v, 16, false, 'v', LDigits);
        _sharp = sharp;
    }

    private void FmtIntegerBase(ulong u, int b, bool isSigned, int verb, string digits)
    {
        var negative = isSigned && (long)u < 0;
        if (negative) u = 0 - u;
        var buf = new char[Math.Max(68, 3 + (_widPresent ? _wid : 0) + (_precPresent ? _prec : 0))];
        var prec = 0;
        if (_precPresent)
        {
            prec = _prec;
            if (prec == 0 && u == 0)
            {
                var oldZero = _zero;
                _zero = false;
                WritePadding(_wid);
                _zero = oldZero;
                return;
            }
        }
        else if (_zero && _widPresent)
        {
            prec = _wid;
            if (negative || _plus || _space) prec--;
        }
        var i = buf.Length;
        switch (b)
        {
            case 10:
                while (u >= 10)
                {
                    i--;
                    var next = u / 10;
                    buf[i] = (char)('0' + (u - next * 10));
                    u = next;
                }
                break;
            case 16:
                while (u >= 16)
                {
                    i--;
                    buf[i] = digits[(int)(u & 0xF)];
                    u >>= 4;
                }
                break;
            case 8:
                while (u >= 8)
                {
                    i--;
                    buf[i] = (char)('0' + (u & 7));
                    u >>= 3;
                }
                break;
            case 2:
                while (u >= 2)
                {
                    i--;
                    buf[i] = (char)('0' + (u & 1));
                    u >>= 1;
                }
                break;
        }
        i--;
        buf[i] = digits[(int)u];
        while (i > 0 && prec > buf.Length - i)
        {
            i--;
            buf[i] = '0';
        }
        if (_sharp)
        {
            switch (b)
            {
                case 2:
                    i--;
                    buf[i] = 'b';
                    i--;
                    buf[i] = '0';
                    break;
                case 8:
                    if (buf[i] != '0')
                    {
                        i--;
                        buf[i] = '0';
                    }
                    break;
                case 16:
                    i--;
                    buf[i] = digits[16];
                    i--;
                    buf[i] = '0';
                    break;
            }
        }
        if (verb == 'O')
        {
            i--;
            buf[i] = 'o';
            i--;
            buf[i] = '0';
        }
        if (negative)
        {
            i--;
            buf[i] = '-';
        }
        else if (_plus)
        {
            i--;
            buf[i] = '+';
        }
        else if (_space)
        {
            i--;
            buf[i] = ' ';
        }
        var z = _zero;
        _zero = false;
        Pad(new string(buf, i, buf.Length - i));
        _zero = z;
    }

    private static int ToRune(ulong c) => c > 0x10FFFF || c is >= 0xD800 and <= 0xDFFF ? 0xFFFD : (int)c;

    private void FmtC(ulong c)
    {
        var sb = new StringBuilder(2);
        GoQuote.AppendRune(sb, ToRune(c));
        Pad(sb.ToString());
    }

    private void FmtQc(ulong c) => Pad(GoQuote.QuoteRune(ToRune(c), _plus));

    private void FmtUnicode(ulong u)
    {
        var prec = 4;
        if (_precPresent && _prec > 4) prec = _prec;
        var hex = u.ToString("X", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("U+");
        if (hex.Length < prec) sb.Append('0', prec - hex.Length);
        sb.Append(hex);
        if (_sharp && u <= 0x10FFFF && GoQuote.IsPrint((int)u))
        {
            sb.Append(" '");
            GoQuote.AppendRune(sb, (int)u);
            sb.Append('\'');
        }
        var z = _zero;
        _zero = false;
        Pad(sb.ToString());
        _zero = z;
    }

    private void FmtFloat(double v, int size, int verb, object arg)
    {
        switch (verb)
        {
            case 'v': FmtFloatCore(v, size, 'g', -1); return;
            case 'g':
            case 'G':
            case 'b':
            case 'x':
            case 'X': FmtFloatCore(v, size, (char)verb, -1); return;
            case 'f':
            case 'F':
            case 'e':
            case 'E': FmtFloatCore(v, size, (char)verb, 6); return;
            default: BadVerb(verb, arg); return;
        }
    }

    private void FmtFloatCore(double v, int size, char verb, int prec)
    {
        if (_precPresent) prec = _prec;
        var sb = new StringBuilder(32);
        sb.Append('+');
        GoFloat.Append(sb, v, verb == 'F' ? 'f' : verb, prec, size);
        // sb is "+digits" or "+-digits"; normalise to a leading sign character.
        var num = sb[1] == '-' || sb[1] == '+' ? sb.ToString(1, sb.Length - 1) : sb.ToString();
        var numChars = num.ToCharArray().ToList();
        if (_space && numChars[0] == '+' && !_plus) numChars[0] = ' ';
        if (numChars.Count > 1 && (numChars[1] == 'I' || numChars[1] == 'N'))
        {
            var oldZero = _zero;
            _zero = false;
            if (numChars[1] == 'N' && !_space && !_plus) numChars.RemoveAt(0);
            Pad(new string(numChars.ToArray()));
            _zero = oldZero;
            return;
        }
        if (_sharp && verb != 'b')
        {
            var digits = 0;
            if (verb is 'v' or 'g' or 'G' or 'x')
            {
                digits = prec;
                if (digits == -1) digits = 6;
            }
            var tail = new List<char>();
            var hasDecimalPoint = false;
            var sawNonzeroDigit = false;
            for (var i = 1; i < numChars.Count; i++)
            {
                switch (numChars[i])
                {
                    case '.':
                        hasDecimalPoint = true;
                        break;
                    case 'p':
                    case 'P':
                    case 'e':
                    case 'E':
                        tail.AddRange(numChars.GetRange(i, numChars.Count - i));
                        numChars.RemoveRange(i, numChars.Count - i);
                        break;
                    case '0':
                        if (sawNonzeroDigit) digits--;
                        break;
                    default:
                        sawNonzeroDigit = true;
                        digits--;
                        break;
                }
                if (tail.Count > 0) break;
            }
            if (!hasDecimalPoint)
            {
                if (numChars.Count == 2 && numChars[1] == '0') digits--;
                numChars.Add('.');
            }
            while (digits > 0)
            {
                numChars.Add('0');
                digits--;
            }
            numChars.AddRange(tail);
        }
        if (_plus || numChars[0] != '+')
        {
            if (_zero && _widPresent && _wid > numChars.Count)
            {
                Buf.Append(numChars[0]);
                WritePadding(_wid - numChars.Count);
                Buf.Append(numChars.ToArray(), 1, numChars.Count - 1);
                return;
            }
            Pad(new string(numChars.ToArray()));
            return;
        }
        Pad(new string(numChars.ToArray(), 1, numChars.Count - 1));
    }

    private void FmtString(string v, int verb, object arg)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV) FmtQ(v);
                else FmtS(v);
                return;
            case 's': FmtS(v); return;
            case 'x': FmtSx(v, LDigits); return;
            case 'X': FmtSx(v, UDigits); return;
            case 'q': FmtQ(v); return;
            default: BadVerb(verb, arg); return;
        }
    }

    private string Truncate(string s)
    {
        if (_precPresent)
        {
            var n = _prec;
            for (var i = 0; i < s.Length; i++)
            {
                if (char.IsLowSurrogate(s[i]) && i > 0 && char.IsHighSurrogate(s[i - 1])) continue;
                n--;
                if (n < 0) return s.Substring(0, i);
            }
        }
        return s;
    }

    private void FmtS(string s) => PadString(Truncate(s));

    private void FmtSx(string s, string digits)
    {
        var b = GoBytes.Encode(s);
        var length = b.Length;
        if (_precPresent && _prec < length) length = _prec;
        var width = 2 * length;
        if (width > 0)
        {
            if (_space)
            {
                if (_sharp) width *= 2;
                width += length - 1;
            }
            else if (_sharp)
            {
                width += 2;
            }
        }
        else
        {
            if (_widPresent) WritePadding(_wid);
            return;
        }
        if (_widPresent && _wid > width && !_minus) WritePadding(_wid - width);
        if (_sharp) Buf.Append('0').Append(digits[16]);
        for (var i = 0; i < length; i++)
        {
            if (_space && i > 0)
            {
                Buf.Append(' ');
                if (_sharp) Buf.Append('0').Append(digits[16]);
            }
            Buf.Append(digits[b[i] >> 4]).Append(digits[b[i] & 0xF]);
        }
        if (_widPresent && _wid > width && _minus) WritePadding(_wid - width);
    }

    private void FmtQ(string s)
    {
        s = Truncate(s);
        if (_sharp && GoQuote.CanBackquote(s))
        {
            PadString("`" + s + "`");
            return;
        }
        Pad(_plus ? GoQuote.QuoteToAscii(s) : GoQuote.Quote(s));
    }

    /// <summary>The context handed to String methods called while formatting; they have no template to run.</summary>
    private sealed class NoContext : TemplateCallContext
    {
        public static readonly NoContext Instance = new();
        public override string TemplateName => "";
        public override string ExecuteTemplate(string name, object? data) => throw new TemplateFunctionException("no template is executing");
        public override string ExecuteInline(string text, object? data) => throw new TemplateFunctionException("no template is executing");
        public override CancellationToken Cancellation => CancellationToken.None;
    }
}

/// <summary>
/// Optional for an <see cref="IGoObject"/>: its field names in declaration order, so that fmt prints it as Go prints
/// a struct (<c>{v1 v2}</c>, <c>%+v</c> as <c>{Name:v1 ...}</c>, pointers as <c>&amp;{...}</c>).
/// </summary>
public interface IGoStructFields
{
    IReadOnlyList<string> FieldNames { get; }
}
