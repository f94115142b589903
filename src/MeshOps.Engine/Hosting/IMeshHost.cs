namespace MeshOps.Engine.Hosting;

/// <summary>
/// The only way the engine talks back to its caller (a cmdlet, a test, a benchmark). Kept small on purpose:
/// the engine knows nothing of PowerShell. Implementations must be safe to call from worker threads.
/// </summary>
public interface IMeshHost
{
    void WriteVerbose(string message);
    void WriteWarning(string message);
    void WriteDebug(string message);
    void WriteProgress(MeshProgress progress);
}

/// <summary>One progress report; <see cref="PercentComplete"/> is -1 when unknown.</summary>
public sealed record MeshProgress(int ActivityId, string Activity, string Status, int PercentComplete = -1, bool Completed = false)
{
    /// <summary>The activity this one is nested under (e.g. a workload under its batch); -1 for none.</summary>
    public int ParentActivityId { get; init; } = -1;
}

/// <summary>A host that drops everything; for tests and library callers that do not listen.</summary>
public sealed class NullMeshHost : IMeshHost
{
    public static readonly NullMeshHost Instance = new();
    public void WriteVerbose(string message) { }
    public void WriteWarning(string message) { }
    public void WriteDebug(string message) { }
    public void WriteProgress(MeshProgress progress) { }
}
