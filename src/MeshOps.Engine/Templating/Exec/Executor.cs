using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Templating.Functions;
using MeshOps.Engine.Templating.Parse;

namespace MeshOps.Engine.Templating.Exec;

/// <summary>
/// One execution of a template (Go's exec.go state): walks the tree, evaluates pipelines, writes output.
/// It is also the <see cref="TemplateCallContext"/> handed to functions, so include/tpl run nested executions.
/// </summary>
internal sealed class Executor : TemplateCallContext
{
    /// <summary>Go's missingVal: no value is piped into the command.</summary>
    private static readonly object Missing = new();

    /// <summary>
    /// A range element of an interface{}-typed container, as dot or range variable. Go keeps its static type
    /// interface {}: a field of a nil one is a nil-pointer error, and errors name the type "interface {}".
    /// </summary>
    private sealed class IfaceValue
    {
        public static readonly IfaceValue Nil = new(null);

        public IfaceValue(object? value) => Value = value;

        public object? Value { get; }
    }

    /// <summary>
    /// A struct with pointer methods (<see cref="IGoPointerMethods"/>) that Go can take the address of: a field of a
    /// struct behind a pointer, kept so by pipelines, variables, with and template calls. Function arguments get a copy.
    /// </summary>
    private sealed class AddressableValue
    {
        public AddressableValue(IGoObject value) => Value = value;

        public IGoObject Value { get; }
    }

    private enum Ctl { None, Break, Continue }

    private struct Var
    {
        public string Name;
        public object? Value;
    }

    private readonly TemplateSet _set;
    private readonly OutputBuffer _out;
    private readonly CancellationToken _ct;
    private readonly MissingKeyMode _missingKey;
    private readonly long _maxOutput;
    private readonly int _maxDepth;
    private ParseTree _tree;
    private string _name;
    private Node? _node;
    private Var[] _vars = new Var[16];
    private int _varCount;
    private int _frameBase;
    private int _depth;
    private readonly int _inlineDepth;
    private readonly int _maxInlineDepth;
    private int _tick;

    /// <summary>
    /// Set by the last field chain or variable evaluated: its result's static Go type is interface{}, so a nil
    /// result is a nil interface value rather than "no value" (see <see cref="EvalTypedArg"/>).
    /// </summary>
    private bool _resultIface;

    private Executor(TemplateSet set, ParseTree tree, CancellationToken ct, int depth, int inlineDepth)
    {
        _inlineDepth = inlineDepth;
        _maxInlineDepth = set.Options.MaxInlineDepth;
        _set = set;
        _tree = tree;
        _name = tree.Name;
        _ct = ct;
        _depth = depth;
        _out = new OutputBuffer();
        _missingKey = set.Options.MissingKey;
        _maxOutput = set.Options.MaxOutputBytes;
        _maxDepth = set.Options.MaxRecursionDepth;
    }

    /// <summary>
    /// Executes TREE with DATA as dot and $; DEPTH counts enclosing template/include/tpl calls, INLINEDEPTH the
    /// enclosing tpl calls alone.
    /// </summary>
    public static string Run(TemplateSet set, ParseTree tree, object? data, CancellationToken ct, int depth, int inlineDepth = 0)
    {
        ct.ThrowIfCancellationRequested();
        var e = new Executor(set, tree, ct, depth, inlineDepth);
        if (depth > e._maxDepth) throw e.Error("exceeded maximum template depth (" + e._maxDepth + ")", MeshErrorKind.LimitsExceeded);
        e.Push("$", data);
        e.Walk(data, tree.Root);
        return e._out.ToString();
    }

    // ---- TemplateCallContext ----

    public override string TemplateName => _name;

    public override CancellationToken Cancellation => _ct;

    public override string ExecuteTemplate(string name, object? data)
    {
        var tree = _set.Lookup(name)
            ?? throw new TemplateExecException("template: no template " + GoQuote.Quote(name) + " associated with template " + GoQuote.Quote(_set.Options.RootName), name);
        CheckStack();
        return Run(_set, tree, data, _ct, _depth + 1, _inlineDepth);
    }

    public override string ExecuteInline(string text, object? data)
    {
        // Each tpl parses and runs a whole template, and Helm counts none of them: a value whose template calls tpl
        // on itself recurses until Go's 1 GB stack overflows (Helm 4.1.4: "fatal error: stack overflow" after about
        // 20 s and 4 GB). The nesting stops at TemplateOptions.MaxInlineDepth instead, before the unwinding of many
        // levels could cost more than the levels did.
        // A function's limit error: the call that fails reports it at its own position ("error calling tpl: ...").
        if (_inlineDepth >= _maxInlineDepth)
            throw new MeshException("TemplateExecutionError", MeshErrorKind.LimitsExceeded,
                "exceeded maximum tpl depth (" + _maxInlineDepth + "): tpl calls are nested " + _maxInlineDepth +
                " deep, which happens when a value's template calls tpl on itself (directly or through include); stop the recursion, for example render the value with tpl once and not again inside it");
        // Helm parses the text into a clone of the set; an overlay behaves the same without copying every template.
        var overlay = _set.Overlay();
        var tree = overlay.ParseInline(_set.Options.RootName, text);
        CheckStack();
        return Run(overlay, tree, data, _ct, _depth + 1, _inlineDepth + 1);
    }

    // ---- errors ----

    private void At(Node n) => _node = n;

    private TemplateExecException Error(string message, MeshErrorKind kind = MeshErrorKind.InvalidData, string? functionMessage = null, string? errorId = null)
    {
        string text;
        if (_node == null)
        {
            text = "template: " + _name + ": " + message;
        }
        else
        {
            var (location, context) = _tree.ErrorContext(_node);
            text = "template: " + location + ": executing " + GoQuote.Quote(_name) + " at <" + context + ">: " + message;
        }
        return new TemplateExecException(text, _name, kind, errorId: errorId ?? "TemplateExecutionError") { FunctionMessage = functionMessage };
    }

    private void CheckStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Error("exceeded maximum template depth (the execution stack is exhausted at depth " + _depth + ")", MeshErrorKind.LimitsExceeded);
    }

    // ---- variables ----

    private void Push(string name, object? value)
    {
        if (_varCount == _vars.Length) Array.Resize(ref _vars, _vars.Length * 2);
        _vars[_varCount].Name = name;
        _vars[_varCount].Value = value;
        _varCount++;
    }

    private void Pop(int mark)
    {
        for (var i = mark; i < _varCount; i++) _vars[i] = default;
        _varCount = mark;
    }

    private void SetVar(string name, object? value)
    {
        for (var i = _varCount - 1; i >= _frameBase; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i].Value = value;
                return;
            }
        }
        throw Error("undefined variable: " + name);
    }

    private void SetTopVar(int n, object? value) => _vars[_varCount - n].Value = value;

    private object? VarValue(string name)
    {
        for (var i = _varCount - 1; i >= _frameBase; i--)
            if (_vars[i].Name == name) return _vars[i].Value;
        throw Error("undefined variable: " + name);
    }

    private static object? Unwrap(object? v) => v is IfaceValue w ? w.Value : v;

    private static object? Wrap(object? v) => v == null ? IfaceValue.Nil : new IfaceValue(v);

    /// <summary>The value as a function argument or fmt sees it: an addressable struct becomes a copy.</summary>
    private static object? Detach(object? v) => v is AddressableValue a ? a.Value : v;

    // ---- output ----

    private void Write(string s)
    {
        _out.Append(s);
        if (_out.Length > _maxOutput) throw OutputLimit();
    }

    private TemplateExecException OutputLimit() =>
        Error("output exceeds the limit of " + _maxOutput + " characters (TemplateOptions.MaxOutputBytes); the template probably loops or repeats a large value", MeshErrorKind.LimitsExceeded);

    private void Tick()
    {
        if ((++_tick & 0xFF) == 0) _ct.ThrowIfCancellationRequested();
    }

    // ---- walk ----

    private Ctl Walk(object? dot, Node node)
    {
        Tick();
        switch (node.Type)
        {
            case NodeType.Text:
                Write(((TextNode)node).Text);
                return Ctl.None;
            case NodeType.Action:
            {
                var a = (ActionNode)node;
                var val = EvalPipeline(dot, a.Pipe);
                if (a.Pipe.Decl.Count == 0) PrintValue(a, val);
                return Ctl.None;
            }
            case NodeType.List:
            {
                var nodes = ((ListNode)node).Nodes;
                for (var i = 0; i < nodes.Count; i++)
                {
                    var c = Walk(dot, nodes[i]);
                    if (c != Ctl.None) return c;
                }
                return Ctl.None;
            }
            case NodeType.If:
            case NodeType.With:
                return WalkIfOrWith((BranchNode)node, dot);
            case NodeType.Range:
                WalkRange((BranchNode)node, dot);
                return Ctl.None;
            case NodeType.Template:
                WalkTemplate((TemplateNode)node, dot);
                return Ctl.None;
            case NodeType.Break:
                return Ctl.Break;
            case NodeType.Continue:
                return Ctl.Continue;
            default:
                At(node);
                throw Error("unknown node: " + node);
        }
    }

    private Ctl WalkIfOrWith(BranchNode b, object? dot)
    {
        var mark = _varCount;
        var val = EvalPipeline(dot, b.Pipe);
        Ctl c;
        if (GoValues.IsTrue(Detach(val)))
            c = Walk(b.Type == NodeType.With ? val : dot, b.List);
        else if (b.ElseList != null)
            c = Walk(dot, b.ElseList);
        else
            c = Ctl.None;
        Pop(mark);
        return c;
    }

    private void WalkRange(BranchNode r, object? dot)
    {
        At(r);
        var outerMark = _varCount;
        var val = Detach(EvalPipeline(dot, r.Pipe));
        var mark = _varCount;
        var ran = false;
        switch (val)
        {
            case null:
                break;
            case IList list:
            {
                var iface = list is List<object?> || ElementIsInterface(list.GetType());
                for (var i = 0; i < list.Count; i++)
                {
                    ran = true;
                    if (OneIteration(r, mark, i, iface ? Wrap(list[i]) : list[i])) break;
                }
                break;
            }
            case IDictionary map:
            {
                if (map.Count == 0) break;
                var iface = GoValues.MapTypes(map).Value == typeof(object);
                foreach (var key in GoPrinter.SortedKeys(map))
                {
                    ran = true;
                    if (OneIteration(r, mark, key, iface ? Wrap(map[key!]) : map[key!])) break;
                }
                break;
            }
            case int or long or short or sbyte or byte or ushort or uint or ulong:
            {
                if (r.Pipe.Decl.Count > 1) throw Error("can't use " + GoFormat.FormatValue(val) + " to iterate over more than one variable");
                GoValues.TryToInt64(val, out var n);
                if (val is ulong ul) n = ul > long.MaxValue ? long.MaxValue : (long)ul;
                for (long i = 0; i < n; i++)
                {
                    ran = true;
                    var v = SameIntType(val, i);
                    if (OneIteration(r, mark, v, v)) break;
                }
                break;
            }
            default:
                throw Error("range can't iterate over " + GoFormat.FormatValue(val));
        }
        if (!ran && r.ElseList != null) Walk(dot, r.ElseList);
        Pop(outerMark);
    }

    private static bool ElementIsInterface(Type t) =>
        t.IsArray ? t.GetElementType() == typeof(object) : !t.IsGenericType || Array.IndexOf(t.GetGenericArguments(), typeof(object)) >= 0;

    private static object SameIntType(object model, long i) => model switch
    {
        int => (int)i,
        long => i,
        short => (short)i,
        sbyte => (sbyte)i,
        byte => (byte)i,
        ushort => (ushort)i,
        uint => (uint)i,
        _ => (ulong)i,
    };

    /// <summary>One pass of a range body; true when it ended with {{break}}.</summary>
    private bool OneIteration(BranchNode r, int mark, object? index, object? elem)
    {
        _ct.ThrowIfCancellationRequested();
        var decl = r.Pipe.Decl;
        if (decl.Count > 0)
        {
            if (r.Pipe.IsAssign)
                SetVar(decl[0].Ident[0], decl.Count > 1 ? index : elem);
            else
                SetTopVar(1, elem);
        }
        if (decl.Count > 1)
        {
            if (r.Pipe.IsAssign) SetVar(decl[1].Ident[0], elem);
            else SetTopVar(2, index);
        }
        var c = Walk(elem, r.List);
        Pop(mark);
        return c == Ctl.Break;
    }

    private void WalkTemplate(TemplateNode t, object? dot)
    {
        At(t);
        var tree = _set.Lookup(t.Name);
        if (tree == null) throw Error("template " + GoQuote.Quote(t.Name) + " not defined");
        if (_depth >= _maxDepth) throw Error("exceeded maximum template depth (" + _maxDepth + ")", MeshErrorKind.LimitsExceeded);
        CheckStack();
        _ct.ThrowIfCancellationRequested();
        var newDot = EvalPipeline(dot, t.Pipe);
        var (savedTree, savedName, savedBase, savedCount, savedNode) = (_tree, _name, _frameBase, _varCount, _node);
        _tree = tree;
        _name = tree.Name;
        _frameBase = _varCount;
        _depth++;
        Push("$", newDot);
        // No try/finally: an exception always leaves this executor (every catch here rethrows), and unwinding
        // 100000 nested calls is much faster without a handler per level.
        Walk(newDot, tree.Root);
        _depth--;
        Pop(savedCount);
        (_tree, _name, _frameBase, _node) = (savedTree, savedName, savedBase, savedNode);
    }

    // ---- evaluation ----

    private object? EvalPipeline(object? dot, PipeNode? pipe)
    {
        if (pipe == null) return null;
        At(pipe);
        var value = Missing;
        var cmds = pipe.Cmds;
        for (var i = 0; i < cmds.Count; i++) value = Unwrap(EvalCommand(dot, cmds[i], value));
        var decl = pipe.Decl;
        for (var i = 0; i < decl.Count; i++)
        {
            if (pipe.IsAssign) SetVar(decl[i].Ident[0], value);
            else Push(decl[i].Ident[0], value);
        }
        return value;
    }

    private void NotAFunction(List<Node> args, object? final)
    {
        if (args.Count > 1 || final != Missing) throw Error("can't give argument to non-function " + args[0]);
    }

    private object? EvalCommand(object? dot, CommandNode cmd, object? final)
    {
        var first = cmd.Args[0];
        switch (first.Type)
        {
            case NodeType.Field:
                return EvalFieldNode(dot, (FieldNode)first, cmd.Args, final);
            case NodeType.Chain:
                return EvalChainNode(dot, (ChainNode)first, cmd.Args, final);
            case NodeType.Identifier:
                return EvalFunction(dot, (IdentifierNode)first, cmd, cmd.Args, final);
            case NodeType.Pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, (PipeNode)first);
            case NodeType.Variable:
                return EvalVariableNode(dot, (VariableNode)first, cmd.Args, final);
        }
        At(first);
        NotAFunction(cmd.Args, final);
        switch (first.Type)
        {
            case NodeType.Bool: return ((BoolNode)first).True;
            case NodeType.Dot: return Unwrap(dot);
            case NodeType.Nil: throw Error("nil is not a command");
            case NodeType.Number: return IdealConstant((NumberNode)first);
            case NodeType.String: return ((StringNode)first).Text;
        }
        throw Error("can't evaluate command " + GoQuote.Quote(first.ToString()));
    }

    private object? IdealConstant(NumberNode n)
    {
        At(n);
        if (n.IsComplex) throw Error("complex number " + n.Text + " is not supported");
        var text = n.Text;
        var isHexInt = text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') && text.IndexOfAny(new[] { 'p', 'P' }) < 0;
        var isRuneInt = text.Length > 0 && text[0] == '\'';
        if (n.IsFloat && !isHexInt && !isRuneInt && text.IndexOfAny(new[] { '.', 'e', 'E', 'p', 'P' }) >= 0) return n.Float64;
        if (n.IsInt) return n.Int64 >= int.MinValue && n.Int64 <= int.MaxValue ? (object)(int)n.Int64 : n.Int64;
        if (n.IsUint) throw Error(text + " overflows int");
        return null;
    }

    private object? EvalFieldNode(object? dot, FieldNode field, List<Node>? args, object? final)
    {
        At(field);
        return EvalFieldChain(dot, dot, field, field.Ident, 0, args, final);
    }

    private object? EvalChainNode(object? dot, ChainNode chain, List<Node>? args, object? final)
    {
        At(chain);
        if (chain.Field.Count == 0) throw Error("internal error: no fields in evalChainNode");
        if (chain.Node.Type == NodeType.Nil) throw Error("indirection through explicit nil in " + chain);
        var pipe = EvalArg(dot, chain.Node);
        // A function result keeps its interface type (a nil one cannot have fields); a parenthesized pipeline's nil is "no value".
        if (pipe == null && chain.Node.Type == NodeType.Identifier) pipe = IfaceValue.Nil;
        return EvalFieldChain(dot, pipe, chain, chain.Field, 0, args, final);
    }

    private object? EvalVariableNode(object? dot, VariableNode variable, List<Node>? args, object? final)
    {
        At(variable);
        var value = VarValue(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            if (args != null) NotAFunction(args, final);
            else if (final != Missing) throw Error("can't give argument to non-function " + variable);
            _resultIface = value is IfaceValue;
            return Unwrap(value);
        }
        return EvalFieldChain(dot, value, variable, variable.Ident, 1, args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, Node node, IReadOnlyList<string> ident, int from, List<Node>? args, object? final)
    {
        // iface: the receiver's static Go type is interface {} (a map or slice element of interface type).
        var iface = false;
        if (receiver is IfaceValue w)
        {
            receiver = w.Value;
            iface = true;
        }
        var n = ident.Count;
        for (var i = from; i < n - 1; i++) receiver = EvalField(dot, ident[i], node, null, Missing, receiver, ref iface);
        var result = EvalField(dot, ident[n - 1], node, args, final, receiver, ref iface);
        _resultIface = iface;
        return result;
    }

    private object? EvalField(object? dot, string fieldName, Node node, List<Node>? args, object? final, object? receiver, ref bool iface)
    {
        if (receiver == null)
        {
            if (iface) throw Error("nil pointer evaluating interface {}." + fieldName);
            if (_missingKey == MissingKeyMode.Error) throw Error("nil data; no entry for key " + GoQuote.Quote(fieldName));
            return null;
        }
        var hasArgs = args != null && args.Count > 1 || final != Missing;
        var addressable = false;
        if (receiver is AddressableValue a)
        {
            receiver = a.Value;
            addressable = true;
        }
        if (receiver is Dictionary<string, object?> dict)
        {
            if (hasArgs) throw Error(fieldName + " is not a method but has arguments");
            if (dict.TryGetValue(fieldName, out var v))
            {
                iface = true;
                return v;
            }
            return MissingKey(fieldName, typeof(object), ref iface);
        }
        if (receiver is IGoObject g)
        {
            if ((g.TryGetMethod(fieldName, out var method) ||
                 addressable && g is IGoPointerMethods pointer && pointer.TryGetPointerMethod(fieldName, out method)) && method != null)
            {
                var result = EvalCall(dot, method, null, node, fieldName, args, final);
                iface = result == null;
                return result;
            }
            if (!IsExported(fieldName) && g is IGoStructFields declared && declared.FieldNames.Contains(fieldName))
                throw Error(fieldName + " is an unexported field of struct type " + g.GoTypeName);
            if (g.TryGetField(fieldName, out var fv))
            {
                if (hasArgs) throw Error(fieldName + " has arguments but cannot be invoked as function");
                iface = fv == null;
                // A field of a struct behind a pointer, or of an addressable struct, is addressable.
                if (fv is IGoPointerMethods && fv is IGoObject fieldStruct && (addressable || g.GoTypeName.StartsWith('*')))
                    return new AddressableValue(fieldStruct);
                return fv;
            }
            throw Error("can't evaluate field " + fieldName + " in type " + (iface ? "interface {}" : g.GoTypeName));
        }
        if (receiver is IDictionary map)
        {
            var (keyType, valueType) = GoValues.MapTypes(map);
            if (keyType == typeof(string) || keyType == typeof(object))
            {
                if (hasArgs) throw Error(fieldName + " is not a method but has arguments");
                if (map.Contains(fieldName))
                {
                    iface = valueType == typeof(object);
                    return map[fieldName];
                }
                return MissingKey(fieldName, valueType, ref iface);
            }
        }
        throw Error("can't evaluate field " + fieldName + " in type " + (iface ? "interface {}" : GoValues.TypeOf(receiver)));
    }

    /// <summary>Go's token.IsExported: the name starts with an upper-case letter.</summary>
    private static bool IsExported(string name) =>
        name.Length > 0 && (char.IsHighSurrogate(name[0]) && name.Length > 1 ? char.IsUpper(name, 0) : char.IsUpper(name[0]));

    private object? MissingKey(string fieldName, Type valueType, ref bool iface)
    {
        switch (_missingKey)
        {
            case MissingKeyMode.Zero:
                iface = valueType == typeof(object);
                return GoValues.ZeroOf(valueType);
            case MissingKeyMode.Error:
                throw Error("map has no entry for key " + GoQuote.Quote(fieldName));
            default:
                iface = false; // Go's invalid Value: "no value"
                return null;
        }
    }

    private object? EvalFunction(object? dot, IdentifierNode node, Node cmd, List<Node>? args, object? final)
    {
        At(node);
        var name = node.Ident;
        if (_set.TryGetUserFunction(name, out var fn))
            return EvalCall(dot, fn, null, cmd, name, args, final, GoSignatures.TryGet(name, out var signature) ? signature : null);
        if (Builtins.All.TryGetValue(name, out var builtin)) return EvalCall(dot, builtin.Func, builtin, cmd, name, args, final);
        throw Error(GoQuote.Quote(name) + " is not a defined function");
    }

    private object? EvalCall(object? dot, TemplateFunc fn, Builtin? builtin, Node node, string name, List<Node>? args, object? final,
        GoSignatures.Signature? signature = null)
    {
        var argCount = args == null ? 0 : args.Count - 1; // args[0] is the function's own node
        var hasFinal = final != Missing;
        var numIn = argCount + (hasFinal ? 1 : 0);
        if (builtin != null)
        {
            if (builtin.Variadic)
            {
                if (numIn < builtin.FixedArgs)
                    throw Error("wrong number of args for " + name + ": want at least " + builtin.FixedArgs + " got " + argCount);
            }
            else if (numIn != builtin.FixedArgs)
            {
                throw Error("wrong number of args for " + name + ": want " + builtin.FixedArgs + " got " + numIn);
            }
            if (name == "and" || name == "or")
            {
                object? v = null;
                var isOr = name == "or";
                for (var i = 0; i < argCount; i++)
                {
                    v = EvalArg(dot, args![i + 1]);
                    if (GoValues.IsTrue(Detach(v)) == isOr) return v;
                }
                if (hasFinal) v = final;
                return v;
            }
        }

        var argv = numIn == 0 ? Array.Empty<object?>() : new object?[numIn];
        for (var i = 0; i < argCount; i++)
        {
            var argNode = args![i + 1];
            if (signature?.At(i) is { IsInterface: false } type) argv[i] = EvalTypedArg(dot, argNode, type);
            else argv[i] = builtin != null && i == 0 && name == "printf" ? EvalStringArg(dot, argNode) : Detach(EvalArg(dot, argNode));
        }
        if (hasFinal)
        {
            final = Detach(final);
            // The piped value went through a pipeline, so a nil is "no value": the zero value of a nil-able type.
            // Go reports a failure at the node evaluated last (the function's name, or inside its last argument).
            if (signature?.At(numIn - 1) is { IsInterface: false } finalType && GoSignatures.Check(finalType, final, false) is { } message)
                throw Error(message, functionMessage: message);
            if (builtin != null && name == "printf" && argCount == 0)
            {
                if (final == null) throw Error("invalid value; expected string");
                if (final is not string) throw Error("wrong type for value; expected string; got " + GoValues.TypeOf(final));
            }
            argv[numIn - 1] = final;
        }

        if (builtin != null && name == "call") return EvalCallBuiltin(args, argCount, final, argv, node);

        // Go moves the error position to the call only when the call fails (below); on success it stays on the last
        // argument evaluated, which is where a following argument conversion failure of an enclosing call points.
        Tick();
        object? result;
        try
        {
            result = fn(this, argv);
        }
        catch (TemplateArgumentException e) when (e.ArgumentIndex >= 0 && e.ArgumentIndex < argCount)
        {
            var argNode = args![e.ArgumentIndex + 1];
            At(argNode);
            var message = e.ExpectedType != null ? LiteralMismatch(argNode, e.ExpectedType) ?? e.Message : e.Message;
            throw Error(message, functionMessage: message);
        }
        catch (TemplateArgumentException e)
        {
            At(args != null ? args[0] : node);
            throw Error(e.Message, functionMessage: e.Message);
        }
        catch (Exception e) when (Wraps(e))
        {
            At(node);
            throw Error("error calling " + name + ": " + e.Message, functionMessage: e is TemplateFunctionException ? e.Message : null);
        }
        catch (Exception e) when (IsLimit(e))
        {
            At(node);
            throw LimitError(e, name);
        }
        CheckSize(result, name);
        return result;
    }

    /// <summary>
    /// A function's limit failure (a value nested too deeply, a cycle) keeps its id and kind and gains the template
    /// position; one a nested template raised already says where it failed and passes unchanged; running out of
    /// memory while building a value becomes TemplateValueTooLarge, never an OutOfMemoryException.
    /// </summary>
    private Exception LimitError(Exception e, string name) => LimitCause(e) switch
    {
        TemplateExecException nested => nested,
        MeshException m => Error("error calling " + name + ": " + m.Message, m.Kind, errorId: m.ErrorId),
        _ => Error("error calling " + name + ": the value it builds does not fit in memory; a template that doubles a string or list in a loop grows it without bound",
            MeshErrorKind.LimitsExceeded, errorId: TemplateLimits.ValueTooLargeId),
    };

    /// <summary>
    /// The rule for limits in function calls: a limit error (MeshException of kind LimitsExceeded) or running out of
    /// memory is never reworded into an ordinary "error calling NAME" failure, whether the function let it through
    /// or wrapped it as the cause of its own TemplateFunctionException (as mustToJson does with the error it would
    /// otherwise turn into ""). Null for every other failure.
    /// </summary>
    private static Exception? LimitCause(Exception e) => e switch
    {
        OutOfMemoryException => e,
        MeshException { Kind: MeshErrorKind.LimitsExceeded } => e,
        TemplateFunctionException { InnerException: MeshException { Kind: MeshErrorKind.LimitsExceeded } inner } => inner,
        TemplateFunctionException { InnerException: OutOfMemoryException inner } => inner,
        _ => null,
    };

    // A limit to report as this call's failure, or to unwrap (LimitError); a nested template's limit error that
    // the function let through is not caught at all, so it passes every level unchanged and without a handler.
    private static bool IsLimit(Exception e) => LimitCause(e) != null && e is not TemplateExecException;

    /// <summary>The one check every function result passes: no string or list grows past the template value limits.</summary>
    private void CheckSize(object? result, string name)
    {
        if (TemplateLimits.TooLarge(result) is { } what)
            throw Error("error calling " + name + ": " + what, MeshErrorKind.LimitsExceeded, errorId: TemplateLimits.ValueTooLargeId);
    }

    /// <summary>Go's evalArg failure for a literal argument of the wrong type (null when the node is not a literal).</summary>
    private static string? LiteralMismatch(Node n, string expectedType)
    {
        if (n.Type == NodeType.Nil) return "cannot assign nil to " + expectedType;
        if (n.Type is not (NodeType.Number or NodeType.Bool or NodeType.String)) return null;
        var expected = expectedType switch
        {
            "string" => "string",
            "bool" => "bool",
            "int" or "int64" or "int32" => "integer",
            "uint" or "uint64" or "uint32" => "unsigned integer",
            "float64" or "float32" => "float",
            _ => null,
        };
        return expected == null ? "can't handle " + n + " for arg of type " + expectedType : "expected " + expected + "; found " + n;
    }

    /// <summary>Which function failures become "error calling NAME: ..." (Go wraps every error and recovered panic).</summary>
    private static bool Wraps(Exception e) => e switch
    {
        OperationCanceledException => false,
        InsufficientExecutionStackException => false,
        _ => LimitCause(e) == null,
    };

    private object? EvalCallBuiltin(List<Node>? args, int argCount, object? final, object?[] argv, Node node)
    {
        var calleeName = argCount == 0 ? GoFormat.FormatValue(final) : args![1].ToString();
        At(node);
        var f = argv[0];
        if (f == null) throw Error("error calling call: call of nil");
        if (f is not TemplateFunc callee)
            throw Error("error calling call: non-function " + calleeName + " of type " + GoValues.TypeOf(f));
        object? result;
        try
        {
            result = callee(this, argv.AsSpan(1).ToArray());
        }
        catch (Exception e) when (Wraps(e))
        {
            At(node);
            throw Error("error calling call: " + e.Message, functionMessage: e is TemplateFunctionException ? e.Message : null);
        }
        catch (Exception e) when (IsLimit(e))
        {
            At(node);
            throw LimitError(e, "call");
        }
        CheckSize(result, "call");
        return result;
    }

    /// <summary>Go's evalArg for an interface{} parameter.</summary>
    private object? EvalArg(object? dot, Node n)
    {
        At(n);
        switch (n.Type)
        {
            case NodeType.Dot: return Unwrap(dot);
            case NodeType.Nil: return null;
            case NodeType.Field: return EvalFieldNode(dot, (FieldNode)n, null, Missing);
            case NodeType.Variable: return EvalVariableNode(dot, (VariableNode)n, null, Missing);
            case NodeType.Pipe: return EvalPipeline(dot, (PipeNode)n);
            case NodeType.Identifier: return EvalFunction(dot, (IdentifierNode)n, n, null, Missing);
            case NodeType.Chain: return EvalChainNode(dot, (ChainNode)n, null, Missing);
            case NodeType.Bool: return ((BoolNode)n).True;
            case NodeType.Number: return IdealConstant((NumberNode)n);
            case NodeType.String: return ((StringNode)n).Text;
        }
        throw Error("can't handle assignment of " + n + " to empty interface argument");
    }

    /// <summary>
    /// Go's evalArg for a parameter of a declared type that is not interface{} (<see cref="GoSignatures"/>): literals
    /// convert or fail in Go's words; other values go through validateType, where a nil that is "no value" becomes a
    /// nil map or slice and a nil interface{} (a map field, a range element) is the wrong type.
    /// </summary>
    private object? EvalTypedArg(object? dot, Node n, GoSignatures.GoType type)
    {
        At(n);
        switch (n.Type)
        {
            case NodeType.Nil:
                if (type.Nilable) return null;
                throw Error("cannot assign nil to " + type.Name);
            case NodeType.String when type == GoSignatures.GoType.String:
                return ((StringNode)n).Text;
            case NodeType.Number when type == GoSignatures.GoType.Int && ((NumberNode)n).IsInt:
            {
                // Go's evalInteger takes the integer value of any integral constant, 3.0 and 0x10 included.
                var number = (NumberNode)n;
                return number.Int64 is >= int.MinValue and <= int.MaxValue ? (int)number.Int64 : number.Int64;
            }
            case NodeType.Bool or NodeType.Number or NodeType.String:
                var mismatch = LiteralMismatch(n, type.Name)!;
                throw Error(mismatch, functionMessage: mismatch);
        }
        bool nilInterface;
        object? v;
        if (n.Type == NodeType.Dot)
        {
            nilInterface = dot is IfaceValue { Value: null };
            v = Unwrap(dot);
        }
        else
        {
            _resultIface = false;
            v = EvalArg(dot, n);
            nilInterface = v == null && _resultIface && n.Type is NodeType.Field or NodeType.Chain or NodeType.Variable;
        }
        v = Detach(v);
        // Reported where evaluation stopped, as Go does: the field itself, or the last node inside a parenthesized pipeline.
        if (GoSignatures.Check(type, v, nilInterface) is { } message) throw Error(message, functionMessage: message);
        return v;
    }

    /// <summary>Go's evalArg for a string parameter (printf's format).</summary>
    private object? EvalStringArg(object? dot, Node n)
    {
        At(n);
        switch (n.Type)
        {
            case NodeType.String:
                return ((StringNode)n).Text;
            case NodeType.Nil:
                throw Error("cannot assign nil to string");
            case NodeType.Bool:
            case NodeType.Number:
                throw Error("expected string; found " + n);
        }
        var v = Detach(EvalArg(dot, n));
        At(n);
        if (v == null) throw Error("invalid value; expected string");
        if (v is not string) throw Error("wrong type for value; expected string; got " + GoValues.TypeOf(v));
        return v;
    }

    private void PrintValue(ActionNode n, object? v)
    {
        At(n);
        if (v == null)
        {
            Write("<no value>");
            return;
        }
        if (v is AddressableValue a)
        {
            // text/template's printableValue: an addressable value prints through its pointer, so its String method applies.
            if (a.Value is IGoPointerMethods pointer && (pointer.TryGetPointerMethod("Error", out var m) || pointer.TryGetPointerMethod("String", out m)) && m != null)
                v = m(this, Array.Empty<object?>());
            else
                v = a.Value;
        }
        if (v is Delegate) throw Error("can't print " + n + " of type " + GoValues.TypeOf(v));
        _out.AppendValue(v);
        if (_out.Length > _maxOutput) throw OutputLimit();
    }
}
