using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Charts;

/// <summary>How one write of <see cref="HelmOutputDirectory"/> opens its file.</summary>
public enum OutputWriteMode
{
    /// <summary>Create or truncate: the first document of a manifest or CRD file in this render.</summary>
    Create,
    /// <summary>Append: a later document of a file this render already wrote.</summary>
    Append,
    /// <summary>Append when the file exists, else create: how Helm writes hooks (it checks the disk, not the render).</summary>
    AppendIfExists,
}

/// <summary>One document written under the output directory, as <c>---\n# Source: NAME\nDOCUMENT\n</c>.</summary>
/// <param name="Path">The full path of the file (OUTPUTDIR/CHART/templates/x.yaml).</param>
/// <param name="SourceName">The template name Helm prints in <c># Source:</c>.</param>
/// <param name="Content">The document (or the raw CRD file).</param>
/// <param name="Mode">How the file is opened.</param>
public sealed record OutputFileWrite(string Path, string SourceName, string Content, OutputWriteMode Mode);

/// <summary>
/// <c>helm template --output-dir</c> (Helm 4.1 pkg/action/action.go renderResources and pkg/cmd/template.go): every
/// document goes to OUTPUTDIR/&lt;its template path&gt;, so a subchart's land under CHART/charts/SUB/templates; CRDs
/// (with --include-crds) first, then manifests in install order, then hooks. A file that receives several documents
/// holds them one after another, each with its own <c>---</c> and <c># Source:</c> line.
/// </summary>
public static class HelmOutputDirectory
{
    /// <summary>
    /// The writes for <paramref name="result"/>, in Helm's order. Computing them writes nothing, so a render that
    /// Helm refuses (a document that is not YAML) fails before any file exists. Throws ManifestInvalid.
    /// </summary>
    public static IReadOnlyList<OutputFileWrite> Plan(RenderResult result, string outputDirectory, bool includeHooks = true, bool skipTests = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        var (manifests, hooks) = ManifestSorter.Sort(result.Templates);
        var writes = new List<OutputFileWrite>();
        var written = new HashSet<string>(StringComparer.Ordinal);
        if (result.IncludeCrds)
        {
            foreach (var crd in result.Crds) Add(crd.Path, crd.Content);
        }
        foreach (var m in manifests) Add(m.Path, m.Content);
        if (includeHooks)
        {
            foreach (var h in hooks)
            {
                if (skipTests && h.HookEvents.Contains("test")) continue;
                writes.Add(new OutputFileWrite(FilePath(outputDirectory, h.Path), h.Path, h.Content, OutputWriteMode.AppendIfExists));
            }
        }
        return writes;

        void Add(string name, string content)
        {
            var mode = written.Add(name) ? OutputWriteMode.Create : OutputWriteMode.Append;
            writes.Add(new OutputFileWrite(FilePath(outputDirectory, name), name, content, mode));
        }
    }

    /// <summary>
    /// Performs one write (creating its folder). Returns true when the document was appended to an existing file.
    /// Throws MeshException OutputWriteFailed when the file system refuses.
    /// </summary>
    public static bool Write(OutputFileWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(write.Path)!);
            var append = write.Mode == OutputWriteMode.Append || (write.Mode == OutputWriteMode.AppendIfExists && File.Exists(write.Path));
            using var stream = new FileStream(write.Path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
            // Go writes the string's bytes: text as UTF-8, bytes that were not UTF-8 (GoBytes escapes) as they were.
            stream.Write(Templating.GoBytes.Encode("---\n# Source: " + write.SourceName + "\n" + write.Content + "\n"));
            return append;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeshException(OutputWriteFailed, MeshErrorKind.PermissionDenied,
                $"cannot write {write.Path}: {e.Message}. Choose an output directory you can write to.", write.Path, e);
        }
    }

    /// <summary>The error id when a file under the output directory cannot be written.</summary>
    public const string OutputWriteFailed = "OutputWriteFailed";

    // Helm joins with the OS separator; the template name keeps its '/' (Windows accepts both).
    private static string FilePath(string outputDirectory, string name) =>
        System.IO.Path.GetFullPath(outputDirectory.TrimEnd('/', '\\') + "/" + name);
}
