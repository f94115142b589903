using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MeshOps.Engine.Releases;

namespace MeshOps.Cmdlets.Completers;

/// <summary>
/// Completes -Version with the releases in the local release cache ($MESHOPS_CACHE or the user cache folder), newest
/// first since a newer release is the usual choice; no completion rather than an error when the cache cannot be read.
/// </summary>
public sealed class CachedReleaseVersionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<CachedRelease> releases;
        try { releases = ReleaseCache.Default().List(); }
        catch (Exception) { yield break; } // completion never throws at the user
        var word = wordToComplete.Trim('\'', '"');
        foreach (var release in releases.Reverse())
        {
            var version = release.Version.ToString();
            if (!version.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            yield return new CompletionResult(version, version, CompletionResultType.ParameterValue, $"Istio {version}, cached in {release.Folder}");
        }
    }
}
