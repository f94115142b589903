using System.Globalization;
using System.Text;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// encoding/json's Unmarshal into interface{}: objects become Dictionary (last duplicate wins), arrays List,
/// numbers double, with Go's syntax error messages.
/// </summary>
internal sealed class GoJsonReader
{
    // encoding/json stops at 10000; the engine's walks over the value stop earlier (EngineLimits).
    private const int MaxDepth = EngineLimits.MaxValueDepth;
    private readonly string _text;
    private int _pos;
    private int _depth;

    private GoJsonReader(string text) => _text = text;

    public static object? Read(string text)
    {
        var reader = new GoJsonReader(text);
        reader.SkipSpace();
        var value = reader.ReadValue();
        reader.SkipSpace();
        if (reader._pos < text.Length) throw reader.Invalid("after top-level value");
        return value;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            _pos++;
        }
    }

    private object? ReadValue()
    {
        if (_pos >= _text.Length) throw EndOfInput();
        var c = _text[_pos];
        switch (c)
        {
            case '{': return ReadObject();
            case '[': return ReadArray();
            case '"': return ReadString();
            case 't': ReadLiteral("true"); return true;
            case 'f': ReadLiteral("false"); return false;
            case 'n': ReadLiteral("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                throw Invalid("looking for beginning of value");
        }
    }

    private Dictionary<string, object?> ReadObject()
    {
        if (++_depth > MaxDepth) throw TooDeep();
        _pos++;
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == '}')
        {
            _pos++;
            _depth--;
            return map;
        }
        while (true)
        {
            if (_pos >= _text.Length) throw EndOfInput();
            if (_text[_pos] != '"') throw Invalid("looking for beginning of object key string");
            var key = ReadString();
            SkipSpace();
            if (_pos >= _text.Length) throw EndOfInput();
            if (_text[_pos] != ':') throw Invalid("after object key");
            _pos++;
            SkipSpace();
            map[key] = ReadValue();
            SkipSpace();
            if (_pos >= _text.Length) throw EndOfInput();
            if (_text[_pos] == ',')
            {
                _pos++;
                SkipSpace();
                continue;
            }
            if (_text[_pos] == '}')
            {
                _pos++;
                _depth--;
                return map;
            }
            throw Invalid("after object key:value pair");
        }
    }

    private List<object?> ReadArray()
    {
        if (++_depth > MaxDepth) throw TooDeep();
        _pos++;
        var list = new List<object?>();
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == ']')
        {
            _pos++;
            _depth--;
            return list;
        }
        while (true)
        {
            list.Add(ReadValue());
            SkipSpace();
            if (_pos >= _text.Length) throw EndOfInput();
            if (_text[_pos] == ',')
            {
                _pos++;
                SkipSpace();
                continue;
            }
            if (_text[_pos] == ']')
            {
                _pos++;
                _depth--;
                return list;
            }
            throw Invalid("after array element");
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var start = _pos;
        StringBuilder? sb = null;
        while (true)
        {
            if (_pos >= _text.Length) throw EndOfInput();
            var c = _text[_pos];
            if (c == '"')
            {
                var result = sb == null ? _text.Substring(start, _pos - start) : sb.Append(_text, start, _pos - start).ToString();
                _pos++;
                return result;
            }
            if (c < 0x20) throw Invalid("in string literal");
            if (c != '\\')
            {
                _pos++;
                continue;
            }
            sb ??= new StringBuilder();
            sb.Append(_text, start, _pos - start);
            _pos++;
            var e = Peek();
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    _pos++;
                    var unit = ReadHex4();
                    if (char.IsHighSurrogate(unit) && _pos + 1 < _text.Length && _text[_pos] == '\\' && _text[_pos + 1] == 'u')
                    {
                        var save = _pos;
                        _pos += 2;
                        var low = ReadHex4();
                        if (char.IsLowSurrogate(low))
                        {
                            sb.Append(unit).Append(low);
                        }
                        else
                        {
                            // Go replaces the lone high surrogate and decodes the next escape on its own.
                            sb.Append('\uFFFD');
                            _pos = save;
                        }
                    }
                    else
                    {
                        sb.Append(char.IsSurrogate(unit) ? '\uFFFD' : unit);
                    }
                    start = _pos;
                    continue;
                default:
                    throw Invalid("in string escape code");
            }
            _pos++;
            start = _pos;
        }
    }

    private char ReadHex4()
    {
        var v = 0;
        for (var k = 0; k < 4; k++)
        {
            var c = Peek();
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            else throw Invalid("in \\u hexadecimal character escape");
            v = v * 16 + d;
            _pos++;
        }
        return (char)v;
    }

    private void ReadLiteral(string word)
    {
        for (var k = 0; k < word.Length; k++)
        {
            if (Peek() != word[k]) throw Invalid($"in literal {word} (expecting {QuoteChar(word[k])})");
            _pos++;
        }
    }

    private double ReadNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
            if (!IsDigit(Peek())) throw Invalid("in numeric literal");
        }
        if (_text[_pos] == '0') _pos++;
        else while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (!IsDigit(Peek())) throw Invalid("after decimal point in numeric literal");
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            if (!IsDigit(Peek())) throw Invalid("in exponent of numeric literal");
            while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        }
        var text = _text.Substring(start, _pos - start);
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value)) throw Error(start, $"json: cannot unmarshal number {text} into Go value of type float64");
        return value;
    }

    /// <summary>
    /// The current character; at the end of input a space, because Go's scanner feeds one space at EOF: inside a
    /// literal, number or escape that gives "invalid character ' ' ..." rather than "unexpected end of JSON input".
    /// </summary>
    private char Peek() => _pos < _text.Length ? _text[_pos] : ' ';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private JsonParseException EndOfInput() => Error(_text.Length, "unexpected end of JSON input");

    private JsonParseException Invalid(string context) =>
        Error(_pos, $"invalid character {QuoteChar(Peek())} {context}");

    private JsonParseException TooDeep()
    {
        var e = Error(_pos, "exceeded max depth");
        return new JsonParseException(e.Offset, e.Line, e.Column,
            $"exceeded max depth: JSON nested more than {MaxDepth} objects or arrays deep (MeshOps' limit); flatten it",
            "ValueNestingTooDeep", Hosting.MeshErrorKind.LimitsExceeded);
    }

    private JsonParseException Error(int offset, string what)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonParseException(offset, line, offset - lineStart + 1, what);
    }

    /// <summary>Go's quoteChar: the character in single quotes, escaped as strconv.Quote would.</summary>
    internal static string QuoteChar(char c)
    {
        if (c == '\'') return "'\\''";
        if (c == '"') return "'\"'";
        var inner = c switch
        {
            '\a' => "\\a",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\v' => "\\v",
            '\\' => "\\\\",
            _ when c < 0x20 || c == 0x7F => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
            _ when char.IsSurrogate(c) => "\\ufffd",
            _ => c.ToString(),
        };
        return "'" + inner + "'";
    }
}
