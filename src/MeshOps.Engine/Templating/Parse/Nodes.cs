using System.Text;

namespace MeshOps.Engine.Templating.Parse;

internal enum NodeType
{
    Text, Action, Bool, Chain, Command, Dot, Else, End, Field, Identifier, If, List, Nil, Number, Pipe,
    Range, String, Template, Variable, With, Break, Continue,
}

/// <summary>A parsed template: its name, the name of the text it came from (for error positions) and its root list.</summary>
internal sealed class ParseTree
{
    public ParseTree(string name, string parseName, string text)
    {
        Name = name;
        ParseName = parseName;
        Text = text;
    }

    public string Name { get; set; }

    /// <summary>Name of the top-level template whose text this tree was parsed from (Go's ParseName).</summary>
    public string ParseName { get; }

    public string Text { get; }

    public ListNode Root { get; set; } = null!;

    /// <summary>Go's ErrorContext: "PARSENAME:LINE:COL" (COL is a 0-based byte offset in the line) and the node's text.</summary>
    public (string Location, string Context) ErrorContext(Node n)
    {
        var pos = Math.Min(n.Pos, Text.Length);
        var lineStart = Text.LastIndexOf('\n', Math.Max(pos - 1, 0));
        if (pos == 0) lineStart = -1;
        int col;
        if (lineStart < 0) col = Encoding.UTF8.GetByteCount(Text.AsSpan(0, pos));
        else col = Encoding.UTF8.GetByteCount(Text.AsSpan(lineStart + 1, pos - lineStart - 1));
        var line = 1;
        for (var i = 0; i < pos; i++) if (Text[i] == '\n') line++;
        return (ParseName + ":" + line + ":" + col, n.ToString());
    }

    /// <summary>Go's IsEmptyTree: only whitespace text and comments.</summary>
    public static bool IsEmpty(Node? n) => n switch
    {
        null => true,
        ListNode l => l.Nodes.TrueForAll(IsEmpty),
        TextNode t => string.IsNullOrWhiteSpace(t.Text),
        _ => false,
    };
}

/// <summary>A node of the parse tree; ToString gives Go's Node.String() text used in error messages.</summary>
internal abstract class Node
{
    protected Node(NodeType type, int pos)
    {
        Type = type;
        Pos = pos;
    }

    public NodeType Type { get; }

    /// <summary>UTF-16 offset of the node in its tree's text.</summary>
    public int Pos { get; }

    public abstract void WriteTo(StringBuilder sb);

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }
}

internal sealed class ListNode : Node
{
    public ListNode(int pos) : base(NodeType.List, pos) { }

    public List<Node> Nodes { get; } = new();

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var n in Nodes) n.WriteTo(sb);
    }
}

internal sealed class TextNode : Node
{
    public TextNode(int pos, string text) : base(NodeType.Text, pos) => Text = text;

    public string Text { get; }

    public override void WriteTo(StringBuilder sb) => sb.Append(Text);
}

internal sealed class PipeNode : Node
{
    public PipeNode(int pos, int line) : base(NodeType.Pipe, pos) => Line = line;

    public int Line { get; }
    public bool IsAssign { get; set; }
    public List<VariableNode> Decl { get; } = new();
    public List<CommandNode> Cmds { get; } = new();

    public override void WriteTo(StringBuilder sb)
    {
        if (Decl.Count > 0)
        {
            for (var i = 0; i < Decl.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                Decl[i].WriteTo(sb);
            }
            sb.Append(IsAssign ? " = " : " := ");
        }
        for (var i = 0; i < Cmds.Count; i++)
        {
            if (i > 0) sb.Append(" | ");
            Cmds[i].WriteTo(sb);
        }
    }
}

internal sealed class ActionNode : Node
{
    public ActionNode(int pos, int line, PipeNode pipe) : base(NodeType.Action, pos)
    {
        Line = line;
        Pipe = pipe;
    }

    public int Line { get; }
    public PipeNode Pipe { get; }

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{");
        Pipe.WriteTo(sb);
        sb.Append("}}");
    }
}

internal sealed class CommandNode : Node
{
    public CommandNode(int pos) : base(NodeType.Command, pos) { }

    public List<Node> Args { get; } = new();

    public override void WriteTo(StringBuilder sb)
    {
        for (var i = 0; i < Args.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            if (Args[i] is PipeNode p)
            {
                sb.Append('(');
                p.WriteTo(sb);
                sb.Append(')');
                continue;
            }
            Args[i].WriteTo(sb);
        }
    }
}

internal sealed class IdentifierNode : Node
{
    public IdentifierNode(int pos, string ident) : base(NodeType.Identifier, pos) => Ident = ident;

    public string Ident { get; }

    public override void WriteTo(StringBuilder sb) => sb.Append(Ident);
}

internal sealed class VariableNode : Node
{
    public VariableNode(int pos, string ident) : base(NodeType.Variable, pos) => Ident = ident.Split('.');

    /// <summary>The variable name (with $) followed by field names.</summary>
    public string[] Ident { get; }

    public override void WriteTo(StringBuilder sb) => sb.AppendJoin('.', Ident);
}

internal sealed class DotNode : Node
{
    public DotNode(int pos) : base(NodeType.Dot, pos) { }

    public override void WriteTo(StringBuilder sb) => sb.Append('.');
}

internal sealed class NilNode : Node
{
    public NilNode(int pos) : base(NodeType.Nil, pos) { }

    public override void WriteTo(StringBuilder sb) => sb.Append("nil");
}

internal sealed class FieldNode : Node
{
    /// <param name="ident">The field text with its leading dot, e.g. ".Values.x".</param>
    public FieldNode(int pos, string ident) : base(NodeType.Field, pos) => Ident = ident.Substring(1).Split('.');

    public string[] Ident { get; }

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var id in Ident) sb.Append('.').Append(id);
    }
}

internal sealed class ChainNode : Node
{
    public ChainNode(int pos, Node node) : base(NodeType.Chain, pos) => Node = node;

    public Node Node { get; }
    public List<string> Field { get; } = new();

    /// <summary>Adds a field token (".x" or ".x.y").</summary>
    public void Add(string field)
    {
        if (field.Length == 0 || field[0] != '.') throw new InvalidOperationException("no dot in field");
        field = field.Substring(1);
        if (field.Length == 0) throw new InvalidOperationException("empty field");
        Field.Add(field);
    }

    public override void WriteTo(StringBuilder sb)
    {
        if (Node is PipeNode p)
        {
            sb.Append('(');
            p.WriteTo(sb);
            sb.Append(')');
        }
        else
        {
            Node.WriteTo(sb);
        }
        foreach (var f in Field) sb.Append('.').Append(f);
    }
}

internal sealed class BoolNode : Node
{
    public BoolNode(int pos, bool value) : base(NodeType.Bool, pos) => True = value;

    public bool True { get; }

    public override void WriteTo(StringBuilder sb) => sb.Append(True ? "true" : "false");
}

/// <summary>A number literal with Go's parse-time facts (IsInt/IsUint/IsFloat) and its text.</summary>
internal sealed class NumberNode : Node
{
    public NumberNode(int pos, string text) : base(NodeType.Number, pos) => Text = text;

    public string Text { get; }
    public bool IsInt { get; set; }
    public bool IsUint { get; set; }
    public bool IsFloat { get; set; }
    public bool IsComplex { get; set; }
    public long Int64 { get; set; }
    public ulong Uint64 { get; set; }
    public double Float64 { get; set; }

    public override void WriteTo(StringBuilder sb) => sb.Append(Text);
}

internal sealed class StringNode : Node
{
    public StringNode(int pos, string quoted, string text) : base(NodeType.String, pos)
    {
        Quoted = quoted;
        Text = text;
    }

    public string Quoted { get; }
    public string Text { get; }

    public override void WriteTo(StringBuilder sb) => sb.Append(Quoted);
}

internal sealed class EndNode : Node
{
    public EndNode(int pos) : base(NodeType.End, pos) { }

    public override void WriteTo(StringBuilder sb) => sb.Append("{{end}}");
}

internal sealed class ElseNode : Node
{
    public ElseNode(int pos, int line) : base(NodeType.Else, pos) => Line = line;

    public int Line { get; }

    public override void WriteTo(StringBuilder sb) => sb.Append("{{else}}");
}

/// <summary>if, range and with.</summary>
internal sealed class BranchNode : Node
{
    public BranchNode(NodeType type, int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList) : base(type, pos)
    {
        Line = line;
        Pipe = pipe;
        List = list;
        ElseList = elseList;
    }

    public int Line { get; }
    public PipeNode Pipe { get; }
    public ListNode List { get; }
    public ListNode? ElseList { get; }

    public override void WriteTo(StringBuilder sb)
    {
        var name = Type switch { NodeType.If => "if", NodeType.Range => "range", _ => "with" };
        sb.Append("{{").Append(name).Append(' ');
        Pipe.WriteTo(sb);
        sb.Append("}}");
        List.WriteTo(sb);
        if (ElseList != null)
        {
            sb.Append("{{else}}");
            ElseList.WriteTo(sb);
        }
        sb.Append("{{end}}");
    }
}

internal sealed class BreakNode : Node
{
    public BreakNode(int pos, int line) : base(NodeType.Break, pos) => Line = line;

    public int Line { get; }

    public override void WriteTo(StringBuilder sb) => sb.Append("{{break}}");
}

internal sealed class ContinueNode : Node
{
    public ContinueNode(int pos, int line) : base(NodeType.Continue, pos) => Line = line;

    public int Line { get; }

    public override void WriteTo(StringBuilder sb) => sb.Append("{{continue}}");
}

internal sealed class TemplateNode : Node
{
    public TemplateNode(int pos, int line, string name, PipeNode? pipe) : base(NodeType.Template, pos)
    {
        Line = line;
        Name = name;
        Pipe = pipe;
    }

    public int Line { get; }
    public string Name { get; }
    public PipeNode? Pipe { get; }

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{template ").Append(GoQuote.Quote(Name));
        if (Pipe != null)
        {
            sb.Append(' ');
            Pipe.WriteTo(sb);
        }
        sb.Append("}}");
    }
}
