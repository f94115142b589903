using MeshOps.Engine.Hosting;

namespace MeshOps.Cmdlets.Hosting;

/// <summary>
/// The engine host of one cluster in a fleet run: messages get the cluster's name in front (lines of several clusters
/// interleave), and the engine's progress updates that cluster's single progress line instead of opening its own.
/// </summary>
internal sealed class ClusterHost : IMeshHost
{
    private readonly ClusterRun _run;
    private readonly PipelineHost _pipeline;

    public ClusterHost(ClusterRun run, PipelineHost pipeline)
    {
        _run = run;
        _pipeline = pipeline;
    }

    public void WriteVerbose(string message) => _pipeline.WriteVerbose(_run.Prefix(message));
    public void WriteWarning(string message) => _pipeline.WriteWarning(_run.Prefix(message));
    public void WriteDebug(string message) => _pipeline.WriteDebug(_run.Prefix(message));

    public void WriteProgress(MeshProgress progress)
    {
        // Completion of an engine step is not the end of the cluster's work: the fleet runner closes the line.
        if (progress.Completed) return;
        _pipeline.WriteProgress(Line(_run, $"{progress.Activity}: {progress.Status}", progress.PercentComplete));
    }

    /// <summary>The progress record of a cluster's line.</summary>
    public static MeshProgress Line(ClusterRun run, string status, int percent = -1, bool completed = false) =>
        new(run.ProgressActivityId, $"Cluster {run.DisplayName}", status, percent, completed);
}
