using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Lists the Istio control-plane revisions in a cluster, whoever installed them.</summary>
[Cmdlet(VerbsCommon.Get, "MeshRevision")]
[OutputType(typeof(MeshRevision))]
public sealed class GetMeshRevisionCommand : MeshClusterCmdlet
{
    /// <summary>
    /// Revision names or tags; wildcards allowed. All revisions when absent. Alias -Revision, by which objects that name
    /// a revision (Get-MeshRevisionTag's, Get-MeshConfig's) bind from the pipeline.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Revision")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string[]? Name { get; set; }

    private IReadOnlyList<RevisionInfo>? _revisions;

    protected override void Process()
    {
        _revisions ??= RunEngine((host, cancel) => new RevisionReader(Cluster, host).ListAsync(cancel));
        if (Name == null || Name.Length == 0)
        {
            foreach (var revision in _revisions) WriteObject(new MeshRevision(revision));
            return;
        }
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = _revisions.Where(r => pattern.IsMatch(r.Name) || r.Tags.Any(pattern.IsMatch)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No control-plane revision or tag named '{name}' in the cluster. Revisions there: " +
                    (_revisions.Count == 0 ? "none (install one with Install-MeshControlPlane)." : string.Join(", ", _revisions.Select(r => r.Name)) + ".")),
                    "RevisionNotFound", ErrorCategory.ObjectNotFound, name));
            }
            foreach (var revision in matches) WriteObject(new MeshRevision(revision));
        }
    }
}
