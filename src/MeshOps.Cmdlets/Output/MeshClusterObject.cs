namespace MeshOps;

/// <summary>Base of every output object read from or written to a cluster: which cluster (kubeconfig context) it belongs to.</summary>
public abstract class MeshClusterObject
{
    private string? _cluster;

    /// <summary>The kubeconfig context the object came from (null for the in-cluster service account).</summary>
    public string? Cluster
    {
        get => _cluster;
        internal set
        {
            _cluster = value;
            foreach (var part in Parts) part.Cluster = value;
        }
    }

    /// <summary>Nested objects of the same cluster (a namespace's pods to restart, a config state's drift).</summary>
    private protected virtual IEnumerable<MeshClusterObject> Parts => [];
}
