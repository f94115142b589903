using System.Management.Automation;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Base of every MeshOps cmdlet: Ctrl+C cancels the engine through <see cref="CancelToken"/>, engine messages
/// reach Verbose/Warning/Progress on the pipeline thread, and engine errors become ErrorRecords with stable ids.
/// </summary>
public abstract class MeshCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private PipelineHost? _host;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancelToken => _cancel.Token;

    internal PipelineHost MeshHost => _host ??= new PipelineHost(this);

    protected override void StopProcessing() => _cancel.Cancel();

    protected sealed override void BeginProcessing() => Guard(Begin);
    protected sealed override void ProcessRecord() => Guard(() =>
    {
        OnRecord();
        Process();
    });

    /// <summary>Called for each pipeline record before <see cref="Process"/> (MeshClusterCmdlet notes the contexts bound).</summary>
    private protected virtual void OnRecord() { }
    protected sealed override void EndProcessing() => Guard(() =>
    {
        OnEnd();
        End();
    });

    /// <summary>Called before <see cref="End"/>.</summary>
    private protected virtual void OnEnd() { }

    protected virtual void Begin() { }
    protected virtual void Process() { }
    protected virtual void End() { }

    /// <summary>Runs engine work off the pipeline thread, relaying its messages, and returns its result.</summary>
    protected T RunEngine<T>(Func<IMeshHost, CancellationToken, Task<T>> work) => MeshHost.Run(() => work(MeshHost, CancelToken));

    /// <summary>Runs synchronous engine work with this cmdlet as host.</summary>
    protected T RunEngine<T>(Func<IMeshHost, CancellationToken, T> work) => MeshHost.Run(() => Task.FromResult(work(MeshHost, CancelToken)));

    /// <summary>
    /// The manifests folder and release of the rendering cmdlets: -ManifestsPath (against PowerShell's current location)
    /// whose release is -Version or what its charts say, or -Version alone (the release cache); the engine says what is
    /// wrong when neither is given or the release cannot be told.
    /// </summary>
    protected LocatedManifests ResolveManifests(string? manifestsPath, string? version) =>
        ManifestsLocator.Resolve(manifestsPath == null ? null : GetUnresolvedProviderPathFromPSPath(manifestsPath), version);

    /// <summary>
    /// Adds file paths as other file cmdlets take them: wildcards expand through the provider; a literal path is kept
    /// as given (made absolute), so a missing file is named by the engine.
    /// </summary>
    protected void AddFilePaths(IEnumerable<string>? paths, List<string> files)
    {
        foreach (var path in paths ?? Array.Empty<string>())
        {
            if (path == NotFromClusterInfoAttribute.Marker) continue; // a piped Get-MeshCluster object names no file
            var resolved = WildcardPattern.ContainsWildcardCharacters(path)
                ? GetResolvedProviderPathFromPSPath(path, out _)
                : new System.Collections.ObjectModel.Collection<string> { GetUnresolvedProviderPathFromPSPath(path) };
            foreach (var file in resolved)
            {
                PathErrors.RequireNotDirectory(file, "-Path");
                files.Add(file);
            }
        }
    }

    /// <summary>Writes a non-terminating error for an engine failure and carries on.</summary>
    protected void WriteMeshError(MeshException error) => WriteError(ErrorRecords.From(error));

    private void Guard(Action stage)
    {
        try
        {
            stage();
        }
        catch (MeshException error)
        {
            MeshHost.CompleteOpen();
            ThrowTerminatingError(ErrorRecords.From(error));
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            // Ctrl+C: PowerShell is already stopping the pipeline; nothing more to say.
            MeshHost.CompleteOpenIfRunning();
            throw new PipelineStoppedException();
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _cancel.Dispose();
    }
}
