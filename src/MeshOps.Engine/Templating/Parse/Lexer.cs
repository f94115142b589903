using System.Globalization;

namespace MeshOps.Engine.Templating.Parse;

internal enum ItemType
{
    Error, Bool, Char, CharConstant, Comment, Complex, Assign, Declare, EOF, Field, Identifier, LeftDelim,
    LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
    Keyword, // marker: the types below are keywords
    Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}

/// <summary>A token: type, text, UTF-16 offset in the input and 1-based line (text/template/parse item).</summary>
internal readonly record struct Item(ItemType Type, int Pos, string Val, int Line)
{
    /// <summary>Go's item.String(), used in "unexpected X in Y" messages.</summary>
    public override string ToString()
    {
        if (Type == ItemType.EOF) return "EOF";
        if (Type == ItemType.Error) return Val;
        if (Type > ItemType.Keyword) return "<" + Val + ">";
        if (GoFormat.RuneCount(Val) > 10) return GoFormat.Sprintf("%.10q...", Val);
        return GoQuote.Quote(Val);
    }
}

/// <summary>
/// Go's text/template lexer, run eagerly into a token list. It follows lex.go's state machine so that trim markers,
/// comments, numbers and error texts match Go.
/// </summary>
internal sealed class Lexer
{
    private const string LeftComment = "/*";
    private const string RightComment = "*/";

    private static readonly Dictionary<string, ItemType> Keywords = new(StringComparer.Ordinal)
    {
        ["."] = ItemType.Dot, ["block"] = ItemType.Block, ["break"] = ItemType.Break, ["continue"] = ItemType.Continue,
        ["define"] = ItemType.Define, ["else"] = ItemType.Else, ["end"] = ItemType.End, ["if"] = ItemType.If,
        ["range"] = ItemType.Range, ["nil"] = ItemType.Nil, ["template"] = ItemType.Template, ["with"] = ItemType.With,
    };

    private readonly string _input;
    private readonly string _left;
    private readonly string _right;
    private readonly List<Item> _items = new();
    private int _pos;
    private int _start;
    private int _line = 1;
    private int _startLine = 1;
    private int _parenDepth;
    private bool _done;

    private readonly bool _breakOK;
    private readonly bool _continueOK;

    private Lexer(string input, string left, string right, bool breakOK, bool continueOK)
    {
        _breakOK = breakOK;
        _continueOK = continueOK;
        _input = input;
        _left = string.IsNullOrEmpty(left) ? "{{" : left;
        _right = string.IsNullOrEmpty(right) ? "}}" : right;
    }

    /// <summary>Tokenizes the whole input; the list ends with EOF or Error.</summary>
    /// <param name="breakOK">False when a function named "break" exists: the word is then an identifier, as in Go.</param>
    /// <param name="continueOK">Likewise for "continue".</param>
    public static List<Item> Lex(string input, string left, string right, bool breakOK = true, bool continueOK = true)
    {
        var l = new Lexer(input, left, right, breakOK, continueOK);
        l.Run();
        return l._items;
    }

    private delegate State? State();

    private void Run()
    {
        State? state = LexText;
        while (state != null && !_done) state = state();
    }

    private const int Eof = -1;

    private int Next()
    {
        if (_pos >= _input.Length) return Eof;
        var c = _input[_pos++];
        if (c == '\n') _line++;
        return c;
    }

    private int Peek() => _pos >= _input.Length ? Eof : _input[_pos];

    private void Backup()
    {
        if (_pos > 0)
        {
            _pos--;
            if (_input[_pos] == '\n') _line--;
        }
    }

    private Item ThisItem(ItemType t)
    {
        var i = new Item(t, _start, _input.Substring(_start, _pos - _start), _startLine);
        _start = _pos;
        _startLine = _line;
        return i;
    }

    private State? Emit(ItemType t) => EmitItem(ThisItem(t));

    private State? EmitItem(Item i)
    {
        _items.Add(i);
        if (i.Type == ItemType.EOF || i.Type == ItemType.Error) _done = true;
        return null;
    }

    // After an emit the machine continues from the state the emitter chose; Go's emit returns the next state,
    // so these helpers return the state to go on with.
    private State Emit(ItemType t, State next)
    {
        EmitItem(ThisItem(t));
        return next;
    }

    private void Ignore()
    {
        _line += Count(_input, _start, _pos, '\n');
        _start = _pos;
        _startLine = _line;
    }

    private static int Count(string s, int from, int to, char c)
    {
        var n = 0;
        for (var i = from; i < to; i++) if (s[i] == c) n++;
        return n;
    }

    private bool Accept(string valid)
    {
        var c = Next();
        if (c != Eof && valid.IndexOf((char)c) >= 0) return true;
        if (c != Eof) Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (true)
        {
            var c = Next();
            if (c != Eof && valid.IndexOf((char)c) >= 0) continue;
            if (c != Eof) Backup();
            return;
        }
    }

    private State? Errorf(string message)
    {
        _items.Add(new Item(ItemType.Error, _start, message, _startLine));
        _done = true;
        return null;
    }

    private static bool IsSpace(int r) => r == ' ' || r == '\t' || r == '\r' || r == '\n';

    private static bool IsAlphaNumeric(int r) => r == '_' || (r >= 0 && (char.IsLetter((char)r) || char.IsDigit((char)r)));

    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) => at >= 0 && at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    private bool StartsWithAt(int at, string s) => at >= 0 && at <= _input.Length && string.CompareOrdinal(_input, at, s, 0, s.Length) == 0 && at + s.Length <= _input.Length;

    private const string SpaceChars = " \t\r\n";

    private State? LexText()
    {
        var x = _input.IndexOf(_left, _pos, StringComparison.Ordinal);
        if (x >= 0)
        {
            if (x > _pos)
            {
                _pos = x;
                var trimLength = 0;
                var delimEnd = _pos + _left.Length;
                if (HasLeftTrimMarker(delimEnd))
                {
                    var end = _pos;
                    while (end > _start && SpaceChars.IndexOf(_input[end - 1]) >= 0) end--;
                    trimLength = _pos - end;
                }
                _pos -= trimLength;
                _line += Count(_input, _start, _pos, '\n');
                var item = ThisItem(ItemType.Text);
                _pos += trimLength;
                Ignore();
                if (item.Val.Length > 0) EmitItem(item);
            }
            else
            {
                _pos = x;
            }
            return LexLeftDelim;
        }
        _pos = _input.Length;
        if (_pos > _start)
        {
            _line += Count(_input, _start, _pos, '\n');
            EmitItem(ThisItem(ItemType.Text));
        }
        return Emit(ItemType.EOF);
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && StartsWithAt(_pos + 2, _right)) return (true, true);
        if (StartsWithAt(_pos, _right)) return (true, false);
        return (false, false);
    }

    private int LeftTrimLength(int from)
    {
        var i = from;
        while (i < _input.Length && SpaceChars.IndexOf(_input[i]) >= 0) i++;
        return i - from;
    }

    private State? LexLeftDelim()
    {
        _pos += _left.Length;
        var trimSpace = HasLeftTrimMarker(_pos);
        var afterMarker = trimSpace ? 2 : 0;
        if (StartsWithAt(_pos + afterMarker, LeftComment))
        {
            _pos += afterMarker;
            Ignore();
            return LexComment;
        }
        var item = ThisItem(ItemType.LeftDelim);
        _pos += afterMarker;
        Ignore();
        _parenDepth = 0;
        EmitItem(item);
        return LexInsideAction;
    }

    private State? LexComment()
    {
        _pos += LeftComment.Length;
        var x = _input.IndexOf(RightComment, _pos, StringComparison.Ordinal);
        if (x < 0) return Errorf("unclosed comment");
        _line += Count(_input, _pos, x + RightComment.Length, '\n');
        _pos = x + RightComment.Length;
        var (delim, trimSpace) = AtRightDelim();
        if (!delim) return Errorf("comment ends before closing delimiter");
        ThisItem(ItemType.Comment); // comments are not emitted (Go's emitComment mode is off)
        if (trimSpace) _pos += 2;
        _pos += _right.Length;
        if (trimSpace) _pos += LeftTrimLength(_pos);
        Ignore();
        return LexText;
    }

    private State? LexRightDelim()
    {
        var (_, trimSpace) = AtRightDelim();
        if (trimSpace)
        {
            _pos += 2;
            Ignore();
        }
        _pos += _right.Length;
        var item = ThisItem(ItemType.RightDelim);
        if (trimSpace)
        {
            _pos += LeftTrimLength(_pos);
            Ignore();
        }
        EmitItem(item);
        return LexText;
    }

    private State? LexInsideAction()
    {
        var (delim, _) = AtRightDelim();
        if (delim)
        {
            if (_parenDepth == 0) return LexRightDelim;
            return Errorf("unclosed left paren");
        }
        var r = Next();
        switch (r)
        {
            case Eof:
                return Errorf("unclosed action");
            case ' ' or '\t' or '\r' or '\n':
                Backup();
                return LexSpace;
            case '=':
                return Emit(ItemType.Assign, LexInsideAction);
            case ':':
                if (Next() != '=') return Errorf("expected :=");
                return Emit(ItemType.Declare, LexInsideAction);
            case '|':
                return Emit(ItemType.Pipe, LexInsideAction);
            case '"':
                return LexQuote;
            case '`':
                return LexRawQuote;
            case '$':
                return LexVariable;
            case '\'':
                return LexChar;
            case '.':
                if (_pos < _input.Length)
                {
                    var c = _input[_pos];
                    if (c < '0' || c > '9') return LexField;
                }
                Backup();
                return LexNumber;
            case '+' or '-' or (>= '0' and <= '9'):
                Backup();
                return LexNumber;
            case '(':
                _parenDepth++;
                return Emit(ItemType.LeftParen, LexInsideAction);
            case ')':
                _parenDepth--;
                if (_parenDepth < 0) return Errorf("unexpected right paren");
                return Emit(ItemType.RightParen, LexInsideAction);
        }
        if (IsAlphaNumeric(r))
        {
            Backup();
            return LexIdentifier;
        }
        if (r <= 0x7F && r >= 0x20 && r != 0x7F) return Emit(ItemType.Char, LexInsideAction);
        return Errorf("unrecognized character in action: " + GoFormat.FormatRuneU(RuneAt(_pos - 1)));
    }

    private int RuneAt(int i)
    {
        var c = _input[i];
        if (char.IsHighSurrogate(c) && i + 1 < _input.Length && char.IsLowSurrogate(_input[i + 1]))
            return char.ConvertToUtf32(c, _input[i + 1]);
        return c;
    }

    private State? LexSpace()
    {
        var numSpaces = 0;
        while (IsSpace(Peek()))
        {
            Next();
            numSpaces++;
        }
        if (HasRightTrimMarker(_pos - 1) && StartsWithAt(_pos - 1 + 2, _right))
        {
            Backup();
            if (numSpaces == 1) return LexRightDelim;
        }
        return Emit(ItemType.Space, LexInsideAction);
    }

    private State? LexIdentifier()
    {
        while (true)
        {
            var r = Next();
            if (IsAlphaNumeric(r)) continue;
            if (r != Eof) Backup();
            var word = _input.Substring(_start, _pos - _start);
            if (!AtTerminator()) return Errorf("bad character " + GoFormat.FormatRuneU(_pos < _input.Length ? RuneAt(_pos) : 0));
            if (Keywords.TryGetValue(word, out var kw) && kw > ItemType.Keyword)
            {
                if (kw == ItemType.Break && !_breakOK || kw == ItemType.Continue && !_continueOK)
                    return Emit(ItemType.Identifier, LexInsideAction);
                return Emit(kw, LexInsideAction);
            }
            if (word[0] == '.') return Emit(ItemType.Field, LexInsideAction);
            if (word == "true" || word == "false") return Emit(ItemType.Bool, LexInsideAction);
            return Emit(ItemType.Identifier, LexInsideAction);
        }
    }

    private State? LexField() => LexFieldOrVariable(ItemType.Field);

    private State? LexVariable() => LexFieldOrVariable(ItemType.Variable);

    private State? LexFieldOrVariable(ItemType typ)
    {
        if (AtTerminator())
            return Emit(typ == ItemType.Variable ? ItemType.Variable : ItemType.Dot, LexInsideAction);
        while (true)
        {
            var r = Next();
            if (!IsAlphaNumeric(r))
            {
                if (r != Eof) Backup();
                break;
            }
        }
        if (!AtTerminator()) return Errorf("bad character " + GoFormat.FormatRuneU(_pos < _input.Length ? RuneAt(_pos) : 0));
        return Emit(typ, LexInsideAction);
    }

    private bool AtTerminator()
    {
        var r = Peek();
        if (IsSpace(r)) return true;
        switch (r)
        {
            case Eof:
            case '.':
            case ',':
            case '|':
            case ':':
            case ')':
            case '(':
                return true;
        }
        return StartsWithAt(_pos, _right);
    }

    private State? LexChar()
    {
        while (true)
        {
            var r = Next();
            if (r == '\\')
            {
                var n = Next();
                if (n != Eof && n != '\n') continue;
                return Errorf("unterminated character constant");
            }
            if (r == Eof || r == '\n') return Errorf("unterminated character constant");
            if (r == '\'') break;
        }
        return Emit(ItemType.CharConstant, LexInsideAction);
    }

    private State? LexNumber()
    {
        if (!ScanNumber()) return Errorf("bad number syntax: " + GoQuote.Quote(_input.Substring(_start, _pos - _start)));
        var sign = Peek();
        if (sign == '+' || sign == '-')
        {
            if (!ScanNumber() || _input[_pos - 1] != 'i')
                return Errorf("bad number syntax: " + GoQuote.Quote(_input.Substring(_start, _pos - _start)));
            return Emit(ItemType.Complex, LexInsideAction);
        }
        return Emit(ItemType.Number, LexInsideAction);
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX")) digits = "0123456789abcdefABCDEF_";
            else if (Accept("oO")) digits = "01234567_";
            else if (Accept("bB")) digits = "01_";
        }
        AcceptRun(digits);
        if (Accept(".")) AcceptRun(digits);
        if (digits.Length == 10 + 1 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        if (digits.Length == 16 + 6 + 1 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        Accept("i");
        if (IsAlphaNumeric(Peek()))
        {
            Next();
            return false;
        }
        return true;
    }

    private State? LexQuote()
    {
        while (true)
        {
            var r = Next();
            if (r == '\\')
            {
                var n = Next();
                if (n != Eof && n != '\n') continue;
                return Errorf("unterminated quoted string");
            }
            if (r == Eof || r == '\n') return Errorf("unterminated quoted string");
            if (r == '"') break;
        }
        return Emit(ItemType.String, LexInsideAction);
    }

    private State? LexRawQuote()
    {
        while (true)
        {
            var r = Next();
            if (r == Eof) return Errorf("unterminated raw quoted string");
            if (r == '`') break;
        }
        return Emit(ItemType.RawString, LexInsideAction);
    }
}
