using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Completers;

/// <summary>Completes revision names and tags from the cluster the command line points at.</summary>
public sealed class RevisionNameCompleter : ClusterNameCompleter
{
    protected override IEnumerable<string> Names(MeshCluster cluster, CancellationToken cancel) =>
        new RevisionReader(cluster, NullMeshHost.Instance).ListAsync(cancel).GetAwaiter().GetResult()
            .SelectMany(r => r.Tags.Prepend(r.Name));
}
