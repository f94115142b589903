using System.Management.Automation;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Hosting;

/// <summary>
/// One cluster's share of a cmdlet's work: its connection, its engine host, and the only way that work writes to
/// PowerShell. With one cluster everything runs on the pipeline thread exactly as a plain cmdlet would. In a fleet
/// run (several contexts) the work runs on its own worker thread: every Write* and ShouldProcess is handed to the
/// pipeline thread (<see cref="PipelineHost.Post"/>, <see cref="PipelineHost.Ask"/>), messages name the cluster, and
/// output objects carry it.
/// </summary>
internal sealed class ClusterRun
{
    private readonly PSCmdlet _cmdlet;
    private readonly PipelineHost _pipeline;
    private readonly Func<ClusterRun, MeshCluster> _connect;
    private MeshCluster? _cluster;

    public ClusterRun(PSCmdlet cmdlet, PipelineHost pipeline, string? context, int index, bool fleet, CancellationToken cancel,
        Func<ClusterRun, MeshCluster> connect)
    {
        _cmdlet = cmdlet;
        _pipeline = pipeline;
        _connect = connect;
        RequestedContext = context;
        Index = index;
        Fleet = fleet;
        Cancel = cancel;
        Host = fleet ? new ClusterHost(this, pipeline) : pipeline;
    }

    /// <summary>The context asked for; null means the kubeconfig's current-context (or the in-cluster account).</summary>
    public string? RequestedContext { get; }

    /// <summary>The context name once connected (what output objects carry as Cluster); before that, the one asked for.</summary>
    public string? Name => _cluster?.Connection.ContextName ?? RequestedContext;

    /// <summary>The name messages use: the context, or "in-cluster" for the pod's service account.</summary>
    public string DisplayName => Name ?? "in-cluster";

    public int Index { get; }

    /// <summary>True when this is one of several clusters worked on at once.</summary>
    public bool Fleet { get; }

    public CancellationToken Cancel { get; }

    /// <summary>The engine's host for this cluster's work.</summary>
    public IMeshHost Host { get; }

    /// <summary>The cluster, connected on first use (kubeconfig, credentials; nothing is sent yet).</summary>
    public MeshCluster Cluster => _cluster ??= _connect(this);

    /// <summary>The progress line of this cluster in a fleet run (one per cluster).</summary>
    public int ProgressActivityId => FleetProgressBase + Index;

    internal const int FleetProgressBase = 17000;

    /// <summary>Runs engine work with this cluster's host: on a worker (relayed) with one cluster, inline on this cluster's worker in a fleet.</summary>
    public T Engine<T>(Func<IMeshHost, CancellationToken, Task<T>> work)
    {
        if (Fleet) return work(Host, Cancel).GetAwaiter().GetResult();
        _ = Cluster; // with one cluster, connect here on the pipeline thread: -Kubeconfig paths resolve against PowerShell's location
        return _pipeline.Run(() => work(Host, Cancel));
    }

    public T Engine<T>(Func<IMeshHost, CancellationToken, T> work) => Engine((host, cancel) => Task.FromResult(work(host, cancel)));

    /// <summary>Writes an output object; MeshOps objects get Cluster, and in a fleet the type name that selects the views with a Cluster column.</summary>
    public void WriteObject(object value)
    {
        if (value is MeshClusterObject stamped) stamped.Cluster = Name;
        if (Fleet && value is MeshClusterObject)
        {
            var wrapped = PSObject.AsPSObject(value);
            wrapped.TypeNames.Insert(0, value.GetType().FullName + FleetTypeSuffix);
            _pipeline.Post(c => c.WriteObject(wrapped));
            return;
        }
        if (Fleet)
        {
            // Text and files (Export-MeshInstallation) say their cluster too, as a note property.
            var noted = PSObject.AsPSObject(value);
            if (noted.Properties[nameof(MeshClusterObject.Cluster)] == null)
                noted.Properties.Add(new PSNoteProperty(nameof(MeshClusterObject.Cluster), Name));
            _pipeline.Post(c => c.WriteObject(noted));
            return;
        }
        _pipeline.Post(c => c.WriteObject(value));
    }

    /// <summary>Appended to an output type's name in a fleet run; the fleet views src/BuildTools/Add-FleetViews.ps1 adds to the built format file select on it.</summary>
    public const string FleetTypeSuffix = "#Fleet";

    public void WriteError(ErrorRecord record) => _pipeline.Post(c => c.WriteError(Fleet ? Named(record) : record));

    public void WriteMeshError(MeshException error) => WriteError(ErrorRecords.From(error));

    public void WriteVerbose(string message) => _pipeline.Post(c => c.WriteVerbose(Prefix(message)));

    public void WriteWarning(string message) => _pipeline.Post(c => c.WriteWarning(Prefix(message)));

    public void WriteInformation(string message, string[] tags) =>
        _pipeline.Post(c => c.WriteInformation(new HostInformationMessage { Message = Prefix(message) }, tags));

    public bool ShouldProcess(string target, string action) =>
        _pipeline.Ask(c => c.ShouldProcess(Fleet ? $"{target} on cluster '{DisplayName}'" : target, action), Cancel);

    public bool ShouldProcess(string description, string warning, string caption) =>
        _pipeline.Ask(c => c.ShouldProcess(Prefix(description), Prefix(warning), caption), Cancel);

    /// <summary>"[ctx] message" in a fleet run, where lines of several clusters interleave; unchanged with one cluster.</summary>
    public string Prefix(string message) => Fleet ? $"[{DisplayName}] {message}" : message;

    /// <summary>A failure of this whole cluster's work in a fleet: non-terminating, the cluster in the message and as TargetObject.</summary>
    public ErrorRecord Failure(Exception error)
    {
        var mesh = error as MeshException;
        var named = new MeshException(mesh?.ErrorId ?? "ClusterOperationFailed", mesh?.Kind ?? MeshErrorKind.InvalidOperation,
            $"Cluster '{DisplayName}': {error.Message}", DisplayName, error);
        return ErrorRecords.From(named);
    }

    /// <summary>The record with the cluster named in its message (ErrorDetails), id, category and target kept.</summary>
    private ErrorRecord Named(ErrorRecord record) =>
        new(record.Exception, record.FullyQualifiedErrorId, record.CategoryInfo.Category, record.TargetObject)
        {
            ErrorDetails = new ErrorDetails($"Cluster '{DisplayName}': {record.ErrorDetails?.Message ?? record.Exception.Message}"),
        };
}
