namespace MeshOps.Engine.Charts;

/// <summary>
/// Reads a chart directory as Helm's LoadDir does: depth-first, names sorted bytewise in each directory,
/// .helmignore applied (plus templates/.?*), UTF-8 BOM removed. Symbolic links are followed only when they stay
/// inside the chart directory.
/// </summary>
internal static class ChartDirectoryReader
{
    public static List<ChartFile> Read(string root)
    {
        var rules = HelmIgnore.Empty();
        var ignoreFile = Path.Combine(root, HelmIgnore.FileName);
        if (File.Exists(ignoreFile))
        {
            try
            {
                rules = HelmIgnore.Parse(File.ReadAllText(ignoreFile));
            }
            catch (FormatException e)
            {
                throw ChartErrors.Invalid(ignoreFile, $"{ignoreFile}: {e.Message}. Fix the rule in .helmignore.", e);
            }
        }
        rules.AddDefaults();

        var files = new List<ChartFile>();
        var rootFull = Path.GetFullPath(root);
        Walk(rootFull, rootFull, "", rules, files, new HashSet<string>(StringComparer.Ordinal) { rootFull });
        return files;
    }

    private static void Walk(string rootFull, string dir, string relative, HelmIgnore rules, List<ChartFile> files, HashSet<string> active)
    {
        var entries = new DirectoryInfo(dir).GetFileSystemInfos();
        Array.Sort(entries, (a, b) => Utf8Ordinal.Compare(a.Name, b.Name));
        foreach (var entry in entries)
        {
            var rel = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            FileSystemInfo target = entry;
            if (entry.LinkTarget != null)
            {
                var resolved = entry.ResolveLinkTarget(returnFinalTarget: true);
                if (resolved is null || !resolved.Exists || !IsInside(rootFull, resolved.FullName))
                    throw ChartErrors.Invalid(entry.FullName, $"The chart file '{rel}' is a symbolic link that points outside the chart directory (or nowhere); replace it with the file itself.");
                target = resolved;
            }
            var isDir = target is DirectoryInfo;
            if (rules.Ignore(rel, isDir)) continue;
            if (isDir)
            {
                // A folder where a chart's Chart.yaml belongs (Helm then says "Chart.yaml file is missing").
                if (entry.Name == "Chart.yaml" && IsChartRoot(relative))
                    throw Hosting.PathErrors.IsDirectory(entry.FullName, "a chart's Chart.yaml");
                // A link back to a folder being walked would recurse forever.
                if (!active.Add(target.FullName))
                    throw ChartErrors.Invalid(entry.FullName, $"The chart folder '{rel}' links back to a folder that contains it; remove the symbolic link.");
                Walk(rootFull, target.FullName, rel, rules, files, active);
                active.Remove(target.FullName);
                continue;
            }
            var file = (FileInfo)target;
            if ((file.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0 && entry.LinkTarget == null)
                throw ChartErrors.Invalid(entry.FullName, $"cannot load irregular file {entry.FullName} as it has file mode type bits set");
            if (file.Length > ChartLoader.MaxFileSize)
                throw ChartErrors.TooLarge(entry.FullName, $"chart file \"{entry.Name}\" is larger than the maximum file size {ChartLoader.MaxFileSize}");
            files.Add(new ChartFile(rel, Bom.Strip(File.ReadAllBytes(file.FullName))));
        }
    }

    /// <summary>True for the chart's own folder ("") and for subchart folders (charts/NAME, charts/NAME/charts/SUB).</summary>
    private static bool IsChartRoot(string relative)
    {
        if (relative.Length == 0) return true;
        var parts = relative.Split('/');
        return parts.Length % 2 == 0 && parts.Where((p, i) => i % 2 == 0).All(p => p == "charts");
    }

    private static bool IsInside(string root, string path)
    {
        var rel = Path.GetRelativePath(root, path);
        return rel != ".." && !rel.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(rel);
    }
}

/// <summary>Go's byte-wise string order (UTF-8), which differs from UTF-16 ordinal order only for supplementary characters.</summary>
internal static class Utf8Ordinal
{
    public static int Compare(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y) continue;
            // Surrogates (U+D800-DFFF) encode code points above U+FFFF, which sort after U+E000-FFFF in UTF-8.
            var xs = char.IsSurrogate(x);
            var ys = char.IsSurrogate(y);
            if (xs != ys) return xs ? (y >= '\uE000' ? 1 : x - y) : (x >= '\uE000' ? -1 : x - y);
            return x - y;
        }
        return a.Length - b.Length;
    }
}

/// <summary>Removes a UTF-8 byte order mark, as Helm does for every chart file.</summary>
internal static class Bom
{
    public static byte[] Strip(byte[] data) =>
        data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? data[3..] : data;
}
