using System.Text.RegularExpressions;

namespace MeshOps.Testing.KubeApi.Controllers;

/// <summary>
/// Settings of the simulated controllers, changeable while the server runs. Workloads whose name (or
/// "namespace/name") matches a never-ready pattern ('*' wildcard) never become ready: their pods wait with
/// <see cref="NeverReadyReason"/>.
/// </summary>
public sealed class ControllerSettings
{
    readonly object _sync = new();
    readonly List<(string Pattern, Regex Regex)> _neverReady = new();
    readonly Dictionary<string, RevisionFault> _revisionFaults = new(StringComparer.Ordinal);

    /// <summary>When false no controller acts (objects keep whatever status they have).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Delay before a new CustomResourceDefinition becomes NamesAccepted and Established.</summary>
    public TimeSpan CrdEstablishDelay { get; set; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Delay after a workload's spec changes before its pods and status report ready.</summary>
    public TimeSpan WorkloadReadyDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>The waiting reason of containers in never-ready pods.</summary>
    public string NeverReadyReason { get; set; } = "ImagePullBackOff";
    /// <summary>Whether workloads get ReplicaSets and Pods (off: status only).</summary>
    public bool CreatePods { get; set; } = true;
    /// <summary>Number of simulated nodes (DaemonSet pods per DaemonSet).</summary>
    public int Nodes { get; set; } = 1;
    /// <summary>How often controllers re-check delays when nothing changes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(20);

    public void AddNeverReady(string pattern)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);
        lock (_sync) _neverReady.Add((pattern, regex));
    }

    public void ClearNeverReady()
    {
        lock (_sync) _neverReady.Clear();
    }

    public IReadOnlyList<string> NeverReadyPatterns { get { lock (_sync) return _neverReady.Select(p => p.Pattern).ToList(); } }

    public bool IsNeverReady(string ns, string name)
    {
        lock (_sync) return _neverReady.Any(p => p.Regex.IsMatch(name) || p.Regex.IsMatch(ns + "/" + name));
    }

    /// <summary>
    /// Makes every pod that revision <paramref name="revision"/> injects from now on fail as <paramref name="fault"/> says
    /// (a bad proxy image, a crashing or unready sidecar, or an injector that cannot be reached), so rollbacks can be tested.
    /// </summary>
    public void FailRevision(string revision, RevisionFault fault)
    {
        lock (_sync)
        {
            if (fault == RevisionFault.None) _revisionFaults.Remove(revision);
            else _revisionFaults[revision] = fault;
        }
    }

    public void ClearRevisionFaults()
    {
        lock (_sync) _revisionFaults.Clear();
    }

    /// <summary>The fault of a revision's injected pods; None when they behave.</summary>
    public RevisionFault RevisionFaultOf(string? revision)
    {
        if (revision == null) return RevisionFault.None;
        lock (_sync) return _revisionFaults.GetValueOrDefault(revision);
    }
}

/// <summary>How the pods a revision injects fail (see <see cref="ControllerSettings.FailRevision"/>).</summary>
public enum RevisionFault
{
    None,
    /// <summary>The istio-proxy image cannot be pulled: the container waits in ImagePullBackOff.</summary>
    ImagePullBackOff,
    /// <summary>The istio-proxy container exits at start: CrashLoopBackOff with restarts.</summary>
    CrashLoopBackOff,
    /// <summary>The istio-proxy container runs but its readiness probe fails.</summary>
    Unready,
    /// <summary>The revision's injector webhook cannot be called: pod creation fails (failurePolicy Fail).</summary>
    InjectionFailed,
}
