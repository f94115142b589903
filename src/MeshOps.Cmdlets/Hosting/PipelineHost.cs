using System.Collections.Concurrent;
using System.Management.Automation;
using MeshOps.Engine.Hosting;

namespace MeshOps.Cmdlets.Hosting;

/// <summary>
/// The engine's <see cref="IMeshHost"/> for a cmdlet. PowerShell's Write* methods work only on the pipeline
/// thread, so messages from engine worker threads are queued and written by <see cref="Pump"/> on that thread.
/// </summary>
internal sealed class PipelineHost : IMeshHost
{
    private readonly Cmdlet _cmdlet;
    private readonly int _pipelineThreadId = Environment.CurrentManagedThreadId;
    private readonly BlockingCollection<Action<Cmdlet>> _pending = new();
    // Bars shown and not completed yet, in the order they opened; only touched on the pipeline thread.
    private readonly List<MeshProgress> _open = new();

    public PipelineHost(Cmdlet cmdlet) => _cmdlet = cmdlet;

    public void WriteVerbose(string message) => Post(c => c.WriteVerbose(message));
    public void WriteWarning(string message) => Post(c => c.WriteWarning(message));
    public void WriteDebug(string message) => Post(c => c.WriteDebug(message));

    public void WriteProgress(MeshProgress progress) => Post(c => Write(c, progress));

    /// <summary>
    /// Ends every bar still open (innermost first), for a command that stops on an error: PowerShell would otherwise
    /// keep showing a bar that no engine code ended (a cmdlet's own, such as Expand-MeshChart's). Call on the pipeline thread.
    /// </summary>
    public void CompleteOpen()
    {
        Flush();
        while (_open.Count > 0) Write(_cmdlet, _open[^1] with { Completed = true, PercentComplete = 100 });
    }

    /// <summary><see cref="CompleteOpen"/> where the pipeline may be stopping (Ctrl+C): then PowerShell takes no more records, and clears the bars itself.</summary>
    public void CompleteOpenIfRunning()
    {
        try { CompleteOpen(); }
        catch (PipelineStoppedException) { }
    }

    private void Write(Cmdlet cmdlet, MeshProgress progress)
    {
        var record = new ProgressRecord(progress.ActivityId, progress.Activity, string.IsNullOrEmpty(progress.Status) ? " " : progress.Status)
        {
            PercentComplete = Math.Clamp(progress.PercentComplete, -1, 100),
            ParentActivityId = progress.ParentActivityId == progress.ActivityId ? -1 : progress.ParentActivityId,
            RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        _open.RemoveAll(p => p.ActivityId == progress.ActivityId);
        if (!progress.Completed) _open.Add(progress);
        cmdlet.WriteProgress(record);
    }

    /// <summary>Runs the engine work on a worker thread and writes its messages here until it ends.</summary>
    public T Run<T>(Func<Task<T>> work)
    {
        // Nested engine work (started from a worker thread) runs inline; the outer Run pumps its messages.
        if (Environment.CurrentManagedThreadId != _pipelineThreadId) return work().GetAwaiter().GetResult();
        var task = Task.Run(work);
        task.ContinueWith(_ => _pending.Add(_ => { }), TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            if (_pending.TryTake(out var action, Timeout.Infinite)) action(_cmdlet);
        }
        Flush();
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Writes whatever is queued; call on the pipeline thread.</summary>
    public void Flush()
    {
        while (_pending.TryTake(out var action)) action(_cmdlet);
    }

    /// <summary>
    /// Asks the cmdlet something only the pipeline thread may ask (ShouldProcess) and waits for the answer: at once on that
    /// thread, else queued for <see cref="Run"/>'s pump. <paramref name="cancel"/> (Ctrl+C) ends the wait.
    /// </summary>
    public T Ask<T>(Func<Cmdlet, T> question, CancellationToken cancel)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThreadId) return question(_cmdlet);
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add(c =>
        {
            try { answer.SetResult(question(c)); }
            catch (Exception e) { answer.SetException(e); throw; }
        });
        answer.Task.Wait(cancel);
        return answer.Task.GetAwaiter().GetResult();
    }

    /// <summary>Writes through the cmdlet: at once on the pipeline thread, else queued for <see cref="Run"/>'s pump.</summary>
    public void Post(Action<Cmdlet> write)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThreadId) write(_cmdlet);
        else _pending.Add(write);
    }
}
