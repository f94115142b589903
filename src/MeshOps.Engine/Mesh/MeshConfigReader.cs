using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>The mesh config istiod reads: key `mesh` of ConfigMap istio-REV in the revision's namespace.</summary>
public sealed record LiveMeshConfig
{
    public required string Namespace { get; init; }
    public required string ConfigMapName { get; init; }
    /// <summary>The `mesh` text as stored.</summary>
    public required string Text { get; init; }
    /// <summary>The parsed settings (Go values); edited in place by <see cref="MeshConfigEditor"/>.</summary>
    public required Dictionary<string, object?> Mesh { get; init; }
    public required string ResourceVersion { get; init; }
}

/// <summary>Reads the live mesh config and the installed-state IstioOperator of a revision.</summary>
public static class MeshConfigReader
{
    /// <exception cref="MeshException">MeshConfigMapNotFound, InvalidLiveMeshConfig.</exception>
    public static async Task<LiveMeshConfig> ReadLiveAsync(MeshCluster cluster, RevisionInfo revision, CancellationToken ct)
    {
        var name = MeshLabels.MeshConfigMapName(revision.Name);
        var map = await cluster.GetAsync("v1", "ConfigMap", revision.Namespace, name, ct).ConfigureAwait(false)
            ?? throw new MeshException("MeshConfigMapNotFound", MeshErrorKind.ObjectNotFound,
                $"ConfigMap {revision.Namespace}/{name}, where istiod of revision {revision.Name} reads its mesh config, does not exist; istiod runs on built-in defaults. Re-install the revision with Install-MeshControlPlane.", name);
        var text = map.Str("data", "mesh") ?? "";
        Dictionary<string, object?> mesh;
        try
        {
            mesh = text.Trim().Length == 0 ? new Dictionary<string, object?>(StringComparer.Ordinal)
                : GoYaml.Parse(text, new YamlReadOptions { SourceName = $"ConfigMap {revision.Namespace}/{name} key mesh" }) as Dictionary<string, object?>
                  ?? throw new MeshException("InvalidLiveMeshConfig", MeshErrorKind.InvalidData,
                      $"Key mesh of ConfigMap {revision.Namespace}/{name} is not a YAML mapping; istiod ignores it. Fix it with kubectl edit or re-install the revision.", name);
        }
        catch (YamlParseException e)
        {
            throw new MeshException("InvalidLiveMeshConfig", MeshErrorKind.InvalidData,
                $"Key mesh of ConfigMap {revision.Namespace}/{name} is not valid YAML ({e.Message}); istiod ignores it and keeps its last good config. Fix it with kubectl edit or re-install the revision.", name);
        }
        return new LiveMeshConfig
        {
            Namespace = revision.Namespace,
            ConfigMapName = name,
            Text = text,
            Mesh = mesh,
            ResourceVersion = map.Str("metadata", "resourceVersion") ?? "",
        };
    }

    /// <summary>
    /// istioctl's installed-state IstioOperator of a revision (any namespace: it lives in metadata.namespace of the
    /// user's file), or null. Several candidates: the one named as istioctl names it for that revision wins.
    /// </summary>
    public static async Task<JsonObject?> FindInstalledStateAsync(MeshCluster cluster, string revision, CancellationToken ct)
    {
        var all = await cluster.ListAsync("install.istio.io/v1alpha1", "IstioOperator", null, null, ct).ConfigureAwait(false);
        var matches = all.Where(s => MeshLabels.RevisionValue(s.Str("spec", "revision")) == revision
                && (s.Str("metadata", "name") ?? "").StartsWith("installed-state", StringComparison.Ordinal))
            .OrderBy(s => s.Str("metadata", "name") == MeshLabels.InstalledStateName(null, revision == "default" ? null : revision) ? 0 : 1)
            .ThenBy(s => s.Str("metadata", "name"), StringComparer.Ordinal).ToList();
        return matches.FirstOrDefault();
    }

    /// <summary>spec.meshConfig of an IstioOperator object as Go values (empty when it sets none).</summary>
    public static Dictionary<string, object?> SpecMeshConfig(JsonObject istioOperator) =>
        istioOperator.At("spec", "meshConfig") is JsonObject mesh && GoJson.Parse(mesh.ToJsonString()) is Dictionary<string, object?> map
            ? map : new Dictionary<string, object?>(StringComparer.Ordinal);
}
