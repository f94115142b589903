using System.Collections.Concurrent;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;
using MeshOps.Engine.Versions;

namespace MeshOps.Engine.Charts;

/// <summary>Builds the parts of the top-level object and the function table that the Sprig/Helm library provides.</summary>
internal static class HelmBuiltins
{
    // helm template has no cluster: lookup answers an empty map, required/fail fail. A table holds no render state, so
    // one per combination of library releases (Helm 4's, or an older istioctl's mergo and semver rules) serves every render.
    private static readonly ConcurrentDictionary<(MergoCompatibility, SemverCompatibility), Lazy<IReadOnlyDictionary<string, TemplateFunc>>> Tables = new();

    public static IReadOnlyDictionary<string, TemplateFunc> CreateFunctions(RenderOptions options) =>
        Tables.GetOrAdd((options.MergoCompatibility, options.SemverCompatibility), key => new(() => HelmFunctionTable.Create(
            new HelmFunctionOptions { MergoCompatibility = key.Item1, SemverCompatibility = key.Item2 }))).Value;

    /// <summary>.Files: the chart's non-template files.</summary>
    public static HelmFiles CreateFiles(IReadOnlyList<ChartFile> files) =>
        new(files.Select(f => new KeyValuePair<string, byte[]>(f.Name, f.Data)));

    /// <summary>.Capabilities: the requested Kubernetes version, the build's API versions then the requested ones.</summary>
    public static HelmCapabilities CreateCapabilities(RenderOptions options) =>
        new(options.KubeVersionInfo ?? HelmKubeVersion.Parse(options.KubeVersion),
            options.Helm.DefaultApiVersions.Concat(options.ApiVersions), options.Helm);
}
