using System.Management.Automation;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Lists the kubeconfig's contexts and probes their clusters concurrently: server, namespace, whether the credentials
/// and the server work, the Kubernetes version and the Istio revisions installed. A cluster that cannot be reached is
/// reported (Reachable false, with the reason), never skipped and never an error.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MeshCluster")]
[OutputType(typeof(MeshClusterInfo))]
public sealed class GetMeshClusterCommand : MeshClusterCmdlet
{
    /// <summary>Without -Context: every context of the kubeconfig.</summary>
    private protected override string[]? DefaultContexts => ["*"];

    private KubeContextList? _contexts;

    protected override void Process()
    {
        _contexts ??= KubeContextList.Read(OptionsFor(null));
        _probed.Clear();
        ForEachCluster(Probe);
        // In the kubeconfig's order, whichever cluster answered first.
        foreach (var (_, info) in _probed.OrderBy(p => p.Key)) WriteObject(info);
    }

    private readonly SortedList<int, MeshClusterInfo> _probed = new();

    private void Probe(ClusterRun run)
    {
        var entry = _contexts!.Contexts.FirstOrDefault(c => c.Name == run.RequestedContext)
            ?? _contexts.Contexts.FirstOrDefault(c => run.RequestedContext == null && c.Current);
        var info = new MeshClusterInfo(entry?.Name ?? run.RequestedContext, entry?.Server, entry?.Namespace, entry?.UserName, entry?.Current ?? run.RequestedContext == null);
        try
        {
            var cluster = run.Cluster; // credentials (an exec plugin, a token file) are resolved here
            var (version, revisions) = run.Engine(async (host, cancel) =>
            {
                var v = await cluster.Connection.GetServerVersionAsync(cancel).ConfigureAwait(false);
                return (v, await new RevisionReader(cluster, host).ListAsync(cancel).ConfigureAwait(false));
            });
            info = new MeshClusterInfo(run.Name, run.Cluster.Connection.Server, entry?.Namespace ?? run.Cluster.Connection.DefaultNamespace, entry?.UserName, info.Current)
            {
                Reachable = true,
                KubernetesVersion = version.GitVersion,
                Revisions = revisions.Select(r => r.Name).ToArray(),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Whatever stops a cluster is its reason, never an error of the listing.
            info.Reason = e.Message;
            info.ReasonId = (e as MeshException)?.ErrorId ?? e.GetType().Name;
            run.WriteVerbose($"Context '{run.DisplayName}' is not reachable: {e.Message}");
        }
        lock (_probed) _probed[run.Index] = info;
    }
}
