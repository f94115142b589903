using System.Runtime.ExceptionServices;

namespace MeshOps.Engine.Templating.Exec;

/// <summary>
/// Runs template execution on a thread with a large stack, so that deeply nested template calls (Go allows 100000)
/// end in a depth error rather than a stack overflow that would kill the process.
/// </summary>
internal static class LargeStack
{
    /// <summary>Reserved, not committed: pages are touched only as deep as execution goes.</summary>
    private const int StackBytes = 512 * 1024 * 1024;

    [ThreadStatic] private static bool _onLargeStack;

    public static T Run<T>(Func<T> work)
    {
        if (_onLargeStack) return work();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            _onLargeStack = true;
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, StackBytes);
        thread.Name = "MeshOps template";
        thread.IsBackground = true;
        try
        {
            thread.Start();
        }
        catch (OutOfMemoryException)
        {
            // The system would not reserve the stack (strict overcommit): run here; the executor's stack check
            // still turns runaway recursion into a depth error.
            return work();
        }
        thread.Join();
        failure?.Throw();
        return result;
    }
}
