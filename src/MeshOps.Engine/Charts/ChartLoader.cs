using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Charts;

/// <summary>Loads a chart from a directory or a .tgz/.tar.gz archive as Helm's loader does.</summary>
public static class ChartLoader
{
    /// <summary>Helm's MaxDecompressedFileSize: the largest single file (5 MiB).</summary>
    public const long MaxFileSize = 5L * 1024 * 1024;

    /// <summary>Helm's MaxDecompressedChartSize: the most an archive may expand to (100 MiB).</summary>
    public const long MaxChartSize = 100L * 1024 * 1024;

    /// <summary>
    /// Loads the chart at <paramref name="path"/> (a directory honouring .helmignore, or a gzipped tar archive).
    /// Throws MeshException ChartNotFound, ChartInvalid, ChartArchiveInvalid (an empty, corrupt or non-gzip archive,
    /// also as a subchart) or ChartTooLarge.
    /// </summary>
    public static Chart Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) return CheckApiVersion(LoadFiles(ChartDirectoryReader.Read(full), full));
        if (File.Exists(full))
        {
            using var stream = File.OpenRead(full);
            ChartArchiveSniffer.EnsureArchive(full, stream);
            List<ChartFile> files;
            try
            {
                files = ChartArchiveReader.Read(stream, full);
            }
            catch (ChartArchiveFormatException e)
            {
                // Helm keeps the detail only for a bad gzip header; the file name and the detail help either way.
                throw ChartErrors.ArchiveInvalid(full, e.BadHeader
                    ? $"file '{full}' does not appear to be a valid chart file (details: {e.Message})"
                    : $"unable to load chart archive '{full}': {e.Message}. Package the chart again (helm package) or give its folder.", e);
            }
            return CheckApiVersion(LoadFiles(files, full));
        }
        throw ChartErrors.NotFound(path, $"Chart path '{path}' was not found. Give the path of a chart directory (with Chart.yaml) or of a chart archive (.tgz).");
    }

    /// <summary>
    /// Helm 4.1's top-level loader: apiVersion v1 (or none) and v2 load as charts v2; v3 loads but `helm template`
    /// refuses it ("invalid chart apiVersion"); anything else is "unsupported chart version".
    /// </summary>
    private static Chart CheckApiVersion(Chart chart)
    {
        var where = Combine(chart.Source, "Chart.yaml");
        return chart.Metadata.ApiVersion switch
        {
            "v1" or "v2" => chart,
            "v3" => throw ChartErrors.Invalid(where,
                $"invalid chart apiVersion: {where} says apiVersion v3, which Helm 4.1 does not install or template. Use apiVersion v2."),
            var other => throw ChartErrors.Invalid(where,
                $"unsupported chart version: {where} says apiVersion \"{other}\". Use apiVersion v2."),
        };
    }

    /// <summary>Builds a chart from files named relative to its root, as Helm's LoadFiles does.</summary>
    internal static Chart LoadFiles(IReadOnlyList<ChartFile> files, string source)
    {
        ChartMetadata? metadata = null;
        foreach (var f in files)
        {
            if (f.Name != "Chart.yaml") continue;
            metadata = ReadMetadata(f, source, null, "Chart.yaml");
            if (metadata.ApiVersion.Length == 0) metadata = metadata.WithApiVersion("v1");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        byte[]? schema = null;
        var templates = new List<ChartFile>();
        var other = new List<ChartFile>();
        var subcharts = new Dictionary<string, List<ChartFile>>(StringComparer.Ordinal);
        var subchartOrder = new List<string>();
        foreach (var f in files)
        {
            switch (f.Name)
            {
                case "Chart.yaml":
                case "Chart.lock":
                case "requirements.lock" when metadata?.ApiVersion != "v1":
                    continue;
                case "requirements.lock":
                    other.Add(f);
                    continue;
                case "values.yaml":
                    values = ChartValuesReader.ReadValuesFile(f.Text, Combine(source, f.Name), isUserFile: false);
                    continue;
                case "values.schema.json":
                    schema = f.Data;
                    continue;
                case "requirements.yaml":
                    metadata = ReadMetadata(f, source, metadata ?? new ChartMetadata(), "requirements.yaml");
                    if (metadata.ApiVersion == "v1") other.Add(f);
                    continue;
            }
            if (f.Name.StartsWith("templates/", StringComparison.Ordinal))
            {
                templates.Add(f);
            }
            else if (f.Name.StartsWith("charts/", StringComparison.Ordinal))
            {
                if (System.IO.Path.GetExtension(f.Name) == ".prov") { other.Add(f); continue; }
                var rest = f.Name["charts/".Length..];
                var slash = rest.IndexOf('/');
                var childName = slash < 0 ? rest : rest[..slash];
                if (!subcharts.TryGetValue(childName, out var list))
                {
                    subcharts[childName] = list = new List<ChartFile>();
                    subchartOrder.Add(childName);
                }
                list.Add(new ChartFile(rest, f.Data));
            }
            else
            {
                other.Add(f);
            }
        }

        if (metadata is null) throw ChartErrors.Invalid(source, $"Chart.yaml file is missing in '{source}'. A chart needs a Chart.yaml with apiVersion, name and version.");
        try
        {
            metadata = metadata.Validated();
        }
        catch (InvalidDataException e)
        {
            throw ChartErrors.Invalid(source, $"{Combine(source, "Chart.yaml")}: {e.Message}. Fix Chart.yaml.", e);
        }

        var chart = new Chart(metadata, values, schema, templates, other, source);
        // Helm visits subcharts in Go map order (random); ours follows the order the files came in.
        foreach (var childName in subchartOrder)
        {
            if (childName.IndexOfAny(new[] { '_', '.' }) == 0) continue;
            var childFiles = subcharts[childName];
            var childSource = Combine(source, "charts/" + childName);
            Chart child;
            if (System.IO.Path.GetExtension(childName) == ".tgz")
            {
                var archive = childFiles[0];
                if (archive.Name != childName)
                    throw ChartErrors.Invalid(childSource, $"error unpacking subchart tar in {metadata.Name}: expected {childName}, got {archive.Name}");
                using var stream = new MemoryStream(archive.Data, writable: false);
                List<ChartFile> archived;
                try
                {
                    archived = ChartArchiveReader.Read(stream, childSource);
                }
                catch (ChartArchiveFormatException e)
                {
                    throw ChartErrors.ArchiveInvalid(childSource,
                        $"error unpacking subchart {childName} in {metadata.Name}: {e.Message} ({childSource}). Replace the archive (helm dependency build) or unpack it into charts/.", e);
                }
                child = LoadFiles(archived, childSource);
            }
            else
            {
                var inner = new List<ChartFile>();
                foreach (var cf in childFiles)
                {
                    var slash = cf.Name.IndexOf('/');
                    if (slash < 0) continue;
                    inner.Add(new ChartFile(cf.Name[(slash + 1)..], cf.Data));
                }
                child = LoadFiles(inner, childSource);
            }
            chart.AddDependency(child);
        }
        return chart;
    }

    private static ChartMetadata ReadMetadata(ChartFile f, string source, ChartMetadata? over, string what)
    {
        var where = Combine(source, f.Name);
        object? doc;
        try
        {
            // Native numbers: a string field takes an int's digits but a float's float32 text (sigs.k8s.io/yaml).
            doc = GoYaml.Parse(f.Text, new YamlReadOptions { NumberMode = YamlNumberMode.Native, SourceName = where });
        }
        catch (YamlParseException e)
        {
            // Helm's words (sigs.k8s.io/yaml), then where: the file and the position in it.
            throw ChartErrors.Invalid(where, $"cannot load {what}: error converting YAML to JSON: yaml: {e.GoText} ({where}:{e.Line}:{e.Column})", e);
        }
        catch (MeshException e)
        {
            throw ChartErrors.Invalid(where, $"cannot load {what}: {e.Message}", e);
        }
        if (doc is null) return over ?? new ChartMetadata();
        if (doc is not Dictionary<string, object?> map)
            throw ChartErrors.Invalid(where, $"cannot load {what}: error unmarshaling JSON: json: cannot unmarshal {GoJsonFields.JsonKind(doc)} into Go value of type chart.Metadata ({where}); it must be a YAML map.");
        try
        {
            return ChartMetadata.FromMap(map, over);
        }
        catch (InvalidDataException e)
        {
            throw ChartErrors.Invalid(where, $"cannot load {what}: error unmarshaling JSON: {e.Message} ({where})", e);
        }
    }

    private static string Combine(string source, string name) => source.TrimEnd('/') + "/" + name;
}
