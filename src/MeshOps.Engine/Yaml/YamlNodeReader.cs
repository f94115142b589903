using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// Reads YAML text into node trees, one per document, with YamlDotNet's low-level parser (its scanner gives
/// scalar styles, tags and 1-based marks). Anchors are per document, as in go-yaml.
/// </summary>
internal sealed class YamlNodeReader
{
    private readonly IParser _parser;
    private readonly string? _source;
    private Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

    public YamlNodeReader(string text, string? source)
    {
        _parser = new Parser(new StringReader(text));
        _source = source;
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
                        if (_parser.Current is DocumentEnd) return true;
                        root = ReadNode();
                        line = root.Line;
                        if (!Next() || _parser.Current is not DocumentEnd) throw Fail(_parser.Current?.Start ?? ds.Start, "did not find expected <document end>");
                        return true;
                    default:
                        throw Fail(_parser.Current!.Start, "unexpected " + _parser.Current.GetType().Name);
                }
            }
            return false;
        }
        catch (YamlException ex)
        {
            throw new YamlParseException(_source, (int)ex.Start.Line, (int)ex.Start.Column, CleanMessage(ex.Message), ex);
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

    private YamlNode ReadNode()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var ev = _parser.Current!;
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
                    throw Fail(a.Start, $"unknown anchor '{node.Value}' referenced");
                }
                return node;
            }
            case SequenceStart ss:
            {
                var node = NewNode(YamlNodeKind.Sequence, ss);
                node.Tag = TagText(ss.Tag);
                node.Children = new List<YamlNode>();
                Anchor(ss.Anchor, node);
                while (Next() && _parser.Current is not SequenceEnd) node.Children.Add(ReadNode());
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
                    node.Children.Add(ReadNode());
                    if (!Next()) break;
                    node.Children.Add(ReadNode());
                }
                return node;
            }
            default:
                throw Fail(ev.Start, "unexpected " + ev.GetType().Name);
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

    private YamlParseException Fail(Mark mark, string what) => new(_source, (int)mark.Line, (int)mark.Column, what);

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
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text.Substring(1) : "unknown problem parsing YAML content";
    }
}
