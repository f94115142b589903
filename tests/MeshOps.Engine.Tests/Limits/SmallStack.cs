namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// Runs work on a thread with a 1 MiB stack, less than any thread the engine runs on (thread-pool threads have
/// 1.5 MiB on Linux, the PowerShell pipeline thread more): input just within a limit must be handled there.
/// </summary>
internal static class SmallStack
{
    public const int StackBytes = 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, StackBytes);
        thread.Start();
        thread.Join();
        if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return result;
    }
}
