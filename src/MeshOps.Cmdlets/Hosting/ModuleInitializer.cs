using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace MeshOps.Cmdlets.Hosting;

/// <summary>
/// Runs when PowerShell imports the module: routes the one assembly the cmdlets compile against,
/// MeshOps.Engine, into <see cref="EngineLoadContext"/>. Everything the engine needs then resolves inside it.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string EngineAssemblyName = "MeshOps.Engine";
    private static readonly object Gate = new();
    private static EngineLoadContext? s_context;
    private static bool s_hooked;

    public void OnImport() => EnsureEngineResolver();

    /// <summary>
    /// Also runs as the assembly's module initializer: PowerShell may reflect over cmdlet types (and so reach
    /// engine types) before it calls <see cref="OnImport"/>.
    /// </summary>
#pragma warning disable CA2255 // A library initializer is the point here: it must run before PowerShell reflects.
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void EnsureEngineResolver()
    {
        lock (Gate)
        {
            // Import-Module -Force runs OnRemove then OnImport again: the context stays, the handler comes back.
            if (s_context == null)
            {
                var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
                s_context = new EngineLoadContext(Path.Combine(moduleDirectory, "Dependencies"));
            }
            if (!s_hooked)
            {
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
                s_hooked = true;
            }
        }
    }

    public void OnRemove(PSModuleInfo module)
    {
        // The context itself cannot be unloaded (the cmdlet types hold on to engine types); only stop resolving.
        lock (Gate)
        {
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            s_hooked = false;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal)) return null;
        var context = s_context;
        return context?.LoadFromAssemblyName(name);
    }
}
