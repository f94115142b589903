using YamlDotNet.Core;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// Where YamlDotNet and libyaml (go-yaml, so Helm) disagree on a block scalar's leading lines. YamlDotNet refuses a
/// literal block whose first line holds two or more spaces and nothing else ("found extra spaces in first line", the
/// YAML test suite's W9L4) and a folded block with leading lines deeper than its first content line ("found more
/// spaces in lines above first content line", S98Z). libyaml's yaml_parser_scan_block_scalar_breaks reads both: with
/// no indentation indicator it skips every space of a line that holds nothing else, so those lines mean only their
/// line breaks and, through the deepest of them, the block's indentation; when that is deeper than the first content
/// line the block is empty and ends before it.
/// <para>
/// <see cref="TryFix"/> says the same in a form YamlDotNet accepts: the block's leading lines emptied, plus an
/// indentation indicator deeper than the content when the block ends before it. The text keeps its lines, so later
/// positions stand, and the reader reads again. A first line under an explicit indentation indicator (where its extra
/// spaces are content) is left to the error.
/// </para>
/// </summary>
internal static class BlockScalarLeadingLines
{
    private const string LiteralRefusal = "found extra spaces in first line";
    private const string FoldedRefusal = "found more spaces in lines above first content line";

    /// <summary>The text with the refused block's leading lines emptied, or null when EX is another problem or cannot be fixed so.</summary>
    public static string? TryFix(string text, YamlException ex)
    {
        if (!ex.Message.Contains(LiteralRefusal, StringComparison.Ordinal) && !ex.Message.Contains(FoldedRefusal, StringComparison.Ordinal)) return null;
        // YamlDotNet stops at the first content line: Start is its beginning, End its first non-space character.
        var contentLine = (int)ex.End.Line;
        var contentColumn = (int)ex.End.Column - 1;
        var starts = LineStarts(text);
        if (contentLine < 2 || contentLine > starts.Count) return null;
        var (_, contentLength) = Line(text, starts, contentLine);
        // Spaces after the stop: the first line itself is content, past an indentation indicator.
        if (IsSpacesOnly(text, starts, contentLine) && contentLength > contentColumn) return null;
        // The leading lines run up from the content line to the header, the first line that is not spaces only.
        var first = contentLine;
        while (first > 1 && IsSpacesOnly(text, starts, first - 1)) first--;
        if (first == contentLine || first < 2) return null;
        var deepest = 0;
        for (var line = first; line < contentLine; line++) deepest = Math.Max(deepest, Line(text, starts, line).Length);
        var result = new System.Text.StringBuilder(text.Length + 1);
        var copied = 0;
        // At the end of the text nothing follows that the block could end before.
        var atEnd = starts[contentLine - 1] + contentLength == text.Length;
        if (deepest > contentColumn && !atEnd)
        {
            // Deeper than the content: libyaml's block is empty and ends before the content. An indentation
            // indicator deeper than the content says the same without deep leading lines. It counts from the
            // parent's indentation, which is at least the header line's.
            var (headerStart, headerLength) = Line(text, starts, first - 1);
            var indicator = IndicatorEnd(text, headerStart, headerLength);
            var headerIndent = 0;
            while (headerIndent < headerLength && text[headerStart + headerIndent] == ' ') headerIndent++;
            var digit = Math.Max(1, contentColumn - headerIndent + 1);
            if (indicator < 0 || digit > 9) return null;
            result.Append(text, 0, indicator).Append((char)('0' + digit));
            copied = indicator;
        }
        for (var line = first; line < contentLine; line++)
        {
            var (start, length) = Line(text, starts, line);
            result.Append(text, copied, start - copied);
            copied = start + length;
        }
        return result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The index just past a block scalar header's "|" or "&gt;" and chomping indicator on the header line, or -1 when
    /// the line does not end in such a header without an indentation indicator (an optional comment may follow).
    /// </summary>
    private static int IndicatorEnd(string text, int start, int length)
    {
        for (var i = start + length - 1; i >= start; i--)
        {
            if (text[i] != '|' && text[i] != '>') continue;
            if (i > start && text[i - 1] != ' ' && text[i - 1] != ':' && text[i - 1] != '-' && text[i - 1] != '?') continue;
            var j = i + 1;
            if (j < start + length && (text[j] == '-' || text[j] == '+')) j++;
            var k = j;
            while (k < start + length && text[k] == ' ') k++;
            if (k == start + length || (text[k] == '#' && k > j)) return j;
        }
        return -1;
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
            else if (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) starts.Add(i + 1);
        }
        return starts;
    }

    /// <summary>1-based line's start and its length without the line break.</summary>
    private static (int Start, int Length) Line(string text, List<int> starts, int line)
    {
        var start = starts[line - 1];
        var end = line < starts.Count ? starts[line] : text.Length;
        while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r')) end--;
        return (start, end - start);
    }

    private static bool IsSpacesOnly(string text, List<int> starts, int line)
    {
        var (start, length) = Line(text, starts, line);
        for (var i = 0; i < length; i++)
        {
            if (text[start + i] != ' ') return false;
        }
        return true;
    }
}
