using System.Collections;
using System.Management.Automation;

namespace MeshOps.Cmdlets.Completers;

/// <summary>
/// The -Kubeconfig files of the command line being completed, resolved as the command will resolve them: a relative
/// path (or a PowerShell drive's) against PowerShell's current location (Set-Location), not the process's working
/// directory, which PowerShell does not move.
/// </summary>
internal static class CompleterKubeconfig
{
    public static string[] Files(IDictionary fakeBoundParameters)
    {
        var typed = BoundArguments.Strings(fakeBoundParameters["Kubeconfig"]);
        return typed.Length == 0 ? typed : typed.Select(Resolve).ToArray();
    }

    private static string Resolve(string path)
    {
        try
        {
            // Completion runs on the runspace's own thread, so a command can run in it: Convert-Path resolves as the
            // session sees paths (a file that does not exist cannot be completed from anyway).
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            var resolved = ps.AddCommand(@"Microsoft.PowerShell.Management\Convert-Path").AddParameter("LiteralPath", path).Invoke<string>();
            return !ps.HadErrors && resolved.Count == 1 ? resolved[0] : path;
        }
        catch (Exception)
        {
            return path; // no runspace at hand: as typed
        }
    }
}
