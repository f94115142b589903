namespace MeshOps.Engine.Hosting;

/// <summary>
/// Checks of file and folder paths the user names, so that a folder given as a file, or an output path that cannot be
/// created, fails with a message that says so (PathIsDirectory, OutputPathInvalid) instead of .NET's "Access to the
/// path is denied" or a raw IOException. Run before any request or write.
/// </summary>
public static class PathErrors
{
    public const string PathIsDirectory = "PathIsDirectory";
    public const string OutputPathInvalid = "OutputPathInvalid";

    /// <summary>The error for a folder where a file is needed; <paramref name="what"/> names the parameter or file ("kubeconfig", "-ValuesPath").</summary>
    public static MeshException IsDirectory(string path, string what) =>
        new(PathIsDirectory, MeshErrorKind.InvalidArgument,
            $"'{path}' is a directory, but {what} must be a file. Name a file (for example one inside that directory).", path);

    /// <summary>Throws PathIsDirectory when <paramref name="path"/> is a folder; a missing file is left to the reader, which names it.</summary>
    public static void RequireNotDirectory(string path, string what)
    {
        if (Directory.Exists(path)) throw IsDirectory(path, what);
    }

    /// <summary>
    /// Checks a file to be written: not a folder, and its folder exists (files are not written into folders that
    /// are not there, as Set-Content and Out-File refuse too).
    /// </summary>
    public static void RequireWritableFile(string path, string what)
    {
        RequireNotDirectory(path, what);
        var parent = Path.GetDirectoryName(FullPath(path, what));
        if (string.IsNullOrEmpty(parent) || Directory.Exists(parent)) return;
        var blocker = ExistingFileOnTheWay(parent);
        throw new MeshException(OutputPathInvalid, MeshErrorKind.InvalidArgument,
            blocker != null
                ? $"{what} '{path}' cannot be written: '{blocker}' on its way is a file, not a folder. Choose another path."
                : $"{what} '{path}' cannot be written: its folder '{parent}' does not exist. Create it first (New-Item -ItemType Directory '{parent}') or choose another path.",
            path);
    }

    /// <summary>
    /// Checks a folder to be created or written into (missing folders are created later, as istioctl -o does):
    /// it must not be a file, nor lie under one.
    /// </summary>
    public static void RequireWritableDirectory(string path, string what)
    {
        var full = FullPath(path, what);
        if (File.Exists(full))
            throw new MeshException(OutputPathInvalid, MeshErrorKind.InvalidArgument,
                $"{what} '{full}' is a file, but it must be a folder. Name a folder (it is created when missing).", full);
        if (ExistingFileOnTheWay(full) is { } blocker)
            throw new MeshException(OutputPathInvalid, MeshErrorKind.InvalidArgument,
                $"{what} '{full}' cannot be created: '{blocker}' on its way is a file, not a folder. Choose another path.", full);
    }

    /// <summary>
    /// <see cref="RequireWritableDirectory"/>, and for a folder that does not exist yet, whether it can be created at
    /// all: its first missing folder is created and removed at once (nothing is left behind), so that a place where
    /// no folder can be made (/proc, a read-only file system, a folder without write permission) fails before any
    /// work instead of after it. An existing folder is left to the writes.
    /// </summary>
    public static void RequireCreatableDirectory(string path, string what)
    {
        RequireWritableDirectory(path, what);
        var full = FullPath(path, what);
        if (Directory.Exists(full)) return;
        var first = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        for (var parent = Path.GetDirectoryName(first); !string.IsNullOrEmpty(parent) && !Directory.Exists(parent); parent = Path.GetDirectoryName(parent))
            first = parent;
        try
        {
            Directory.CreateDirectory(first);
        }
        catch (Exception e) when (IsPathFailure(e))
        {
            throw new MeshException(OutputPathInvalid, MeshErrorKind.InvalidArgument,
                $"{what} '{full}' cannot be created: {e.Message} Choose a folder you can write to.", full, e);
        }
        try
        {
            Directory.Delete(first);
        }
        catch (Exception e) when (IsPathFailure(e))
        {
            // Someone else filled it meanwhile; it is theirs then.
        }
    }

    /// <summary>The error for a write that failed anyway (permissions, read-only file system, a file appearing meanwhile).</summary>
    public static MeshException WriteFailed(string path, string what, Exception error) =>
        new(OutputPathInvalid, MeshErrorKind.InvalidArgument,
            $"{what} '{path}' cannot be written: {error.Message} Check the path and its permissions.", path, error);

    /// <summary>True for the exceptions a file write throws for a bad path (not for bugs).</summary>
    public static bool IsPathFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException;

    private static string FullPath(string path, string what)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (IsPathFailure(e))
        {
            throw new MeshException(OutputPathInvalid, MeshErrorKind.InvalidArgument, $"{what} '{path}' is not a valid path: {e.Message}", path, e);
        }
    }

    // The nearest ancestor that exists; when it is a file, the folder can never be created.
    private static string? ExistingFileOnTheWay(string path)
    {
        for (var current = Path.GetDirectoryName(path); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current)) return null;
            if (File.Exists(current)) return current;
        }
        return null;
    }
}
