using System.Runtime.ExceptionServices;

namespace MeshOps.Engine.Templating.Exec;

/// <summary>
/// Runs template execution on a thread with a large stack, so that deeply nested template calls (Go allows 100000)
/// end in a depth error rather than a stack overflow that would kill the process. The threads are kept for a while
/// and reused: starting one (and faulting in its first stack pages and thread statics) costs more than rendering a
/// small template.
/// </summary>
internal static class LargeStack
{
    /// <summary>Reserved, not committed: pages are touched only as deep as execution goes.</summary>
    private const int StackBytes = 512 * 1024 * 1024;

    /// <summary>An idle thread ends after this long, returning whatever stack it committed.</summary>
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(10);

    private static readonly List<Worker> Idle = new();

    [ThreadStatic] private static bool _onLargeStack;

    public static T Run<T>(Func<T> work)
    {
        if (_onLargeStack) return work();
        var worker = TakeIdle() ?? Worker.TryStart();
        if (worker == null)
        {
            // The system would not reserve the stack (strict overcommit): run here; the executor's stack check
            // still turns runaway recursion into a depth error.
            return work();
        }
        T result = default!;
        var failure = worker.Execute(() => result = work());
        // A failed run may have gone deep (depth errors do): let that thread end rather than keep its stack.
        if (failure == null) ReturnIdle(worker);
        else worker.Retire();
        failure?.Throw();
        return result;
    }

    private static Worker? TakeIdle()
    {
        lock (Idle)
        {
            if (Idle.Count == 0) return null;
            var worker = Idle[^1];
            Idle.RemoveAt(Idle.Count - 1);
            return worker;
        }
    }

    private static void ReturnIdle(Worker worker)
    {
        lock (Idle) Idle.Add(worker);
    }

    /// <summary>Called by an idle worker whose wait timed out: true when it may end (nobody took it meanwhile).</summary>
    private static bool TryLeaveIdle(Worker worker)
    {
        lock (Idle) return Idle.Remove(worker);
    }

    /// <summary>One large-stack thread that runs one piece of work at a time, handed over by <see cref="Execute"/>.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly ManualResetEventSlim _done = new(false);
        private Action? _work;
        private ExceptionDispatchInfo? _failure;
        private volatile bool _retired;

        public static Worker? TryStart()
        {
            var worker = new Worker();
            var thread = new Thread(worker.Loop, StackBytes) { Name = "MeshOps template", IsBackground = true };
            try
            {
                thread.Start();
            }
            catch (OutOfMemoryException)
            {
                return null;
            }
            return worker;
        }

        /// <summary>Runs WORK on this worker's thread and waits for it; its exception, if any, to rethrow.</summary>
        public ExceptionDispatchInfo? Execute(Action work)
        {
            _work = work;
            _failure = null;
            _done.Reset();
            _start.Release();
            try
            {
                _done.Wait();
            }
            catch
            {
                // The caller stopped waiting (an interrupted thread): nobody will hand this worker back, so it ends.
                _retired = true;
                throw;
            }
            return _failure;
        }

        /// <summary>Ends the thread once it is idle.</summary>
        public void Retire()
        {
            _retired = true;
            _start.Release();
        }

        private void Loop()
        {
            _onLargeStack = true;
            while (true)
            {
                if (!_start.Wait(IdleLifetime))
                {
                    if (TryLeaveIdle(this) || _retired) break;
                    continue;
                }
                if (_retired) break;
                try
                {
                    _work!();
                }
                catch (Exception e)
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
                _work = null;
                _done.Set();
            }
            _start.Dispose();
            _done.Dispose();
        }
    }
}
