using System.Globalization;
using System.Text;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// go-yaml v2's encoder and libyaml-derived emitter (encode.go, emitterc.go) for the values JSONToYAML produces:
/// null, string, bool, long, ulong, double, maps as key-sorted entry arrays, lists as object arrays.
/// Two-space indent, best width 80, block style; empty collections in flow style.
/// </summary>
internal sealed class GoYamlEmitter
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;

    private readonly StringBuilder _out = new();
    private readonly Stack<int> _indents = new();
    private int _indent = -1;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;
    private int _flowLevel;
    private bool _mappingContext;
    private bool _simpleKeyContext;

    /// <summary>A map as the encoder sees it: entries already in go-yaml's key order.</summary>
    internal readonly record struct MapNode(KeyValuePair<string, object?>[] Entries);

    /// <summary>A sequence as the encoder sees it.</summary>
    internal readonly record struct SeqNode(object?[] Items);

    public static string EmitDocument(object? value)
    {
        var e = new GoYamlEmitter();
        e.EmitNode(value, root: true, sequence: false, mapping: false, simpleKey: false);
        e.WriteIndent(); // document end
        return e._out.ToString();
    }

    private void EmitNode(object? value, bool root, bool sequence, bool mapping, bool simpleKey)
    {
        using var nesting = NestingGuard.EnterIf(value is MapNode or SeqNode);
        _mappingContext = mapping;
        _simpleKeyContext = simpleKey;
        switch (value)
        {
            case MapNode map:
                if (_flowLevel > 0 || map.Entries.Length == 0) EmitEmptyFlow('{', '}', map.Entries.Length);
                else EmitBlockMapping(map.Entries);
                break;
            case SeqNode seq:
                if (_flowLevel > 0 || seq.Items.Length == 0) EmitEmptyFlow('[', ']', seq.Items.Length);
                else EmitBlockSequence(seq.Items);
                break;
            case string s:
                EmitString(s);
                break;
            case null:
                EmitScalar("null", ScalarStyle.Plain);
                break;
            case bool b:
                EmitScalar(b ? "true" : "false", ScalarStyle.Plain);
                break;
            case long l:
                EmitScalar(l.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain);
                break;
            case ulong u:
                EmitScalar(u.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain);
                break;
            case double d:
                EmitScalar(FormatFloat(d), ScalarStyle.Plain);
                break;
            default:
                throw new InvalidOperationException("emitter got an unnormalized value " + value.GetType());
        }
    }

    private static string FormatFloat(double d)
    {
        var s = GoNumbers.FormatG(d);
        return s switch { "+Inf" => ".inf", "-Inf" => "-.inf", "NaN" => ".nan", _ => s };
    }

    /// <summary>encode.go stringv: literal when it has a newline, plain when it would read back as the same string, else double-quoted.</summary>
    private void EmitString(string s)
    {
        var canUsePlain = GoResolver.PlainTag(s) == GoTag.Str && !GoResolver.IsBase60Float(s);
        var style = s.Contains('\n') ? ScalarStyle.Literal : canUsePlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
        EmitScalar(s, style);
    }

    // Only empty collections reach flow style: everything the encoder produces is block style otherwise.
    private void EmitEmptyFlow(char open, char close, int count)
    {
        if (count != 0) throw new InvalidOperationException("non-empty flow collections are never produced");
        WriteIndicator(open.ToString(), true, true, false);
        IncreaseIndent(true, false);
        _flowLevel++;
        _flowLevel--;
        _indent = _indents.Pop();
        WriteIndicator(close.ToString(), false, false, false);
    }

    private void EmitBlockSequence(object?[] items)
    {
        IncreaseIndent(false, _mappingContext && !_indention);
        foreach (var item in items)
        {
            WriteIndent();
            WriteIndicator("-", true, false, true);
            EmitNode(item, root: false, sequence: true, mapping: false, simpleKey: false);
        }
        _indent = _indents.Pop();
    }

    private void EmitBlockMapping(KeyValuePair<string, object?>[] entries)
    {
        IncreaseIndent(false, false);
        foreach (var entry in entries)
        {
            WriteIndent();
            if (IsSimpleKey(entry.Key))
            {
                EmitNode(entry.Key, root: false, sequence: false, mapping: true, simpleKey: true);
                WriteIndicator(":", false, false, false);
            }
            else
            {
                WriteIndicator("?", true, false, true);
                EmitNode(entry.Key, root: false, sequence: false, mapping: true, simpleKey: false);
                WriteIndent();
                WriteIndicator(":", true, false, true);
            }
            EmitNode(entry.Value, root: false, sequence: false, mapping: true, simpleKey: false);
        }
        _indent = _indents.Pop();
    }

    /// <summary>check_simple_key: one line and at most 128 bytes of UTF-8.</summary>
    private static bool IsSimpleKey(string key)
    {
        var analysis = ScalarAnalysis.Of(key);
        return !analysis.Multiline && Encoding.UTF8.GetByteCount(key) <= 128;
    }

    private void IncreaseIndent(bool flow, bool indentless)
    {
        _indents.Push(_indent);
        if (_indent < 0) _indent = flow ? BestIndent : 0;
        else if (!indentless) _indent += BestIndent;
    }

    private enum ScalarStyle { Plain, SingleQuoted, DoubleQuoted, Literal }

    private void EmitScalar(string value, ScalarStyle requested)
    {
        var cps = ScalarAnalysis.CodePoints(value);
        var a = ScalarAnalysis.Of(cps);
        var style = requested;
        if (_simpleKeyContext && a.Multiline) style = ScalarStyle.DoubleQuoted;
        if (style == ScalarStyle.Plain)
        {
            if ((_flowLevel > 0 && !a.FlowPlainAllowed) || (_flowLevel == 0 && !a.BlockPlainAllowed)) style = ScalarStyle.SingleQuoted;
            if (value.Length == 0 && (_flowLevel > 0 || _simpleKeyContext)) style = ScalarStyle.SingleQuoted;
        }
        if (style == ScalarStyle.SingleQuoted && !a.SingleQuotedAllowed) style = ScalarStyle.DoubleQuoted;
        if (style == ScalarStyle.Literal && (!a.BlockAllowed || _flowLevel > 0 || _simpleKeyContext)) style = ScalarStyle.DoubleQuoted;

        IncreaseIndent(true, false);
        var allowBreaks = !_simpleKeyContext;
        switch (style)
        {
            case ScalarStyle.Plain: WritePlain(cps, allowBreaks); break;
            case ScalarStyle.SingleQuoted: WriteSingleQuoted(cps, allowBreaks); break;
            case ScalarStyle.DoubleQuoted: WriteDoubleQuoted(cps, allowBreaks); break;
            default: WriteLiteral(cps); break;
        }
        _indent = _indents.Pop();
    }

    // ---- low-level writers (emitterc.go put/write/write_indent/write_indicator) ----

    private void Put(char c)
    {
        _out.Append(c);
        _column++;
    }

    private void PutBreak()
    {
        _out.Append('\n');
        _column = 0;
    }

    /// <summary>Writes one code point (a surrogate pair counts as one column, as one UTF-8 character does).</summary>
    private void WriteRune(int cp)
    {
        if (cp > 0xFFFF) _out.Append(char.ConvertFromUtf32(cp));
        else _out.Append((char)cp);
        _column++;
    }

    /// <summary>write_break: '\n' becomes the line break; other breaks are copied and reset the column.</summary>
    private void WriteBreak(int cp)
    {
        if (cp == '\n')
        {
            PutBreak();
        }
        else
        {
            WriteRune(cp);
            _column = 0;
        }
    }

    private void WriteIndent()
    {
        var indent = Math.Max(_indent, 0);
        if (!_indention || _column > indent || (_column == indent && !_whitespace)) PutBreak();
        while (_column < indent) Put(' ');
        _whitespace = true;
        _indention = true;
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace) Put(' ');
        foreach (var c in indicator) Put(c);
        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    private void WritePlain(int[] cps, bool allowBreaks)
    {
        if (!_whitespace) Put(' ');
        var spaces = false;
        var breaks = false;
        for (var i = 0; i < cps.Length; i++)
        {
            var c = cps[i];
            if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && !(i + 1 < cps.Length && cps[i + 1] == ' ')) WriteIndent();
                else WriteRune(c);
                spaces = true;
            }
            else if (ScalarAnalysis.IsBreak(c))
            {
                if (!breaks && c == '\n') PutBreak();
                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) WriteIndent();
                WriteRune(c);
                _indention = false;
                spaces = false;
                breaks = false;
            }
        }
        _whitespace = false;
        _indention = false;
    }

    private void WriteSingleQuoted(int[] cps, bool allowBreaks)
    {
        WriteIndicator("'", true, false, false);
        var spaces = false;
        var breaks = false;
        for (var i = 0; i < cps.Length; i++)
        {
            var c = cps[i];
            if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < cps.Length - 1 && cps[i + 1] != ' ') WriteIndent();
                else WriteRune(c);
                spaces = true;
            }
            else if (ScalarAnalysis.IsBreak(c))
            {
                if (!breaks && c == '\n') PutBreak();
                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) WriteIndent();
                if (c == '\'') Put('\'');
                WriteRune(c);
                _indention = false;
                spaces = false;
                breaks = false;
            }
        }
        WriteIndicator("'", false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuoted(int[] cps, bool allowBreaks)
    {
        WriteIndicator("\"", true, false, false);
        // is_bom looks at the start of the value, not at the current character: a leading BOM escapes everything.
        var bom = cps.Length > 0 && cps[0] == 0xFEFF;
        var spaces = false;
        for (var i = 0; i < cps.Length; i++)
        {
            var c = cps[i];
            if (!ScalarAnalysis.IsPrintable(c) || bom || ScalarAnalysis.IsBreak(c) || c == '"' || c == '\\')
            {
                Put('\\');
                switch (c)
                {
                    case 0x00: Put('0'); break;
                    case 0x07: Put('a'); break;
                    case 0x08: Put('b'); break;
                    case 0x09: Put('t'); break;
                    case 0x0A: Put('n'); break;
                    case 0x0B: Put('v'); break;
                    case 0x0C: Put('f'); break;
                    case 0x0D: Put('r'); break;
                    case 0x1B: Put('e'); break;
                    case 0x22: Put('"'); break;
                    case 0x5C: Put('\\'); break;
                    case 0x85: Put('N'); break;
                    case 0xA0: Put('_'); break;
                    case 0x2028: Put('L'); break;
                    case 0x2029: Put('P'); break;
                    default:
                        int width;
                        if (c <= 0xFF) { Put('x'); width = 2; }
                        else if (c <= 0xFFFF) { Put('u'); width = 4; }
                        else { Put('U'); width = 8; }
                        for (var k = (width - 1) * 4; k >= 0; k -= 4)
                        {
                            var digit = (c >> k) & 0xF;
                            Put((char)(digit < 10 ? '0' + digit : 'A' + digit - 10));
                        }
                        break;
                }
                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < cps.Length - 1)
                {
                    WriteIndent();
                    if (cps[i + 1] == ' ') Put('\\');
                }
                else
                {
                    WriteRune(c);
                }
                spaces = true;
            }
            else
            {
                WriteRune(c);
                spaces = false;
            }
        }
        WriteIndicator("\"", false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteLiteral(int[] cps)
    {
        WriteIndicator("|", true, false, false);
        // Block scalar hints: an indentation indicator when the text starts with a space or a break; chomping
        // '-' without a final break, '+' when the text ends with two breaks (or is one break), none for one.
        if (cps.Length > 0 && (cps[0] == ' ' || ScalarAnalysis.IsBreak(cps[0])))
        {
            WriteIndicator(((char)('0' + BestIndent)).ToString(), false, false, false);
        }
        char chomp = '\0';
        if (cps.Length == 0) chomp = '-';
        else
        {
            var last = cps.Length - 1;
            if (!ScalarAnalysis.IsBreak(cps[last])) chomp = '-';
            else if (last == 0) chomp = '+';
            else if (ScalarAnalysis.IsBreak(cps[last - 1])) chomp = '+';
        }
        if (chomp != '\0') WriteIndicator(chomp.ToString(), false, false, false);
        PutBreak();
        _indention = true;
        _whitespace = true;
        var breaks = true;
        foreach (var c in cps)
        {
            if (ScalarAnalysis.IsBreak(c))
            {
                WriteBreak(c);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks) WriteIndent();
                WriteRune(c);
                _indention = false;
                breaks = false;
            }
        }
    }
}
