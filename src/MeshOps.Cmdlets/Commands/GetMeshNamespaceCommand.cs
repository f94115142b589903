using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
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

    // Each cluster's namespaces (and the revision -Revision resolves to there), read once for all the names piped in.
    private readonly Dictionary<string, (IReadOnlyList<NamespaceInjection> Namespaces, string? Revision)> _read = new(StringComparer.Ordinal);

    protected override void Process()
    {
        if (Revision != null) RevisionNames.Validate(Revision);
        ForEachCluster(ProcessCluster);
    }

    private void ProcessCluster(ClusterRun run)
    {
        (IReadOnlyList<NamespaceInjection> Namespaces, string? Revision) read;
        bool known;
        lock (_read) known = _read.TryGetValue(run.RequestedContext ?? "", out read);
        if (!known)
        {
            var (targets, namespaces) = run.Engine(async (host, cancel) =>
            {
                var t = await InjectionTargets.LoadAsync(run.Cluster, cancel).ConfigureAwait(false);
                return (t, await new NamespaceReader(run.Cluster).ListAsync(t, cancel).ConfigureAwait(false));
            });
            read = (namespaces, Revision == null ? null : targets.Resolve(Revision) ?? throw targets.NotFound(Revision));
            lock (_read) _read[run.RequestedContext ?? ""] = read;
        }
        var (all, injectedBy) = read;
        if (ParameterSetName == ByRevisionObjectSet)
        {
            foreach (var revision in InputObject)
                foreach (var ns in all.Where(n => n.InjectedBy == revision.Name)) run.WriteObject(new MeshNamespace(ns));
            return;
        }
        var selected = injectedBy == null ? all : all.Where(n => n.InjectedBy == injectedBy).ToList();
        var names = WithoutClusterInfo(Name);
        if (names == null)
        {
            foreach (var ns in selected) run.WriteObject(new MeshNamespace(ns));
            return;
        }
        foreach (var name in names)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = selected.Where(n => pattern.IsMatch(n.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                run.WriteError(new ErrorRecord(new ItemNotFoundException(injectedBy == null
                        ? $"Namespace '{name}' does not exist. Check the name and -Context."
                        : $"Namespace '{name}' is not injected by revision '{injectedBy}'."),
                    "NamespaceNotFound", ErrorCategory.ObjectNotFound, name));
            foreach (var ns in matches) run.WriteObject(new MeshNamespace(ns));
        }
    }
}
