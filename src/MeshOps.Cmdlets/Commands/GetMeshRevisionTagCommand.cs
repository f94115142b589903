using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Lists revision tags (istioctl tag list): each tag, the revision it points at, and the namespaces using it.</summary>
[Cmdlet(VerbsCommon.Get, "MeshRevisionTag", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(MeshRevisionTag))]
public sealed class GetMeshRevisionTagCommand : MeshClusterCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByRevisionObjectSet = "ByRevisionObject";

    /// <summary>
    /// Tag names; wildcards allowed. All tags when absent. -Tag is kept as an alias (MeshRevisionTag objects bind by it).
    /// Not in the revision-object set: a piped MeshRevision's Name is a revision, and binding it here would look for a tag of that name.
    /// </summary>
    [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Tag")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionTagNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only tags pointing at these revisions; wildcards allowed.</summary>
    [Parameter(ParameterSetName = ByNameSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string[]? Revision { get; set; }

    /// <summary>Revisions from Get-MeshRevision: the tags pointing at each.</summary>
    [Parameter(ParameterSetName = ByRevisionObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public MeshRevision[] InputObject { get; set; } = Array.Empty<MeshRevision>();

    // Each cluster's tags, read once for all the names piped in.
    private readonly Dictionary<string, IReadOnlyList<RevisionTagInfo>> _read = new(StringComparer.Ordinal);

    protected override void Process() => ForEachCluster(ProcessCluster);

    private void ProcessCluster(ClusterRun run)
    {
        IReadOnlyList<RevisionTagInfo>? tags;
        lock (_read) _read.TryGetValue(run.RequestedContext ?? "", out tags);
        if (tags == null)
        {
            tags = run.Engine((host, cancel) => new RevisionTagManager(run.Cluster, host).ListAsync(cancel));
            lock (_read) _read[run.RequestedContext ?? ""] = tags;
        }
        if (ParameterSetName == ByRevisionObjectSet)
        {
            // Exact names: a revision object names one revision, never a pattern.
            foreach (var revision in InputObject)
                foreach (var tag in tags.Where(t => string.Equals(t.Revision, revision.Name, StringComparison.Ordinal)))
                    run.WriteObject(new MeshRevisionTag(tag));
            return;
        }
        var revisionPatterns = Revision?.Select(r => new WildcardPattern(r, WildcardOptions.IgnoreCase)).ToList();
        var selected = tags.Where(t => revisionPatterns == null || revisionPatterns.Any(p => p.IsMatch(t.Revision))).ToList();
        if (Name == null || Name.Length == 0)
        {
            foreach (var tag in selected) run.WriteObject(new MeshRevisionTag(tag));
            return;
        }
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = selected.Where(t => pattern.IsMatch(t.Tag)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                run.WriteError(new ErrorRecord(new ItemNotFoundException($"No revision tag named '{name}'{(Revision == null ? "" : " pointing at " + string.Join(", ", Revision))} in the cluster. Tags there: " +
                    (tags.Count == 0 ? "none (create one with Set-MeshRevisionTag)." : string.Join(", ", tags.Select(t => t.Tag)) + ".")),
                    "RevisionTagNotFound", ErrorCategory.ObjectNotFound, name));
            }
            foreach (var tag in matches) run.WriteObject(new MeshRevisionTag(tag));
        }
    }
}
