namespace MeshOps.Engine.Hosting;

/// <summary>
/// One progress bar of the engine. Records go out in order although callers report from parallel workers (the lock
/// spans the host call), and the bar ends exactly once: <see cref="Dispose"/> writes the Completed record that a
/// failure or a cancellation would otherwise leave out, so a bar never hangs on after its work stopped.
/// </summary>
public sealed class ProgressActivity : IDisposable
{
    private readonly IMeshHost _host;
    private readonly object _gate = new();
    private string _status = "Starting";
    private int _percent = -1;
    private int _count;
    private bool _completed;
    private bool _shown;

    public ProgressActivity(IMeshHost host, int id, string activity, int parentId = -1)
    {
        _host = host ?? throw new ArgumentNullException(nameof(host));
        Id = id;
        Activity = activity;
        ParentId = parentId;
    }

    public int Id { get; }
    public string Activity { get; }
    public int ParentId { get; }

    /// <summary>A bar nested under this one.</summary>
    public ProgressActivity Child(int id, string activity) => new(_host, id, activity, Id);

    /// <summary>Shows <paramref name="status"/>; <paramref name="percent"/> -1 when unknown.</summary>
    public void Report(string status, int percent = -1)
    {
        lock (_gate)
        {
            if (_completed) return;
            _status = status;
            _percent = Math.Clamp(percent, -1, 100);
            Write(false);
        }
    }

    /// <summary>
    /// Counts one of <paramref name="total"/> items done (safe from parallel workers) and shows it as "status (n of total)";
    /// with more than a hundred items only when the percentage moves, as more records would cost more than the work.
    /// </summary>
    public void Step(string status, int total)
    {
        lock (_gate)
        {
            if (_completed) return;
            var n = ++_count;
            var percent = total > 0 ? Math.Min(100, n * 100 / total) : -1;
            if (total > 100 && percent == _percent && n < total) return;
            _status = $"{status} ({n} of {total})";
            _percent = percent;
            Write(false);
        }
    }

    /// <summary>Ends the bar with a last status (a bar never shown writes nothing); later reports are ignored.</summary>
    public void Complete(string? status = null)
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            if (!_shown) return; // never shown, nothing to end
            if (status != null) _status = status;
            _percent = 100;
            Write(true);
        }
    }

    public void Dispose() => Complete();

    private void Write(bool completed)
    {
        _shown = true;
        _host.WriteProgress(new MeshProgress(Id, Activity, _status, _percent, completed) { ParentActivityId = ParentId });
    }
}
