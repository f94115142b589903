using System.Text;

namespace MeshOps.Engine.Charts;

/// <summary>
/// A string-slice flag value as pflag reads it (helm's <c>--api-versions</c>): the first record of the text read as
/// CSV by Go's encoding/csv, so "a/v1,b/v1" gives two entries, "\"a,b\"" one, and an empty text none.
/// </summary>
public static class HelmStringSlice
{
    /// <summary>
    /// The API versions of repeated <c>--api-versions</c> values, in order (duplicates kept, as helm keeps them).
    /// Throws MeshException <see cref="ChartErrors.ApiVersionsInvalid"/> for a value encoding/csv refuses.
    /// </summary>
    public static IReadOnlyList<string> ApiVersions(IEnumerable<string> values)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            try
            {
                result.AddRange(Split(value));
            }
            catch (FormatException e)
            {
                throw new Hosting.MeshException(ChartErrors.ApiVersionsInvalid, Hosting.MeshErrorKind.InvalidArgument,
                    $"invalid API versions {Templating.GoQuote.Quote(value)}: {e.Message}; separate versions with commas, " +
                    "and quote a version holding a comma or a quote as CSV does (\"a,b\", a doubled \"\" inside)", value, e);
            }
        }
        return result;
    }

    /// <summary>The entries of one flag value; throws <see cref="FormatException"/> with encoding/csv's message.</summary>
    public static IReadOnlyList<string> Split(string value)
    {
        if (value.Length == 0) return Array.Empty<string>();
        var lines = value.Replace("\r\n", "\n").Split('\n');
        var lineNo = 0;
        // encoding/csv skips empty lines before a record.
        while (lineNo < lines.Length - 1 && lines[lineNo].Length == 0) lineNo++;
        if (lineNo > 0 && lines[lineNo].Length == 0) throw new FormatException("EOF"); // only newlines: no record
        var startLine = lineNo;
        var line = lines[lineNo];
        var fields = new List<string>();
        var pos = 0;
        while (true)
        {
            if (pos >= line.Length || line[pos] != '"')
            {
                var end = line.IndexOf(',', pos);
                var field = end < 0 ? line[pos..] : line[pos..end];
                var quote = field.IndexOf('"');
                if (quote >= 0) throw Error(startLine, lineNo, line, pos + quote, "bare \" in non-quoted-field");
                fields.Add(field);
                if (end < 0) return fields;
                pos = end + 1;
                continue;
            }

            var text = new StringBuilder();
            pos++;
            while (true)
            {
                var q = line.IndexOf('"', pos);
                if (q < 0)
                {
                    // The quoted field goes on to the next line, keeping the newline.
                    text.Append(line, pos, line.Length - pos);
                    if (lineNo + 1 >= lines.Length) throw Error(startLine, lineNo, line, line.Length, "extraneous or missing \" in quoted-field");
                    text.Append('\n');
                    line = lines[++lineNo];
                    pos = 0;
                    continue;
                }
                text.Append(line, pos, q - pos);
                if (q + 1 < line.Length && line[q + 1] == '"')
                {
                    text.Append('"');
                    pos = q + 2;
                    continue;
                }
                if (q + 1 < line.Length && line[q + 1] != ',')
                    throw Error(startLine, lineNo, line, q, "extraneous or missing \" in quoted-field");
                fields.Add(text.ToString());
                if (q + 1 >= line.Length) return fields;
                pos = q + 2;
                break;
            }
        }
    }

    // csv.ParseError's text: lines count from 1, the column is the 1-based byte offset in its line.
    private static FormatException Error(int startLine, int lineNo, string line, int index, string what)
    {
        var column = Encoding.UTF8.GetByteCount(line.AsSpan(0, index)) + 1;
        return new FormatException(startLine == lineNo
            ? $"parse error on line {lineNo + 1}, column {column}: {what}"
            : $"record on line {startLine + 1}; parse error on line {lineNo + 1}, column {column}: {what}");
    }
}
