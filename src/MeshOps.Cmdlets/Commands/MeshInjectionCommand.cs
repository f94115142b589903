using System.Management.Automation;
using System.Text.Json.Nodes;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Shared by Enable-/Disable-MeshInjection: namespaces are collected from the pipeline, then in EndProcessing one list of
/// namespaces, one merge patch per namespace that changes (16 at a time), one read of their pods, and the restarts.
/// </summary>
public abstract class MeshInjectionCommand : MeshClusterCmdlet
{
    /// <summary>Namespaces: names, MeshNamespace objects, V1Namespace objects or kubectl JSON objects (metadata.name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [NamespaceNameTransformation]
    [ValidateNotNullOrEmpty]
    public string[] Namespace { get; set; } = Array.Empty<string>();

    /// <summary>Restart the Deployments, StatefulSets and DaemonSets whose pods need a new (or no) sidecar.</summary>
    [Parameter]
    public SwitchParameter RestartWorkloads { get; set; }

    /// <summary>Return a MeshNamespace for each namespace.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    // Namespaces in pipeline order, each with the cluster it was piped from (null: every cluster worked on).
    private readonly List<(string? Cluster, string Name)> _names = new();
    private readonly HashSet<(string?, string)> _seen = new();

    protected override void Process()
    {
        foreach (var name in WithoutClusterInfo(Namespace) ?? [])
            if (_seen.Add((RecordCluster, name))) _names.Add((RecordCluster, name));
    }

    /// <summary>What this cmdlet does to a namespace with these labels.</summary>
    private protected abstract InjectionLabelChange Plan(string ns, IReadOnlyDictionary<string, string> labels);

    /// <summary>Checks before anything is read per namespace (e.g. that the revision exists).</summary>
    private protected virtual void Check(InjectionTargets targets) { }

    protected override void End()
    {
        if (_names.Count == 0) return;
        ForEachCluster(EndCluster);
    }

    private void EndCluster(ClusterRun run)
    {
        var names = ItemsFor(run, _names);
        if (names.Count == 0) return;
        var (targets, namespaces) = run.Engine(async (host, cancel) =>
        {
            var t = InjectionTargets.LoadAsync(run.Cluster, cancel);
            var n = run.Cluster.ListAsync("v1", "Namespace", null, null, cancel);
            return (await t.ConfigureAwait(false), await n.ConfigureAwait(false));
        });
        Check(targets);
        var byName = namespaces.ToDictionary(n => NamespaceReader.NameOf(n), StringComparer.Ordinal);

        var approved = new List<InjectionLabelChange>();
        var after = new List<JsonObject>();
        foreach (var name in names)
        {
            if (!byName.TryGetValue(name, out var ns))
            {
                run.WriteMeshError(new MeshException("NamespaceNotFound", MeshErrorKind.ObjectNotFound,
                    $"Namespace '{name}' does not exist. Create it first (kubectl create namespace {name}), or check -Context.", name));
                continue;
            }
            var change = Plan(name, NamespaceReader.LabelsOf(ns));
            if (change.IsEmpty)
            {
                run.WriteVerbose($"Namespace '{name}' already has the labels wanted; nothing to write.");
                after.Add(ns);
            }
            else if (run.ShouldProcess($"namespace '{name}'", $"Label ({change.Describe()})"))
            {
                approved.Add(change);
            }
            else
            {
                after.Add(change.ApplyTo(ns)); // -WhatIf: show the restarts the change would cause
            }
        }

        // Labels change no pod, so the pods the description needs are read while the patches are in flight
        // (with 1,000 namespaces the paged pod list took as long as the patches; bench/README.md).
        var toDescribe = after.Select(NamespaceReader.NameOf).Concat(approved.Select(c => c.Namespace)).ToList();
        var (result, pods) = run.Engine(async (host, cancel) =>
        {
            var podsRead = new NamespaceReader(run.Cluster).ListPodsAsync(toDescribe, cancel);
            var written = await new InjectionLabeler(run.Cluster, host).ApplyAsync(approved, InjectionLabeler.DefaultParallelism, cancel).ConfigureAwait(false);
            return (written, await podsRead.ConfigureAwait(false));
        });
        foreach (var change in approved)
        {
            if (result.Written.TryGetValue(change.Namespace, out var written)) after.Add(written);
            else if (result.Failures.TryGetValue(change.Namespace, out var failure)) run.WriteMeshError(failure);
        }
        if (approved.Count > 0) run.WriteVerbose($"Labelled {result.Written.Count} of {approved.Count} namespace(s), one request each.");

        var described = NamespaceReader.Describe(after, pods, targets);
        var restarts = described.SelectMany(d => d.PodsToRestart).ToList();
        if (restarts.Count > 0) Restart(run, described, restarts);
        if (PassThru)
        {
            var order = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
            foreach (var ns in described.OrderBy(d => order.GetValueOrDefault(d.Name))) run.WriteObject(new MeshNamespace(ns));
        }
    }

    private void Restart(ClusterRun run, IReadOnlyList<NamespaceInjection> described, List<PodRestart> restarts)
    {
        var perNamespace = described.Where(d => d.PodsToRestart.Count > 0).ToList();
        var sample = string.Join(", ", perNamespace.Take(10).Select(d => $"{d.Name} ({d.PodsToRestart.Count})")) + (perNamespace.Count > 10 ? ", ..." : "");
        if (!RestartWorkloads)
        {
            run.WriteWarning($"{restarts.Count} pod(s) in {perNamespace.Count} namespace(s) keep their old sidecar (or lack one) until they restart: {sample}. " +
                "Use -RestartWorkloads, or kubectl rollout restart; -PassThru lists them in PodsToRestart.");
            return;
        }
        var unowned = new List<PodRestart>();
        var workloads = run.Engine((host, cancel) => new InjectionRestarter(run.Cluster, host).PlanAsync(restarts, unowned, cancel));
        var approved = workloads.Where(w => run.ShouldProcess(w.DisplayName, $"Restart ({w.Pods.Count} pod(s) need a new sidecar)")).ToList();
        var failures = run.Engine((host, cancel) => new InjectionRestarter(run.Cluster, host).RestartAsync(approved, DateTimeOffset.UtcNow, cancel));
        foreach (var failure in failures) run.WriteMeshError(failure);
        if (unowned.Count > 0)
            run.WriteWarning($"{unowned.Count} pod(s) have no Deployment, StatefulSet or DaemonSet to restart; delete and recreate them yourself: " +
                string.Join(", ", unowned.Take(10).Select(p => $"{p.Namespace}/{p.Name}")) + (unowned.Count > 10 ? ", ..." : ""));
    }
}
