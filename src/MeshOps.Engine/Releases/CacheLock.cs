using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>
/// One writer per version, across threads and processes: an exclusively opened (FileShare.None) lock file beside the
/// version folder. The file is left in place on release; deleting it on close would let two waiters lock two
/// different files of the same name.
/// </summary>
internal sealed class CacheLock : IDisposable
{
    private readonly FileStream _file;

    private CacheLock(FileStream file) => _file = file;

    public static async Task<CacheLock> AcquireAsync(string path, string what, TimeSpan wait, IMeshHost host, CancellationToken cancel)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(path, e);
        }
        var deadline = DateTime.UtcNow + wait;
        var announced = false;
        while (true)
        {
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Held by another save of the same version: wait for it, it will most likely leave the release cached.
                if (DateTime.UtcNow >= deadline)
                {
                    throw new MeshException(ReleaseErrors.ReleaseCacheBusy, MeshErrorKind.OperationTimeout,
                        $"Another MeshOps process has been saving {what} for over {wait.TotalMinutes:0} minutes (it holds {path}). " +
                        "Wait for it to finish, or stop it and run the command again.", path);
                }
                if (!announced)
                {
                    host.WriteVerbose($"Waiting for another MeshOps process that is saving {what} ({path}).");
                    announced = true;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancel).ConfigureAwait(false);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Unwritable(path, e);
            }
        }
    }

    private static MeshException Unwritable(string path, Exception e) => new(ReleaseErrors.ReleaseCacheUnavailable, MeshErrorKind.PermissionDenied,
        $"Cannot write the release cache ({e.Message}). Set {CacheRoot.EnvironmentVariable} to a folder you may write to.", path, e);

    public void Dispose() => _file.Dispose();
}
