using System.Collections.Concurrent;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>Keeps everything the engine reports, for assertions.</summary>
public sealed class RecordingHost : IMeshHost
{
    public ConcurrentQueue<string> Verbose { get; } = new();
    public ConcurrentQueue<string> Warnings { get; } = new();
    public ConcurrentQueue<string> Debug { get; } = new();
    public ConcurrentQueue<MeshProgress> Progress { get; } = new();

    public void WriteVerbose(string message) => Verbose.Enqueue(message);
    public void WriteWarning(string message) => Warnings.Enqueue(message);
    public void WriteDebug(string message) => Debug.Enqueue(message);
    public void WriteProgress(MeshProgress progress) => Progress.Enqueue(progress);

    public string AllText => string.Join("\n", Verbose.Concat(Warnings).Concat(Debug).Concat(Progress.Select(p => p.Activity + " " + p.Status)));
}
