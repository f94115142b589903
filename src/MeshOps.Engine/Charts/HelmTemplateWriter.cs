namespace MeshOps.Engine.Charts;

/// <summary>Prints a render as <c>helm template</c> prints it to stdout.</summary>
public static class HelmTemplateWriter
{
    /// <summary>
    /// The exact text of <c>helm template</c>: CRDs first (raw, when requested), then manifests in install order, then
    /// hooks, each as <c>---\n# Source: PATH\nDOCUMENT\n</c>. Throws ManifestInvalid when a document is not YAML.
    /// </summary>
    /// <param name="result">The render.</param>
    /// <param name="includeHooks">False for --no-hooks.</param>
    /// <param name="skipTests">True for --skip-tests: hooks of the test event are left out.</param>
    public static string Write(RenderResult result, bool includeHooks = true, bool skipTests = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (manifests, hooks) = ManifestSorter.Sort(result.Templates);
        // The output is gathered as pieces and copied once into the result: a StringBuilder would copy each large
        // document into a chunk of its own size and then again into the string, both large-object-heap allocations.
        var body = new List<string>();
        if (result.IncludeCrds)
        {
            foreach (var crd in result.Crds) AddDocument(body, crd.Path, crd.Content);
        }
        foreach (var m in manifests) AddDocument(body, m.Path, m.Content);
        var tail = new List<string> { "\n" };
        if (includeHooks)
        {
            foreach (var h in hooks)
            {
                if (skipTests && h.HookEvents.Contains("test")) continue;
                AddDocument(tail, h.Path, h.Content);
            }
        }
        return Concat(body, tail);
    }

    private static void AddDocument(List<string> pieces, string path, string content)
    {
        pieces.Add("---\n# Source: ");
        pieces.Add(path);
        pieces.Add("\n");
        pieces.Add(content);
        pieces.Add("\n");
    }

    /// <summary>Go's strings.TrimSpace of the concatenated BODY, then TAIL, as one string.</summary>
    private static string Concat(List<string> body, List<string> tail)
    {
        // Trimmed range of the body: from (first piece, offset) to (last piece, end offset).
        int first = 0, firstStart = 0;
        while (first < body.Count)
        {
            var piece = body[first];
            while (firstStart < piece.Length && ManifestSorter.IsGoSpace(piece[firstStart])) firstStart++;
            if (firstStart < piece.Length) break;
            first++;
            firstStart = 0;
        }
        int last = body.Count - 1, lastEnd = last >= 0 ? body[last].Length : 0;
        while (last >= first)
        {
            var piece = body[last];
            while (lastEnd > (last == first ? firstStart : 0) && ManifestSorter.IsGoSpace(piece[lastEnd - 1])) lastEnd--;
            if (lastEnd > (last == first ? firstStart : 0)) break;
            last--;
            lastEnd = last >= 0 ? body[last].Length : 0;
        }
        var pieces = new List<(string Text, int Start, int Length)>();
        for (var i = first; i <= last; i++)
        {
            var start = i == first ? firstStart : 0;
            var end = i == last ? lastEnd : body[i].Length;
            pieces.Add((body[i], start, end - start));
        }
        foreach (var t in tail) pieces.Add((t, 0, t.Length));
        var length = 0;
        foreach (var p in pieces) length += p.Length;
        return string.Create(length, pieces, static (span, parts) =>
        {
            foreach (var (text, start, count) in parts)
            {
                text.AsSpan(start, count).CopyTo(span);
                span = span[count..];
            }
        });
    }
}
