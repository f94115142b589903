using System.Runtime.CompilerServices;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Parse;

/// <summary>Thrown inside the parser; TemplateSet turns it into a <see cref="TemplateParseException"/>.</summary>
internal sealed class ParseError : Exception
{
    public ParseError(string message, int line, int pos, string? errorId = null) : base(message)
    {
        Line = line;
        Pos = pos;
        ErrorId = errorId;
    }

    public int Line { get; }
    public int Pos { get; }

    /// <summary>Set for a limit (TemplateNestingTooDeep) rather than a syntax error.</summary>
    public string? ErrorId { get; }
}

/// <summary>
/// Go's text/template/parse: turns one text into its top-level tree plus the trees of its {{define}}/{{block}}s.
/// Messages and the line they report follow parse.go.
/// </summary>
internal sealed class Parser
{
    private readonly string _parseName;
    private readonly string _text;
    private readonly List<Item> _items;
    private readonly Func<string, bool> _hasFunction;
    private readonly Dictionary<string, ParseTree> _treeSet;
    private int _index;
    private int _furthest;

    // Per-tree state (Go keeps it in each Tree; definitions are parsed while the outer tree waits).
    private ParseTree _tree = null!;
    private List<string> _vars = new();
    private int _rangeDepth;
    private int _actionLine;

    // Blocks and parenthesized pipelines open so far: the parser recurses once per level, on whatever thread
    // parses (not the large-stack one), so the depth is limited before recursing.
    private int _nesting;

    private Parser(string parseName, string text, List<Item> items, Func<string, bool> hasFunction, Dictionary<string, ParseTree> treeSet)
    {
        _parseName = parseName;
        _text = text;
        _items = items;
        _hasFunction = hasFunction;
        _treeSet = treeSet;
    }

    /// <summary>Parses TEXT named NAME; returns every tree it defines, keyed by name (Go's parse.Parse).</summary>
    public static Dictionary<string, ParseTree> Parse(string name, string text, string leftDelim, string rightDelim, Func<string, bool> hasFunction)
    {
        var items = Lexer.Lex(text, leftDelim, rightDelim, !hasFunction("break"), !hasFunction("continue"));
        var treeSet = new Dictionary<string, ParseTree>(StringComparer.Ordinal);
        var p = new Parser(name, text, items, hasFunction, treeSet);
        p.StartTree(new ParseTree(name, name, text));
        p.ParseTop();
        p.Add();
        return treeSet;
    }

    private void StartTree(ParseTree tree)
    {
        _tree = tree;
        _vars = new List<string> { "$" };
        _rangeDepth = 0;
        _actionLine = 0;
    }

    // ---- token access ----

    private Item Fetch(int i)
    {
        if (i >= _items.Count) i = _items.Count - 1;
        if (i > _furthest) _furthest = i;
        return _items[i];
    }

    private Item Next() => Fetch(_index < _items.Count ? _index++ : _items.Count - 1);

    private void Backup() => _index--;

    private Item Peek() => Fetch(_index);

    private Item NextNonSpace()
    {
        Item t;
        do t = Next(); while (t.Type == ItemType.Space);
        return t;
    }

    private Item PeekNonSpace()
    {
        var t = NextNonSpace();
        Backup();
        return t;
    }

    /// <summary>Enters one nesting level (a block body or parentheses); <see cref="Leave"/> when it is parsed.</summary>
    private void Enter()
    {
        if (++_nesting > EngineLimits.MaxTemplateNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            var tok = _items[Math.Min(_furthest, _items.Count - 1)];
            throw new ParseError("template: " + _parseName + ":" + tok.Line + ": max nesting depth exceeded (more than " + EngineLimits.MaxTemplateNesting +
                " nested {{if}}/{{range}}/{{with}}/{{block}} actions, else-if branches or parenthesized pipelines); split the template into named templates",
                tok.Line, tok.Pos, "TemplateNestingTooDeep");
        }
    }

    private void Leave() => _nesting--;

    private Exception Errorf(string message)
    {
        var tok = _items[Math.Min(_furthest, _items.Count - 1)];
        return new ParseError("template: " + _parseName + ":" + tok.Line + ": " + message, tok.Line, tok.Pos);
    }

    private Item Expect(ItemType expected, string context)
    {
        var token = NextNonSpace();
        if (token.Type != expected) throw Unexpected(token, context);
        return token;
    }

    private Item ExpectOneOf(ItemType e1, ItemType e2, string context)
    {
        var token = NextNonSpace();
        if (token.Type != e1 && token.Type != e2) throw Unexpected(token, context);
        return token;
    }

    private Exception Unexpected(Item token, string context)
    {
        if (token.Type == ItemType.Error)
        {
            var extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = " in action started at " + _parseName + ":" + _actionLine;
                if (token.Val.EndsWith(" action", StringComparison.Ordinal)) extra = extra.Substring(" in action".Length);
            }
            return Errorf(token.Val + extra);
        }
        return Errorf("unexpected " + token + " in " + context);
    }

    // ---- trees ----

    private void Add()
    {
        if (!_treeSet.TryGetValue(_tree.Name, out var existing) || ParseTree.IsEmpty(existing.Root))
        {
            _treeSet[_tree.Name] = _tree;
            return;
        }
        if (!ParseTree.IsEmpty(_tree.Root))
            throw Errorf("template: multiple definition of template " + GoQuote.Quote(_tree.Name));
    }

    private void ParseTop()
    {
        _tree.Root = new ListNode(Peek().Pos);
        while (Peek().Type != ItemType.EOF)
        {
            if (Peek().Type == ItemType.LeftDelim)
            {
                var save = _index;
                Next();
                if (NextNonSpace().Type == ItemType.Define)
                {
                    var outer = (_tree, _vars, _rangeDepth, _actionLine);
                    StartTree(new ParseTree("definition", _parseName, _text));
                    ParseDefinition();
                    (_tree, _vars, _rangeDepth, _actionLine) = outer;
                    continue;
                }
                _index = save;
            }
            var n = TextOrAction();
            if (n.Type == NodeType.End || n.Type == NodeType.Else) throw Errorf("unexpected " + n);
            _tree.Root.Nodes.Add(n);
        }
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var name = ExpectOneOf(ItemType.String, ItemType.RawString, context);
        _tree.Name = UnquoteOrFail(name.Val);
        Expect(ItemType.RightDelim, context);
        var (list, end) = ItemList();
        _tree.Root = list;
        if (end.Type != NodeType.End) throw Errorf("unexpected " + end + " in " + context);
        Add();
    }

    private string UnquoteOrFail(string quoted)
    {
        if (!GoQuote.TryUnquote(quoted, out var s)) throw Errorf("invalid syntax");
        return s;
    }

    private (ListNode List, Node Next) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Type != ItemType.EOF)
        {
            var n = TextOrAction();
            if (n.Type == NodeType.End || n.Type == NodeType.Else) return (list, n);
            list.Nodes.Add(n);
        }
        throw Errorf("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case ItemType.Text:
                return new TextNode(token.Pos, token.Val);
            case ItemType.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }
            default:
                throw Unexpected(token, "input");
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case ItemType.Block: return BlockControl();
            case ItemType.Break: return BreakControl(token.Pos, token.Line);
            case ItemType.Continue: return ContinueControl(token.Pos, token.Line);
            case ItemType.Else: return ElseControl();
            case ItemType.End: return EndControl();
            case ItemType.If: return IfControl();
            case ItemType.Range: return RangeControl();
            case ItemType.Template: return TemplateControl();
            case ItemType.With: return WithControl();
        }
        Backup();
        var tok = Peek();
        return new ActionNode(tok.Pos, tok.Line, Pipeline("command", ItemType.RightDelim));
    }

    private Node BreakControl(int pos, int line)
    {
        var token = NextNonSpace();
        if (token.Type != ItemType.RightDelim) throw Unexpected(token, "{{break}}");
        if (_rangeDepth == 0) throw Errorf("{{break}} outside {{range}}");
        return new BreakNode(pos, line);
    }

    private Node ContinueControl(int pos, int line)
    {
        var token = NextNonSpace();
        if (token.Type != ItemType.RightDelim) throw Unexpected(token, "{{continue}}");
        if (_rangeDepth == 0) throw Errorf("{{continue}} outside {{range}}");
        return new ContinueNode(pos, line);
    }

    private PipeNode Pipeline(string context, ItemType end)
    {
        var token = PeekNonSpace();
        var pipe = new PipeNode(token.Pos, token.Line);
        while (true)
        {
            var v = PeekNonSpace();
            if (v.Type != ItemType.Variable) break;
            // Remember where the variable starts so that "$x foo" (an argument, not a declaration) can be re-read.
            while (Peek().Type == ItemType.Space) Next();
            var save = _index;
            Next();
            var next = PeekNonSpace();
            if (next.Type == ItemType.Assign || next.Type == ItemType.Declare)
            {
                pipe.IsAssign = next.Type == ItemType.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, v.Val));
                _vars.Add(v.Val);
                break;
            }
            if (next.Type == ItemType.Char && next.Val == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, v.Val));
                _vars.Add(v.Val);
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    var t = PeekNonSpace().Type;
                    if (t == ItemType.Variable || t == ItemType.RightDelim || t == ItemType.RightParen) continue;
                    throw Errorf("range can only initialize variables");
                }
                throw Errorf("too many declarations in " + context);
            }
            _index = save;
            break;
        }
        while (true)
        {
            var token2 = NextNonSpace();
            if (token2.Type == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            switch (token2.Type)
            {
                case ItemType.Bool:
                case ItemType.CharConstant:
                case ItemType.Complex:
                case ItemType.Dot:
                case ItemType.Field:
                case ItemType.Identifier:
                case ItemType.Number:
                case ItemType.Nil:
                case ItemType.RawString:
                case ItemType.String:
                case ItemType.Variable:
                case ItemType.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(token2, context);
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0) throw Errorf("missing value for " + context);
        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            switch (pipe.Cmds[i].Args[0].Type)
            {
                case NodeType.Bool:
                case NodeType.Dot:
                case NodeType.Nil:
                case NodeType.Number:
                case NodeType.String:
                    throw Errorf("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private (int Pos, int Line, PipeNode Pipe, ListNode List, ListNode? ElseList) ParseControl(string context)
    {
        var varCount = _vars.Count;
        Enter();
        try
        {
            var pipe = Pipeline(context, ItemType.RightDelim);
            if (context == "range") _rangeDepth++;
            var (list, next) = ItemList();
            if (context == "range") _rangeDepth--;
            ListNode? elseList = null;
            if (next.Type == NodeType.Else)
            {
                // "{{else if x}}" and "{{else with x}}" are "{{else}}{{if x}}...{{end}}{{end}}" with the last end implied.
                if (context == "if" && Peek().Type == ItemType.If)
                {
                    Next();
                    elseList = new ListNode(next.Pos);
                    elseList.Nodes.Add(IfControl());
                }
                else if (context == "with" && Peek().Type == ItemType.With)
                {
                    Next();
                    elseList = new ListNode(next.Pos);
                    elseList.Nodes.Add(WithControl());
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next.Type != NodeType.End) throw Errorf("expected end; found " + next);
                }
            }
            return (pipe.Pos, pipe.Line, pipe, list, elseList);
        }
        finally
        {
            _vars.RemoveRange(varCount, _vars.Count - varCount);
            Leave();
        }
    }

    private Node IfControl()
    {
        var (pos, line, pipe, list, elseList) = ParseControl("if");
        return new BranchNode(NodeType.If, pos, line, pipe, list, elseList);
    }

    private Node RangeControl()
    {
        var (pos, line, pipe, list, elseList) = ParseControl("range");
        return new BranchNode(NodeType.Range, pos, line, pipe, list, elseList);
    }

    private Node WithControl()
    {
        var (pos, line, pipe, list, elseList) = ParseControl("with");
        return new BranchNode(NodeType.With, pos, line, pipe, list, elseList);
    }

    private Node EndControl() => new EndNode(Expect(ItemType.RightDelim, "end").Pos);

    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Type == ItemType.If || peek.Type == ItemType.With) return new ElseNode(peek.Pos, peek.Line);
        var token = Expect(ItemType.RightDelim, "else");
        return new ElseNode(token.Pos, token.Line);
    }

    private Node BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, context);
        var pipe = Pipeline(context, ItemType.RightDelim);

        var outer = (_tree, _vars, _rangeDepth, _actionLine);
        StartTree(new ParseTree(name, _parseName, _text));
        Enter();
        var (list, end) = ItemList();
        Leave();
        _tree.Root = list;
        if (end.Type != NodeType.End) throw Errorf("unexpected " + end + " in " + context);
        Add();
        (_tree, _vars, _rangeDepth, _actionLine) = outer;
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    private Node TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Type != ItemType.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, ItemType.RightDelim);
        }
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    private string ParseTemplateName(Item token, string context)
    {
        if (token.Type == ItemType.String || token.Type == ItemType.RawString) return UnquoteOrFail(token.Val);
        throw Unexpected(token, context);
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand != null) cmd.Args.Add(operand);
            var token = Next();
            switch (token.Type)
            {
                case ItemType.Space:
                    continue;
                case ItemType.RightDelim:
                case ItemType.RightParen:
                    Backup();
                    break;
                case ItemType.Pipe:
                    break;
                default:
                    throw Unexpected(token, "operand");
            }
            break;
        }
        if (cmd.Args.Count == 0) throw Errorf("empty command");
        return cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node == null) return null;
        if (Peek().Type == ItemType.Field)
        {
            var chain = new ChainNode(Peek().Pos, node);
            while (Peek().Type == ItemType.Field) chain.Add(Next().Val);
            switch (node.Type)
            {
                case NodeType.Field:
                    return new FieldNode(chain.Pos, chain.ToString());
                case NodeType.Variable:
                    return new VariableNode(chain.Pos, chain.ToString());
                case NodeType.Bool:
                case NodeType.String:
                case NodeType.Number:
                case NodeType.Nil:
                case NodeType.Dot:
                    throw Errorf("unexpected . after term " + GoQuote.Quote(node.ToString()));
                default:
                    return chain;
            }
        }
        return node;
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Type)
        {
            case ItemType.Identifier:
                if (!_hasFunction(token.Val)) throw Errorf("function " + GoQuote.Quote(token.Val) + " not defined");
                return new IdentifierNode(token.Pos, token.Val);
            case ItemType.Dot:
                return new DotNode(token.Pos);
            case ItemType.Nil:
                return new NilNode(token.Pos);
            case ItemType.Variable:
                return UseVar(token.Pos, token.Val);
            case ItemType.Field:
                return new FieldNode(token.Pos, token.Val);
            case ItemType.Bool:
                return new BoolNode(token.Pos, token.Val == "true");
            case ItemType.CharConstant:
            case ItemType.Complex:
            case ItemType.Number:
                var (number, error) = NumberParser.Parse(token.Pos, token.Val, token.Type);
                if (error != null) throw Errorf(error);
                return number!;
            case ItemType.LeftParen:
            {
                Enter();
                var pipe = Pipeline("parenthesized pipeline", ItemType.RightParen);
                Leave();
                return pipe;
            }
            case ItemType.String:
            case ItemType.RawString:
                return new StringNode(token.Pos, token.Val, UnquoteOrFail(token.Val));
        }
        Backup();
        return null;
    }

    private Node UseVar(int pos, string name)
    {
        var v = new VariableNode(pos, name);
        foreach (var varName in _vars)
            if (varName == v.Ident[0]) return v;
        throw Errorf("undefined variable " + GoQuote.Quote(v.Ident[0]));
    }
}
