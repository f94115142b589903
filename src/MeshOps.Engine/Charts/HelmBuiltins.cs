using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Charts;

/// <summary>Builds the parts of the top-level object and the function table that the Sprig/Helm library provides.</summary>
internal static class HelmBuiltins
{
    // helm template has no cluster: lookup answers an empty map, required/fail fail. The table holds no render state.
    private static readonly Lazy<IReadOnlyDictionary<string, TemplateFunc>> TemplateModeFunctions =
        new(() => HelmFunctionTable.Create(new HelmFunctionOptions()));

    // istioctl 1.18.5's table: the same functions with mergo v0.3.5's merge rules.
    private static readonly Lazy<IReadOnlyDictionary<string, TemplateFunc>> Mergo035Functions =
        new(() => HelmFunctionTable.Create(new HelmFunctionOptions { MergoCompatibility = MergoCompatibility.V0_3_5 }));

    public static IReadOnlyDictionary<string, TemplateFunc> CreateFunctions(RenderOptions options) =>
        options.MergoCompatibility == MergoCompatibility.V0_3_5 ? Mergo035Functions.Value : TemplateModeFunctions.Value;

    /// <summary>.Files: the chart's non-template files.</summary>
    public static HelmFiles CreateFiles(IReadOnlyList<ChartFile> files) =>
        new(files.Select(f => new KeyValuePair<string, byte[]>(f.Name, f.Data)));

    /// <summary>.Capabilities: the requested Kubernetes version, the build's API versions then the requested ones.</summary>
    public static HelmCapabilities CreateCapabilities(RenderOptions options) =>
        new(options.KubeVersionInfo ?? HelmKubeVersion.Parse(options.KubeVersion),
            options.Helm.DefaultApiVersions.Concat(options.ApiVersions), options.Helm);
}
