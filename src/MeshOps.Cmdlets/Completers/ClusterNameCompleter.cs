using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Completers;

/// <summary>
/// Completes names read from the cluster the command line points at (its -Kubeconfig and -Context), quickly and
/// quietly: one attempt, five seconds, and no completion rather than an error when there is no cluster.
/// </summary>
public abstract class ClusterNameCompleter : IArgumentCompleter
{
    /// <summary>The candidate names, read from the cluster.</summary>
    protected abstract IEnumerable<string> Names(MeshCluster cluster, CancellationToken cancel);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var names = new List<string>();
        try
        {
            var options = ConnectionOptions.ForKubeconfigFiles(CompleterKubeconfig.Files(fakeBoundParameters)) with
            {
                // -Context takes several (and wildcards); names are completed from the first plain one.
                Context = BoundArguments.Strings(fakeBoundParameters["Context"]).FirstOrDefault(c => !WildcardPattern.ContainsWildcardCharacters(c)),
                Retry = new RetryPolicy { MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(5) },
            };
            using var cluster = MeshCluster.Connect(options, NullMeshHost.Instance);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            names.AddRange(Names(cluster, timeout.Token));
        }
        catch (Exception)
        {
            // No cluster, no completion: completion never throws at the user.
        }
        var word = wordToComplete.Trim('\'', '"');
        return names.Distinct().Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
