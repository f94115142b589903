using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// toYamlPretty prints with go-yaml v3 and an indent of 2, which differs from toYaml (sigs.k8s.io/yaml, go-yaml v2)
/// mainly in that a sequence under a mapping key is indented. We derive it from toYaml's text by shifting such
/// sequences right by two columns.
/// </summary>
internal static class YamlPretty
{
    public static string Reindent(string yaml)
    {
        var lines = yaml.Split('\n');
        var shifts = new int[lines.Length];
        // Each open shifted sequence: (indent of its "- " items in the original text, extra columns).
        var open = new Stack<(int Indent, int Extra)>();
        var extra = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                shifts[i] = 0;
                continue;
            }
            var indent = line.Length - line.TrimStart(' ').Length;
            var isItem = line.AsSpan(indent).StartsWith("- ") || line.AsSpan(indent).SequenceEqual("-");
            // Close sequences that this line is outside of.
            while (open.Count > 0 && (indent < open.Peek().Indent || indent == open.Peek().Indent && !isItem))
            {
                open.Pop();
                extra = open.Count > 0 ? open.Peek().Extra : 0;
            }
            shifts[i] = extra;
            // A key with no inline value followed by a sequence at the same indent opens a shifted sequence.
            if (i + 1 < lines.Length && IsBareKey(line, indent))
            {
                var next = lines[i + 1];
                var nextIndent = next.Length - next.TrimStart(' ').Length;
                var keyColumn = KeyColumn(line, indent);
                if (nextIndent == keyColumn && next.AsSpan(nextIndent).StartsWith("-"))
                {
                    extra += 2;
                    open.Push((nextIndent, extra));
                }
            }
        }
        var sb = new StringBuilder(yaml.Length + 64);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) sb.Append('\n');
            if (lines[i].Length > 0) sb.Append(' ', shifts[i]);
            sb.Append(lines[i]);
        }
        return sb.ToString();
    }

    // "key:" or "- key:" with nothing after the colon.
    private static bool IsBareKey(string line, int indent) => line.EndsWith(':') && !line.AsSpan(indent).StartsWith("- -");

    private static int KeyColumn(string line, int indent)
    {
        var col = indent;
        while (line.AsSpan(col).StartsWith("- ")) col += 2;
        return col;
    }
}
