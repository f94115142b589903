using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using MeshOps.Engine.Limits;

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
        CheckCharacters(text);
        CheckFlowDepth(text);
        _text = text;
        _parser = new Parser(new StringReader(text));
    }

    /// <summary>
    /// libyaml's reader refuses, before anything is parsed, bytes that are not UTF-8 (Helm: a template that prints a
    /// binary file's bytes, which our text carries as GoBytes escapes) and characters outside YAML's printable set
    /// (DEL, C1 controls, U+FFFE...). The first problem is reported in the reader's words, without a line, as go-yaml
    /// reports reader errors. Mostly printable ASCII, so the scan starts at the first other character.
    /// </summary>
    private void CheckCharacters(string text)
    {
        var from = text.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (from < 0) return;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= ' ' and <= '~' or '\t' or '\n' or '\r' or '\u0085' or >= '\u00A0' and <= '\uD7FF' or >= '\uE000' and <= '\uFFFD') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            var problem = Templating.GoBytes.IsEscape(text, i) ? Utf8Problem(Templating.GoBytes.Encode(text.Substring(i))) : "control characters are not allowed";
            throw new YamlParseException(_source, 0, 0, problem) { GoLine = 0 };
        }
    }

    /// <summary>libyaml's complaint about the UTF-8 sequence that starts BYTES (which is not valid).</summary>
    private static string Utf8Problem(byte[] bytes)
    {
        var b = bytes[0];
        var width = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
        if (width == 0) return "invalid leading UTF-8 octet";
        if (width > bytes.Length) return "incomplete UTF-8 octet sequence";
        var value = width == 2 ? b & 0x1F : width == 3 ? b & 0x0F : b & 0x07;
        for (var k = 1; k < width; k++)
        {
            if ((bytes[k] & 0xC0) != 0x80) return "invalid trailing UTF-8 octet";
            value = (value << 6) + (bytes[k] & 0x3F);
        }
        if ((width == 2 && value < 0x80) || (width == 3 && value < 0x800) || (width == 4 && value < 0x10000)) return "invalid length of a UTF-8 sequence";
        return "invalid Unicode character";
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
                if (++depth > MaxDepth) throw TooDeep(line, column);
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
            throw new YamlParseException(_source, (int)(mark?.Line ?? 0), (int)(mark?.Column ?? 0), "document is nested too deeply", ex,
                YamlParseException.NestingTooDeepId, Hosting.MeshErrorKind.LimitsExceeded);
        }
    }

    private bool Next() => _parser.MoveNext();

    /// <summary>
    /// libyaml stops at 10000 levels (max_flow_level, max_indents); every walk over the values read here recurses
    /// once per level, so the engine stops earlier (EngineLimits).
    /// </summary>
    private const int MaxDepth = EngineLimits.MaxValueDepth;

    private YamlParseException TooDeep(int line, int column) =>
        new(_source, line, column, $"exceeded max depth of {MaxDepth}: maps and lists nest more than {MaxDepth} levels deep (MeshOps' limit); flatten the document",
            null, YamlParseException.NestingTooDeepId, Hosting.MeshErrorKind.LimitsExceeded);

    private YamlNode ReadNode(int depth)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var ev = _parser.Current!;
        if (depth > MaxDepth) throw TooDeep((int)ev.Start.Line, (int)ev.Start.Column);
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
