using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Completers;

/// <summary>Completes revision tag names from the cluster the command line points at.</summary>
public sealed class RevisionTagNameCompleter : ClusterNameCompleter
{
    protected override IEnumerable<string> Names(MeshCluster cluster, CancellationToken cancel) =>
        new RevisionTagManager(cluster, NullMeshHost.Instance).ListAsync(cancel).GetAwaiter().GetResult().Select(t => t.Tag);
}
