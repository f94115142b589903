using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Writes namespace label changes: one JSON merge patch per namespace (no read before write), many at once with a bound.
/// </summary>
public sealed class InjectionLabeler
{
    /// <summary>At most this many writes in flight, like kubectl's default client QPS burst.</summary>
    public const int DefaultParallelism = 16;

    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public InjectionLabeler(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <summary>
    /// Applies every non-empty change; returns the namespaces as stored afterwards, by name, and the failures (a namespace
    /// that does not exist is NamespaceNotFound) without stopping the others.
    /// </summary>
    public async Task<InjectionWriteResult> ApplyAsync(IReadOnlyList<InjectionLabelChange> changes, int parallelism, CancellationToken ct)
    {
        var written = new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        var failures = new ConcurrentDictionary<string, MeshException>(StringComparer.Ordinal);
        var work = changes.Where(c => !c.IsEmpty).ToList();
        using var progress = new ProgressActivity(_host, ProgressIds.LabelNamespaces, "Labelling namespaces");
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = ct }, async (change, token) =>
        {
            try
            {
                var path = "/api/v1/namespaces/" + Uri.EscapeDataString(change.Namespace);
                written[change.Namespace] = await _cluster.Connection.SendAsync(HttpMethod.Patch, path, change.ToMergePatch().ToJsonString(),
                    "application/merge-patch+json", token).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                failures[change.Namespace] = new MeshException("NamespaceNotFound", MeshErrorKind.ObjectNotFound,
                    $"Namespace '{change.Namespace}' does not exist. Create it first (kubectl create namespace {change.Namespace}).", change.Namespace);
            }
            catch (KubeApiException e)
            {
                failures[change.Namespace] = new MeshException("NamespaceLabelFailed", MeshErrorKind.InvalidOperation,
                    $"Could not label namespace '{change.Namespace}': {e.Message}", change.Namespace, e);
            }
            progress.Step(change.Namespace, work.Count);
        }).ConfigureAwait(false);
        return new InjectionWriteResult(written, failures);
    }
}

/// <summary>What <see cref="InjectionLabeler.ApplyAsync"/> wrote and what failed, by namespace name.</summary>
public sealed record InjectionWriteResult(IReadOnlyDictionary<string, JsonObject> Written, IReadOnlyDictionary<string, MeshException> Failures);
