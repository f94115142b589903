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
        var body = new StringBuilder();
        if (result.IncludeCrds)
        {
            foreach (var crd in result.Crds) AppendDocument(body, crd.Path, crd.Content);
        }
        foreach (var m in manifests) AppendDocument(body, m.Path, m.Content);

        var output = new StringBuilder();
        output.Append(ManifestSorter.GoTrimSpace(body.ToString())).Append('\n');
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

    private static void AppendDocument(StringBuilder sb, string path, string content) =>
        sb.Append("---\n# Source: ").Append(path).Append('\n').Append(content).Append('\n');
}
