using MeshOps.Engine.Hosting;
using MeshOps.Engine.Templating.Exec;
using MeshOps.Engine.Templating.Parse;

namespace MeshOps.Engine.Templating;

/// <summary>
/// A set of named Go text/templates sharing definitions and functions (Go's *template.Template "common" part).
/// Parse adds templates; Execute runs one by name. Parsed trees are immutable and shared by clones.
/// A set may be executed from several threads at once; Parse and Clone must not race with each other.
/// </summary>
public sealed class TemplateSet
{
    private readonly IReadOnlyDictionary<string, TemplateFunc> _functions;
    private readonly Dictionary<string, ParseTree> _templates;

    /// <summary>For an overlay (see <see cref="Overlay"/>): the set whose templates show where this one has none.</summary>
    private readonly TemplateSet? _base;

    /// <summary>Inline texts (Helm's tpl) already parsed, shared by clones and overlays (same functions and delimiters).</summary>
    private readonly InlineParseCache _inlineCache;

    /// <summary>Creates an empty set with the given functions (they may override Go's builtins, as in Go) and options.</summary>
    public TemplateSet(IReadOnlyDictionary<string, TemplateFunc> functions, TemplateOptions? options = null)
        : this(functions, options ?? new TemplateOptions(), new Dictionary<string, ParseTree>(StringComparer.Ordinal), null, new InlineParseCache())
    {
    }

    private TemplateSet(IReadOnlyDictionary<string, TemplateFunc> functions, TemplateOptions options, Dictionary<string, ParseTree> templates,
        TemplateSet? baseSet, InlineParseCache inlineCache)
    {
        _functions = functions ?? throw new ArgumentNullException(nameof(functions));
        Options = options;
        _templates = templates;
        _base = baseSet;
        _inlineCache = inlineCache;
    }

    /// <summary>The options of this set.</summary>
    public TemplateOptions Options { get; }

    /// <summary>
    /// Parses text as template NAME and adds it and its {{define}}s/{{block}}s to the set. As in Go, a later
    /// definition replaces an earlier one unless it is empty (only spaces and comments); two non-empty definitions
    /// of one name in the same text are an error. Nothing is added when the text does not parse.
    /// </summary>
    /// <exception cref="TemplateParseException">Go's parse error, e.g. <c>template: NAME:3: unexpected "}" in operand</c>.</exception>
    public void Parse(string name, string text) => ParseTop(name, text);

    /// <summary>
    /// Parse, returning the tree of NAME itself even when an existing non-empty template keeps the name
    /// (Go's AddParseTree still gives the new *Template that tree; Helm's tpl executes it).
    /// </summary>
    internal ParseTree ParseTop(string name, string text) => AddTrees(name, ParseTrees(name, text));

    /// <summary>
    /// <see cref="ParseTop"/> for an inline text (Helm's tpl): the parse of a text is kept and reused by this set, its
    /// clones and overlays, as the trees are immutable and depend only on the text, name, delimiters and functions.
    /// </summary>
    internal ParseTree ParseInline(string name, string text) =>
        AddTrees(name, _inlineCache.GetOrParse(name, text, () => ParseTrees(name, text)));

    private Dictionary<string, ParseTree> ParseTrees(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Parser.Parse(name, text, Options.LeftDelimiter, Options.RightDelimiter, HasFunction);
        }
        catch (ParseError e)
        {
            throw e.ErrorId == null
                ? new TemplateParseException(e.Message, name, e.Line, ColumnOf(text, e.Pos), e)
                : new TemplateParseException(e.Message, name, e.Line, ColumnOf(text, e.Pos), e, e.ErrorId, MeshErrorKind.LimitsExceeded);
        }
    }

    private ParseTree AddTrees(string name, Dictionary<string, ParseTree> trees)
    {
        foreach (var (treeName, tree) in trees)
        {
            if (HasTemplate(treeName) && ParseTree.IsEmpty(tree.Root)) continue;
            _templates[treeName] = tree;
        }
        return trees[name];
    }

    private static int ColumnOf(string text, int pos)
    {
        pos = Math.Clamp(pos, 0, text.Length);
        var lineStart = pos == 0 ? -1 : text.LastIndexOf('\n', pos - 1);
        return pos - lineStart;
    }

    /// <summary>Whether a template with this name exists (Go's Lookup(name) != nil).</summary>
    public bool HasTemplate(string name) => Lookup(name) != null;

    /// <summary>Names of all templates in the set, in no particular order.</summary>
    public IEnumerable<string> TemplateNames => AllTemplates().Keys.ToArray();

    /// <summary>Executes template NAME with DATA as dot and returns the output.</summary>
    /// <exception cref="TemplateExecException">Go's execution error, or a limit (depth, output size) was exceeded.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public string Execute(string name, object? data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tree = Lookup(name)
            ?? throw new TemplateExecException("template: no template " + GoQuote.Quote(name) + " associated with template " + GoQuote.Quote(Options.RootName), name);
        return LargeStack.Run(() => Executor.Run(this, tree, data, ct, 0));
    }

    /// <summary>A copy that shares the parsed trees and functions; templates parsed into the copy do not affect this set.</summary>
    public TemplateSet Clone() => new(_functions, Options, AllTemplates(), null, _inlineCache);

    /// <summary>
    /// A set that sees this one's templates and keeps what is parsed into it to itself, as a clone does, without
    /// copying the templates (Helm clones for every tpl call). This set must not change while the overlay is used.
    /// </summary>
    internal TemplateSet Overlay() => new(_functions, Options, new Dictionary<string, ParseTree>(StringComparer.Ordinal), this, _inlineCache);

    internal ParseTree? Lookup(string name) => _templates.TryGetValue(name, out var t) ? t : _base?.Lookup(name);

    /// <summary>A copy of every template visible in this set (its own over its base's).</summary>
    private Dictionary<string, ParseTree> AllTemplates()
    {
        if (_base == null) return new Dictionary<string, ParseTree>(_templates, StringComparer.Ordinal);
        var all = _base.AllTemplates();
        foreach (var (name, tree) in _templates) all[name] = tree;
        return all;
    }

    internal bool TryGetUserFunction(string name, out TemplateFunc fn) => _functions.TryGetValue(name, out fn!);

    private bool HasFunction(string name) => _functions.ContainsKey(name) || Builtins.All.ContainsKey(name);
}
