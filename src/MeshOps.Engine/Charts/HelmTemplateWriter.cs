using System.Text;

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
        // Built and trimmed in place: the body of a large chart is a large-object-heap string, not worth copying twice.
        var output = new StringBuilder();
        if (result.IncludeCrds)
        {
            foreach (var crd in result.Crds) AppendDocument(output, crd.Path, crd.Content);
        }
        foreach (var m in manifests) AppendDocument(output, m.Path, m.Content);
        GoTrimSpace(output);
        output.Append('\n');
        if (includeHooks)
        {
            foreach (var h in hooks)
            {
                if (skipTests && h.HookEvents.Contains("test")) continue;
                AppendDocument(output, h.Path, h.Content);
            }
        }
        return output.ToString();
    }

    /// <summary>Go's strings.TrimSpace applied to the whole builder.</summary>
    private static void GoTrimSpace(StringBuilder sb)
    {
        var end = sb.Length;
        while (end > 0 && ManifestSorter.IsGoSpace(sb[end - 1])) end--;
        sb.Length = end;
        var start = 0;
        while (start < end && ManifestSorter.IsGoSpace(sb[start])) start++;
        sb.Remove(0, start);
    }

    private static void AppendDocument(StringBuilder sb, string path, string content) =>
        sb.Append("---\n# Source: ").Append(path).Append('\n').Append(content).Append('\n');
}
