using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Lists namespaces with their injection labels, the revision that injects them and the pods that need a restart.</summary>
[Cmdlet(VerbsCommon.Get, "MeshNamespace", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(MeshNamespace))]
public sealed class GetMeshNamespaceCommand : MeshClusterCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByRevisionObjectSet = "ByRevisionObject";

    /// <summary>Namespace names; wildcards allowed. All namespaces when absent.</summary>
    [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [NamespaceNameTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Only namespaces whose new pods this revision (or the revision of this tag) injects.</summary>
    [Parameter(ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string? Revision { get; set; }

    /// <summary>Revisions from Get-MeshRevision: the namespaces each injects (its Name is a revision, not a namespace).</summary>
    [Parameter(ParameterSetName = ByRevisionObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public MeshRevision[] InputObject { get; set; } = Array.Empty<MeshRevision>();

    private IReadOnlyList<NamespaceInjection>? _namespaces;
    private string? _revision;

    protected override void Process()
    {
        if (_namespaces == null)
        {
            if (Revision != null) RevisionNames.Validate(Revision);
            var (targets, namespaces) = RunEngine(async (host, cancel) =>
            {
                var t = await InjectionTargets.LoadAsync(Cluster, cancel).ConfigureAwait(false);
                return (t, await new NamespaceReader(Cluster).ListAsync(t, cancel).ConfigureAwait(false));
            });
            if (Revision != null) _revision = targets.Resolve(Revision) ?? throw targets.NotFound(Revision);
            _namespaces = namespaces;
        }
        if (ParameterSetName == ByRevisionObjectSet)
        {
            foreach (var revision in InputObject)
                foreach (var ns in _namespaces.Where(n => n.InjectedBy == revision.Name)) WriteObject(new MeshNamespace(ns));
            return;
        }
        var selected = _revision == null ? _namespaces : _namespaces.Where(n => n.InjectedBy == _revision).ToList();
        if (Name == null || Name.Length == 0)
        {
            foreach (var ns in selected) WriteObject(new MeshNamespace(ns));
            return;
        }
        foreach (var name in Name)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = selected.Where(n => pattern.IsMatch(n.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                WriteError(new ErrorRecord(new ItemNotFoundException(_revision == null
                        ? $"Namespace '{name}' does not exist. Check the name and -Context."
                        : $"Namespace '{name}' is not injected by revision '{_revision}'."),
                    "NamespaceNotFound", ErrorCategory.ObjectNotFound, name));
            foreach (var ns in matches) WriteObject(new MeshNamespace(ns));
        }
    }
}
