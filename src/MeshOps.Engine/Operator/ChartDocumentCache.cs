using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Operator;

/// <summary>
/// The objects of a chart's crds/ files, parsed and serialised once per loaded chart. Those files are not templates:
/// their objects are the same in every render, and parsing them was most of a default-profile render (the base chart's
/// CRDs). Each render gets <see cref="ManifestObject"/>s over the shared documents, which copy on first write access.
/// A file that does not parse into Kubernetes objects is cached as null, and the caller takes the uncached path, so the
/// error reads exactly as before.
/// </summary>
internal static class ChartDocumentCache
{
    private static readonly ConditionalWeakTable<Chart, ConcurrentDictionary<string, IReadOnlyList<SharedDocument>?>> Cache = new();

    /// <summary>The documents of one crds/ file (path as HelmRenderer names it, text as rendered), or null if it holds anything but objects.</summary>
    public static IReadOnlyList<SharedDocument>? Crd(Chart chart, string path, string text) =>
        Cache.GetOrCreateValue(chart).GetOrAdd(path, _ => Parse(text));

    // The text HelmChartRenderer joins for this file (trimmed, then "---"), parsed on its own: YAML documents do not
    // reach across "---", so the objects are those the joined manifest yields.
    private static IReadOnlyList<SharedDocument>? Parse(string text)
    {
        try
        {
            var docs = new List<SharedDocument>();
            foreach (var doc in GoYaml.ParseDocuments(HelmChartRenderer.Document(text)))
            {
                if (doc.Value == null) continue;
                if (doc.Value is not Dictionary<string, object?> map || map.GetValueOrDefault("kind") is not string { Length: > 0 }) return null;
                docs.Add(new SharedDocument(map));
            }
            return docs;
        }
        catch (Exception e) when (e is YamlParseException or Hosting.MeshException)
        {
            return null;
        }
    }
}
