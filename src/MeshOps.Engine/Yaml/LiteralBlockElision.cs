using System.Text;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// A faster way to read documents with large literal block scalars (a ConfigMap holding whole files, such as Istio's
/// injection templates): YamlDotNet scans block scalar content character by character, which was most of the time
/// spent reading rendered manifests. Each simple <c>key: |-</c> or <c>key: |</c> block is replaced by a one-line
/// placeholder before parsing, and its value, computed here, is put back into the parsed tree.
/// <para>
/// Only blocks whose value is certain are replaced: a plain key, no indentation indicator, the first line indented
/// deeper than the key, every line either empty or indented at least as deep, printable characters only. The parse
/// must then show a literal scalar with the placeholder's value at each header; otherwise, or when the shortened text
/// fails to parse or decode, the caller reads the original text (so errors and their positions are the original's).
/// </para>
/// </summary>
internal sealed class LiteralBlockElision
{
    private const string Placeholder = "x";

    private readonly List<Block> _blocks;

    private LiteralBlockElision(string text, List<Block> blocks)
    {
        Text = text;
        _blocks = blocks;
    }

    /// <summary>The document with each replaced block's content shortened to the placeholder line.</summary>
    public string Text { get; }

    /// <summary>One replaced block: where its header's "|" is in <see cref="Text"/> (1-based), what the parse must show there, its real value.</summary>
    private sealed record Block(int Line, int Column, string PlaceholderValue, string Value);

    /// <summary>The shortened document, or null when TEXT has no block worth replacing or one that cannot be replaced safely.</summary>
    public static LiteralBlockElision? TryCreate(string text)
    {
        // Cheap test first: most documents have no block scalar at all.
        if (text.IndexOf(": |", StringComparison.Ordinal) < 0) return null;
        var blocks = new List<Block>();
        var output = new StringBuilder();
        var outputLine = 1;
        var pos = 0;
        while (pos < text.Length)
        {
            var (lineEnd, next) = LineAt(text, pos);
            output.Append(text, pos, next - pos);
            if (TryReadHeader(text, pos, lineEnd, out var keyColumn, out var pipeColumn, out var chomp))
            {
                switch (TryReadContent(text, next, keyColumn, chomp, out var value, out var contentEnd, out var indent, out var endsWithBreak))
                {
                    case Content.Unsafe:
                        return null;
                    case Content.Replaced:
                        output.Append(' ', indent).Append(Placeholder);
                        if (endsWithBreak) output.Append('\n');
                        blocks.Add(new Block(outputLine, pipeColumn + 1, chomp == '-' ? Placeholder : Placeholder + "\n", value));
                        outputLine += 2;
                        pos = contentEnd;
                        continue;
                }
            }
            outputLine++;
            pos = next;
        }
        return blocks.Count == 0 ? null : new LiteralBlockElision(output.ToString(), blocks);
    }

    /// <summary>
    /// Puts the real values into ROOT, the parse of <see cref="Text"/>; false when the parse does not show a literal
    /// scalar with the placeholder's value at every replaced header (the header was not what it looked like).
    /// </summary>
    public bool TryRestore(YamlNode root)
    {
        var byPosition = new Dictionary<(int, int), Block>();
        foreach (var b in _blocks) byPosition[(b.Line, b.Column)] = b;
        var found = new List<(YamlNode Node, Block Block)>();
        var pending = new Stack<YamlNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node.Children != null)
            {
                foreach (var child in node.Children) pending.Push(child);
                continue;
            }
            if (node.Kind == YamlNodeKind.Scalar && byPosition.Remove((node.Line, node.Column), out var block))
            {
                if (node.Implicit || node.Tag.Length != 0 || node.Value != block.PlaceholderValue) return false;
                found.Add((node, block));
            }
        }
        if (byPosition.Count != 0) return false;
        foreach (var (node, block) in found) node.Value = block.Value;
        return true;
    }

    private enum Content { NotReplaced, Replaced, Unsafe }

    /// <summary>The end of the line starting at START (before its '\n') and the start of the next line.</summary>
    private static (int End, int Next) LineAt(string text, int start)
    {
        var newline = text.IndexOf('\n', start);
        return newline < 0 ? (text.Length, text.Length) : (newline, newline + 1);
    }

    /// <summary>
    /// Whether TEXT[START..END) is <c>INDENT ("- ")* KEY ": |" CHOMP? SPACES</c> with a plain KEY; its column, the
    /// column of "|" (0-based) and the chomping indicator (' ' for none).
    /// </summary>
    private static bool TryReadHeader(string text, int start, int end, out int keyColumn, out int pipeColumn, out char chomp)
    {
        keyColumn = pipeColumn = 0;
        chomp = ' ';
        var i = start;
        while (i < end && text[i] == ' ') i++;
        while (i + 1 < end && text[i] == '-' && text[i + 1] == ' ')
        {
            i += 2;
            while (i < end && text[i] == ' ') i++;
        }
        var keyStart = i;
        while (i < end && IsPlainKeyChar(text[i])) i++;
        // A key starting with "-" could be read as a sequence entry; leave such lines to the parser.
        if (i == keyStart || text[keyStart] == '-' || i + 1 >= end || text[i] != ':' || text[i + 1] != ' ') return false;
        i++;
        while (i < end && text[i] == ' ') i++;
        if (i >= end || text[i] != '|') return false;
        pipeColumn = i - start;
        i++;
        if (i < end && text[i] is '-' or '+') chomp = text[i++];
        while (i < end && text[i] == ' ') i++;
        keyColumn = keyStart - start;
        return i == end;
    }

    private static bool IsPlainKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/';

    /// <summary>
    /// Reads the block after a header: Replaced with its value, the end of its last non-empty line (after the line
    /// break, if any), its indentation and whether that line ended with a break; NotReplaced when the block is
    /// empty; Unsafe when its value is not certain (the parser decides then, on the whole original text).
    /// </summary>
    private static Content TryReadContent(string text, int start, int keyColumn, char chomp, out string value, out int contentEnd, out int indent,
        out bool endsWithBreak)
    {
        value = "";
        contentEnd = start;
        indent = 0;
        endsWithBreak = false;
        if (chomp == '+') return Content.Unsafe;
        if (start >= text.Length) return Content.NotReplaced;
        var (firstEnd, _) = LineAt(text, start);
        indent = Indentation(text, start, firstEnd);
        // Leading empty lines and first lines not deeper than the key change how the parser finds the indentation.
        if (indent == firstEnd - start || indent <= keyColumn) return indent <= keyColumn && indent < firstEnd - start ? Content.NotReplaced : Content.Unsafe;
        // Lines as (start, end) of their content; an empty line (blanks up to the indentation) is (end, end).
        var lines = new List<(int Start, int End)>();
        var lastNonEmpty = -1;
        var pos = start;
        while (pos < text.Length)
        {
            var (end, next) = LineAt(text, pos);
            var spaces = Indentation(text, pos, end);
            if (spaces == end - pos && spaces <= indent)
            {
                lines.Add((end, end));
            }
            else
            {
                if (spaces < indent) break;
                if (!IsSafe(text, pos + indent, end)) return Content.Unsafe;
                lastNonEmpty = lines.Count;
                lines.Add((pos + indent, end));
            }
            pos = next;
        }
        var last = lines[lastNonEmpty];
        endsWithBreak = last.End < text.Length;
        // Clip keeps the final line break, which the original has only when the line ends with one.
        if (chomp == ' ' && !endsWithBreak) return Content.Unsafe;
        var kept = lines.GetRange(0, lastNonEmpty + 1);
        var length = kept.Sum(l => l.End - l.Start) + lastNonEmpty + (chomp == ' ' ? 1 : 0);
        value = string.Create(length, (text, kept), static (span, state) =>
        {
            for (var i = 0; i < state.kept.Count; i++)
            {
                if (i > 0)
                {
                    span[0] = '\n';
                    span = span[1..];
                }
                var (s, e) = state.kept[i];
                state.text.AsSpan(s, e - s).CopyTo(span);
                span = span[(e - s)..];
            }
            if (span.Length == 1) span[0] = '\n';
        });
        contentEnd = endsWithBreak ? last.End + 1 : last.End;
        return Content.Replaced;
    }

    private static int Indentation(string text, int start, int end)
    {
        var i = start;
        while (i < end && text[i] == ' ') i++;
        return i - start;
    }

    /// <summary>
    /// Whether TEXT[START..END) has only characters every YAML reader takes as themselves: printable ASCII and
    /// Unicode letters outside the special ranges (no tabs, CR, NEL, line or paragraph separators, BOM, surrogates).
    /// </summary>
    private static bool IsSafe(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        while (true)
        {
            var i = span.IndexOfAnyExceptInRange(' ', '~');
            if (i < 0) return true;
            var c = span[i];
            if (c < '\u00A0' || c is '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c) || c > '\uFFFD') return false;
            span = span[(i + 1)..];
        }
    }
}
