using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MeshOps.Engine.Operator;

namespace MeshOps.Cmdlets.Completers;

/// <summary>Completes profile names from the profiles/ folder of the -ManifestsPath already typed.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (fakeBoundParameters["ManifestsPath"] is not string manifests || !Directory.Exists(manifests)) yield break;
        IReadOnlyList<string> names;
        try { names = ProfileCatalog.List(manifests); }
        catch (Exception) { yield break; } // completion never throws at the user
        var word = wordToComplete.Trim('\'', '"');
        foreach (var name in names.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
    }
}
