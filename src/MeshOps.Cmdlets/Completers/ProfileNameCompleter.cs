using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MeshOps.Engine.Operator;

namespace MeshOps.Cmdlets.Completers;

/// <summary>Completes profile names from the profiles/ folder of the -ManifestsPath already typed, else of the cached -Version.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    private static string? CachedManifests(string? version)
    {
        if (!MeshOps.Engine.Releases.IstioVersion.TryParse(version, out var parsed)) return null;
        try { return MeshOps.Engine.Releases.ReleaseCache.Default().TryGet(parsed!)?.ManifestsPath; }
        catch (Exception) { return null; } // completion never throws at the user
    }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var manifests = fakeBoundParameters["ManifestsPath"] as string ?? CachedManifests(fakeBoundParameters["Version"] as string);
        if (manifests == null || !Directory.Exists(manifests)) yield break;
        IReadOnlyList<string> names;
        try { names = ProfileCatalog.List(manifests); }
        catch (Exception) { yield break; } // completion never throws at the user
        var word = wordToComplete.Trim('\'', '"');
        foreach (var name in names.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
    }
}
