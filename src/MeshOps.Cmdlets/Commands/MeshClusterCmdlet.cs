using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Base of cmdlets that talk to clusters: which kubeconfig and contexts, as kubectl picks them, and the fleet runner.
/// A cmdlet puts its per-cluster work in one method and calls <see cref="ForEachCluster"/>: with one context that
/// method runs on the pipeline thread exactly as a single-cluster cmdlet; with several, each cluster's work runs on
/// its own worker thread, -ThrottleLimit at a time, and writes to PowerShell only through its <see cref="ClusterRun"/>,
/// which hands every write and ShouldProcess to the pipeline thread. A failing cluster is a non-terminating error
/// naming it; the others go on.
/// </summary>
public abstract class MeshClusterCmdlet : MeshCmdlet
{
    /// <summary>Kubeconfig files; when absent, KUBECONFIG, then ~/.kube/config, then the in-cluster service account.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Kubeconfig { get; set; }

    /// <summary>
    /// Kubeconfig contexts to work on (wildcards allowed) instead of its current-context; several run concurrently.
    /// Get-MeshCluster objects bind by their Context property; null (the in-cluster service account's object) means none.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [AllowNull]
    [ValidateContextNames]
    [ArgumentCompleter(typeof(KubeContextCompleter))]
    public string[]? Context { get; set; }

    /// <summary>
    /// The cluster a piped MeshOps object came from (its Cluster property): without -Context, that object is worked on in
    /// that cluster, so the output of a run over several clusters pipes back into them. Null (in-cluster) means current.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? Cluster { get; set; }

    /// <summary>How many clusters are worked on at once when -Context names several.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>
    /// How long one API request may take before it fails with KubeRequestTimeout; retries of one request stop at four
    /// times this (KubeDeadlineExceeded). Waits for rollouts have their own limits (Install-MeshControlPlane -Timeout).
    /// </summary>
    [Parameter]
    [ValidateTimeSpan]
    public TimeSpan RequestTimeout { get; set; } = RetryPolicy.DefaultRequestTimeout;

    // Connections by context ("" for the current one), kept for the rest of the pipeline; fleet workers connect concurrently.
    private readonly Dictionary<string, MeshCluster> _clusters = new(StringComparer.Ordinal);
    private (string Key, IReadOnlyList<string?> Contexts)? _resolved;

    // Every -Context value (or, without one, piped Cluster) bound so far, in order: piped objects bind one per record,
    // and cmdlets that work in EndProcessing (after collecting namespaces or files) work on all of them.
    private readonly List<string> _contextsSeen = new();
    private bool _inEnd;

    private protected override void OnRecord()
    {
        foreach (var context in RecordContexts ?? [])
            if (!_contextsSeen.Contains(context, StringComparer.Ordinal)) _contextsSeen.Add(context);
    }

    /// <summary>This record's contexts: -Context, else the Cluster of the piped object, else none (current or default).</summary>
    private string[]? RecordContexts => Context ?? (string.IsNullOrEmpty(Cluster) ? null : [Cluster]);

    /// <summary>
    /// The cluster the current record's items belong to, for cmdlets that collect items (namespaces) and work in
    /// EndProcessing: the piped object's Cluster when -Context does not choose the clusters, else null (every cluster).
    /// </summary>
    private protected string? RecordCluster => Context == null && !string.IsNullOrEmpty(Cluster) ? Cluster : null;

    /// <summary>The items collected for a cluster: those of no particular cluster and those that came from it.</summary>
    private protected static List<T> ItemsFor<T>(ClusterRun run, IEnumerable<(string? Cluster, T Item)> items) =>
        items.Where(i => i.Cluster == null || i.Cluster == run.Name).Select(i => i.Item).Distinct().ToList();

    private protected override void OnEnd() => _inEnd = true;

    /// <summary>
    /// Values bound from the pipeline without the piped Get-MeshCluster objects (<see cref="NotFromClusterInfoAttribute"/>);
    /// null when nothing else is left, which means "all" to the listing cmdlets.
    /// </summary>
    private protected static string[]? WithoutClusterInfo(string[]? values)
    {
        if (values == null) return null;
        var rest = values.Where(v => v != NotFromClusterInfoAttribute.Marker).ToArray();
        return rest.Length == 0 ? null : rest;
    }

    /// <summary>A single value that a piped Get-MeshCluster object cannot give: an error saying to pass it by name.</summary>
    private protected static string RequireNotClusterInfo(string value, string parameter) =>
        value == NotFromClusterInfoAttribute.Marker
            ? throw new MeshException("ClusterObjectNotAValue", MeshErrorKind.InvalidArgument,
                $"A piped Get-MeshCluster object binds only to -Context; pass {parameter} by name.", parameter)
            : value;

    /// <summary>The contexts when -Context is not given: the current one (null). Get-MeshCluster lists them all.</summary>
    private protected virtual string[]? DefaultContexts => null;

    /// <summary>Kubeconfig paths made absolute against PowerShell's current location, not the process's; a folder is refused.</summary>
    protected IReadOnlyList<string>? ResolvedKubeconfig =>
        Kubeconfig?.Select(p =>
        {
            var path = GetUnresolvedProviderPathFromPSPath(p);
            PathErrors.RequireNotDirectory(path, "-Kubeconfig");
            return path;
        }).ToArray();

    /// <summary>The connection options kubectl would use for a context (null: current-context); several files merge like KUBECONFIG.</summary>
    private protected ConnectionOptions OptionsFor(string? context) =>
        ConnectionOptions.ForKubeconfigFiles(ResolvedKubeconfig) with { Context = context, RequestTimeout = RequestTimeout };

    /// <summary>
    /// The contexts this record's work will run on (null: the current one), resolved as <see cref="ForEachCluster"/> will:
    /// for checks that concern the whole run, made once before any cluster is touched.
    /// </summary>
    private protected IReadOnlyList<string?> PlannedContexts => ResolveContexts();

    /// <summary>
    /// Runs <paramref name="work"/> once per context -Context names. One context: on the pipeline thread, engine errors
    /// terminate as they always did. Several: concurrently (-ThrottleLimit), one progress line per cluster, a cluster's
    /// failure written as a non-terminating error naming it.
    /// </summary>
    private protected void ForEachCluster(Action<ClusterRun> work)
    {
        var contexts = ResolveContexts();
        if (contexts.Count == 1)
        {
            work(new ClusterRun(this, MeshHost, contexts[0], 0, fleet: false, CancelToken, ConnectHere));
            return;
        }
        var runs = contexts.Select((context, i) => new ClusterRun(this, MeshHost, context, i, fleet: true, CancelToken, ConnectThere)).ToList();
        try
        {
            MeshHost.Run(async () =>
            {
                using var gate = new SemaphoreSlim(ThrottleLimit);
                await Task.WhenAll(runs.Select(run => RunOneAsync(run, work, gate))).ConfigureAwait(false);
                return true;
            });
        }
        catch
        {
            // A write the pipeline refused (-ErrorAction Stop on a cluster's error, a stopped pipeline): nobody relays the
            // other clusters' work any more, so stop it rather than let it change clusters unseen.
            StopProcessing();
            throw;
        }
        CancelToken.ThrowIfCancellationRequested();
    }

    private async Task RunOneAsync(ClusterRun run, Action<ClusterRun> work, SemaphoreSlim gate)
    {
        MeshHost.WriteProgress(ClusterHost.Line(run, "Waiting (-ThrottleLimit)"));
        await gate.WaitAsync(CancelToken).ConfigureAwait(false);
        try
        {
            // A thread of its own: the work blocks on engine calls, and pool threads would be injected too slowly for a fleet.
            await Task.Factory.StartNew(() => RunOne(run, work), CancelToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private void RunOne(ClusterRun run, Action<ClusterRun> work)
    {
        MeshHost.WriteProgress(ClusterHost.Line(run, "Connecting"));
        var status = "Done";
        try
        {
            work(run);
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            status = "Stopped";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            status = "Failed";
            var record = run.Failure(e);
            MeshHost.Post(c => c.WriteError(record));
        }
        MeshHost.WriteProgress(ClusterHost.Line(run, status, 100, completed: true));
    }

    private MeshCluster ConnectHere(ClusterRun run)
    {
        var key = run.RequestedContext ?? "";
        if (_clusters.TryGetValue(key, out var known)) return known;
        var options = OptionsFor(run.RequestedContext); // paths resolve on the pipeline thread, against PowerShell's location
        return _clusters[key] = RunEngine((host, cancel) => MeshCluster.Connect(options, host, cancel));
    }

    private MeshCluster ConnectThere(ClusterRun run)
    {
        var key = run.RequestedContext ?? "";
        lock (_clusters)
            if (_clusters.TryGetValue(key, out var known)) return known;
        // Kubeconfig paths were resolved on the pipeline thread (ResolveContexts); a worker must not ask the session state.
        var cluster = MeshCluster.Connect(_fleetOptions![key], run.Host, run.Cancel);
        lock (_clusters)
        {
            if (_clusters.TryAdd(key, cluster)) return cluster;
            cluster.Dispose();
            return _clusters[key];
        }
    }

    private Dictionary<string, ConnectionOptions>? _fleetOptions;

    /// <summary>
    /// The contexts -Context names, in its order without repeats: a plain name as is (one plain name connects exactly as
    /// before, so the loader names a missing context); wildcards against the merged kubeconfig's contexts. A name or
    /// pattern that matches nothing is an error that lists the kubeconfig's contexts, before any cluster is touched.
    /// </summary>
    private IReadOnlyList<string?> ResolveContexts()
    {
        // In EndProcessing, every context bound over the pipeline's records; before, the one bound to this record.
        var patterns = _inEnd && _contextsSeen.Count > 0 ? _contextsSeen.ToArray() : RecordContexts ?? DefaultContexts;
        var key = patterns == null ? "" : string.Join('\0', patterns);
        if (_resolved is { } cached && cached.Key == key) return cached.Contexts;

        IReadOnlyList<string?> contexts;
        if (patterns == null || patterns.Length == 0) contexts = [null];
        else if (patterns.Length == 1 && !WildcardPattern.ContainsWildcardCharacters(patterns[0])) contexts = [patterns[0]];
        else
        {
            var list = KubeContextList.Read(OptionsFor(null));
            var result = new List<string?>();
            foreach (var pattern in patterns)
            {
                var matches = WildcardPattern.ContainsWildcardCharacters(pattern)
                    ? list.Contexts.Where(c => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(c.Name)).Select(c => c.Name).ToList()
                    : list.Contexts.Where(c => c.Name == pattern).Select(c => c.Name).ToList(); // kubectl matches names exactly
                if (matches.Count == 0 && !(DefaultContexts != null && Context == null))
                    throw new MeshException("KubeContextNotFound", MeshErrorKind.ObjectNotFound,
                        $"No context {(WildcardPattern.ContainsWildcardCharacters(pattern) ? "matches" : "is named")} '{pattern}' in the kubeconfig ({list.Source}). " +
                        $"Known contexts: {list.Names}.", pattern);
                foreach (var name in matches)
                    if (!result.Contains(name)) result.Add(name);
            }
            // In a pod without a kubeconfig, Get-MeshCluster's "every context" is the in-cluster service account.
            contexts = result.Count == 0 && list.InCluster && Context == null ? [null] : result;
        }
        if (contexts.Count > 1) _fleetOptions = contexts.ToDictionary(c => c ?? "", OptionsFor, StringComparer.Ordinal);
        _resolved = (key, contexts);
        return contexts;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            foreach (var cluster in _clusters.Values) cluster.Dispose();
        base.Dispose(disposing);
    }
}
