namespace MeshOps.Engine.Hosting;

/// <summary>
/// Passes everything to the host, and puts the top-level progress bars of the work it is given (the manifest
/// generator's, the applier's) under a parent bar: install and uninstall show their steps nested without every step
/// having to know who called it.
/// </summary>
public sealed class NestedProgressHost(IMeshHost inner, int parentId) : IMeshHost
{
    public void WriteVerbose(string message) => inner.WriteVerbose(message);
    public void WriteWarning(string message) => inner.WriteWarning(message);
    public void WriteDebug(string message) => inner.WriteDebug(message);

    public void WriteProgress(MeshProgress progress) =>
        inner.WriteProgress(progress.ParentActivityId < 0 && progress.ActivityId != parentId ? progress with { ParentActivityId = parentId } : progress);
}
