using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MeshOps.Engine.Kube;

namespace MeshOps.Cmdlets.Completers;

/// <summary>
/// Completes -Context with the contexts of the kubeconfig the command line names (-Kubeconfig, else KUBECONFIG or
/// ~/.kube/config), read from the files only: no credential plugin runs and no server is asked.
/// </summary>
public sealed class KubeContextCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<KubeContextInfo> contexts;
        try
        {
            var options = ConnectionOptions.ForKubeconfigFiles(CompleterKubeconfig.Files(fakeBoundParameters));
            contexts = KubeContextList.Read(options).Contexts;
        }
        catch (Exception) { yield break; } // completion never throws at the user
        var word = wordToComplete.Trim('\'', '"');
        foreach (var context in contexts)
        {
            if (!context.Name.StartsWith(word, StringComparison.OrdinalIgnoreCase)) continue;
            yield return new CompletionResult(context.Name, context.Name, CompletionResultType.ParameterValue,
                $"{context.Name}: {context.Server}{(context.Current ? " (current)" : "")}");
        }
    }
}
