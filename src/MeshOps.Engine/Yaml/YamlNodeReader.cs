using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// Reads YAML text into node trees, one per document, with YamlDotNet's low-level parser (its scanner gives
/// scalar styles, tags and 1-based marks). Anchors are per document, as in go-yaml.
/// </summary>
internal sealed class YamlNodeReader
{
    private IParser _parser;
    private string _text;
    private int _documentsRead;
    private readonly string? _source;
    private Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

    public YamlNodeReader(string text, string? source)
    {
        _source = source;
        // libyaml's reader consumes a byte order mark at the start of the stream; YamlDotNet would keep it as text.
        if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
        CheckFlowDepth(text);
        _text = text;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>
    /// libyaml stops at a flow nesting depth of 10000; YamlDotNet's scanner slows down quadratically long before
    /// it gets there, so deep flow nesting is refused up front. Only text with that many brackets is scanned.
    /// </summary>
    private void CheckFlowDepth(string text)
    {
        var opens = 0;
        foreach (var c in text)
        {
            if (c == '[' || c == '{') opens++;
        }
        if (opens <= MaxDepth) return;
        int depth = 0, line = 1, column = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
            }
            else if (depth > 0 && (c == '"' || c == '\''))
            {
                // Skip a quoted scalar inside flow context.
                for (i++; i < text.Length && text[i] != c; i++)
                {
                    if (c == '"' && text[i] == '\\') i++;
                    else if (text[i] == '\n') { line++; column = 0; }
                }
            }
            else if (c == '[' || c == '{')
            {
                if (++depth > MaxDepth) throw new YamlParseException(_source, line, column, $"exceeded max depth of {MaxDepth}");
            }
            else if ((c == ']' || c == '}') && depth > 0)
            {
                depth--;
            }
        }
    }

    /// <summary>The next document's root (null root for an empty document); false at the end of the stream.</summary>
    public bool TryReadDocument(out YamlNode? root, out int line)
    {
        root = null;
        line = 0;
        try
        {
            while (Next())
            {
                switch (_parser.Current)
                {
                    case StreamStart:
                        continue;
                    case StreamEnd:
                        return false;
                    case DocumentStart ds:
                        _anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                        line = (int)ds.Start.Line;
                        if (!Next()) throw Fail(ds.Start, "unexpected end of stream");
                        if (_parser.Current is DocumentEnd)
                        {
                            _documentsRead++;
                            return true;
                        }
                        root = ReadNode(0);
                        line = root.Line;
                        if (!Next() || _parser.Current is not DocumentEnd) throw Fail(_parser.Current?.Start ?? ds.Start, "did not find expected <document end>");
                        _documentsRead++;
                        return true;
                    default:
                        throw Fail(_parser.Current!.Start, "unexpected " + _parser.Current.GetType().Name);
                }
            }
            return false;
        }
        catch (YamlException ex) when (BlockScalarLeadingLines.TryFix(_text, ex) is { } fixedText)
        {
            // YamlDotNet refused a block scalar that libyaml reads; the same text with that block's leading
            // indentation-only lines emptied means the same to libyaml and is accepted. Read again up to here.
            _text = fixedText;
            _parser = new Parser(new StringReader(fixedText));
            for (var skipped = 0; skipped < _documentsRead && Next();)
            {
                if (_parser.Current is DocumentEnd) skipped++;
            }
            return TryReadDocument(out root, out line);
        }
        catch (YamlException ex)
        {
            // YamlDotNet's scanner throws SyntaxErrorException, its parser SemanticErrorException, as libyaml's kinds,
            // except for the two problems YamlDotNet's parser finds that libyaml's scanner finds.
            var what = CleanMessage(ex.Message);
            var scanner = ex is SyntaxErrorException || what is "mapping values are not allowed in this context" or "found character that cannot start any token";
            var zeroBased = (int)ex.Start.Line - 1;
            throw new YamlParseException(_source, (int)ex.Start.Line, (int)ex.Start.Column, what, ex)
            {
                GoLine = zeroBased <= 0 ? 0 : scanner ? zeroBased + 1 : zeroBased,
            };
        }
        catch (Exception ex) when (ex is not YamlParseException and not InsufficientExecutionStackException)
        {
            // YamlDotNet's scanner occasionally fails with a non-YAML exception on malformed input.
            var mark = _parser.Current?.Start;
            throw new YamlParseException(_source, (int)(mark?.Line ?? 1), (int)(mark?.Column ?? 1),
                "malformed YAML after this point (" + ex.Message + ")", ex);
        }
        catch (InsufficientExecutionStackException ex)
        {
            var mark = _parser.Current?.Start;
            throw new YamlParseException(_source, (int)(mark?.Line ?? 0), (int)(mark?.Column ?? 0), "document is nested too deeply", ex);
        }
    }

    private bool Next() => _parser.MoveNext();

    /// <summary>libyaml's limit on nesting (max_flow_level, max_indents).</summary>
    private const int MaxDepth = 10000;

    private YamlNode ReadNode(int depth)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var ev = _parser.Current!;
        if (depth > MaxDepth) throw Fail(ev.Start, $"exceeded max depth of {MaxDepth}");
        switch (ev)
        {
            case Scalar s:
            {
                var node = NewNode(YamlNodeKind.Scalar, s);
                node.Value = s.Value;
                node.Tag = TagText(s.Tag);
                node.Implicit = (node.Tag.Length == 0 && s.Style == ScalarStyle.Plain) || node.Tag == "!";
                Anchor(s.Anchor, node);
                return node;
            }
            case AnchorAlias a:
            {
                var node = NewNode(YamlNodeKind.Alias, a);
                node.Value = a.Value.Value;
                if (!_anchors.TryGetValue(node.Value, out node.Target))
                {
                    // go-yaml's decoder reports it without a line.
                    throw new YamlParseException(_source, (int)a.Start.Line, (int)a.Start.Column, $"unknown anchor '{node.Value}' referenced") { GoLine = 0 };
                }
                return node;
            }
            case SequenceStart ss:
            {
                var node = NewNode(YamlNodeKind.Sequence, ss);
                node.Tag = TagText(ss.Tag);
                node.Children = new List<YamlNode>();
                Anchor(ss.Anchor, node);
                while (Next() && _parser.Current is not SequenceEnd) node.Children.Add(ReadNode(depth + 1));
                return node;
            }
            case MappingStart ms:
            {
                var node = NewNode(YamlNodeKind.Mapping, ms);
                node.Tag = TagText(ms.Tag);
                node.Children = new List<YamlNode>();
                Anchor(ms.Anchor, node);
                while (Next() && _parser.Current is not MappingEnd)
                {
                    node.Children.Add(ReadNode(depth + 1));
                    if (!Next()) break;
                    node.Children.Add(ReadNode(depth + 1));
                }
                return node;
            }
            default:
                throw Fail(ev.Start, "did not find expected node content");
        }
    }

    private static YamlNode NewNode(YamlNodeKind kind, ParsingEvent ev) =>
        new() { Kind = kind, Line = (int)ev.Start.Line, Column = (int)ev.Start.Column };

    private void Anchor(AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty) _anchors[anchor.Value] = node;
    }

    private static string TagText(TagName tag)
    {
        if (tag.IsEmpty) return "";
        if (tag.IsNonSpecific) return "!";
        return tag.Value;
    }

    /// <summary>A parser-level problem: go-yaml names its 0-based line (none on the first line).</summary>
    private YamlParseException Fail(Mark mark, string what) =>
        new(_source, (int)mark.Line, (int)mark.Column, what) { GoLine = Math.Max(0, (int)mark.Line - 1) };

    /// <summary>YamlDotNet prefixes its messages with the marks; keep the problem, worded like libyaml's.</summary>
    internal static string CleanMessage(string message)
    {
        var text = message;
        if (text.StartsWith("(Line:", StringComparison.Ordinal))
        {
            var cut = text.IndexOf("): ", StringComparison.Ordinal);
            if (cut >= 0) text = text.Substring(cut + 3);
        }
        text = text.Trim();
        if (text.EndsWith('.')) text = text.Substring(0, text.Length - 1);
        // libyaml keeps "while parsing a block mapping" as context; go-yaml prints only the problem.
        if (text.StartsWith("While ", StringComparison.Ordinal))
        {
            var comma = text.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0) text = text.Substring(comma + 2);
        }
        if (text.Length == 0) return "unknown problem parsing YAML content";
        text = char.ToLowerInvariant(text[0]) + text.Substring(1);
        // The few YamlDotNet wordings that differ from libyaml's for the same problem.
        return text switch
        {
            "found invalid mapping" => "mapping values are not allowed in this context",
            "found a tab character that violate indentation" => "found character that cannot start any token",
            _ => text,
        };
    }
}
