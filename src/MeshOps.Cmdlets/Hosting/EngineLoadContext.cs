using System.Reflection;
using System.Runtime.Loader;

namespace MeshOps.Cmdlets.Hosting;

/// <summary>
/// Loads MeshOps.Engine and its dependencies (KubernetesClient, YamlDotNet, ...) from the module's Dependencies
/// folder, apart from the default context, so another module's YamlDotNet cannot break us, nor ours break it.
/// See "Resolving PowerShell module assembly dependency conflicts" in the PowerShell docs.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _dependencyDirectory;

    public EngineLoadContext(string dependencyDirectory)
        : base(name: "MeshOps.Engine", isCollectible: false)
    {
        _dependencyDirectory = dependencyDirectory;
    }

    public string DependencyDirectory => _dependencyDirectory;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var candidate = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
        // Anything not shipped in Dependencies (the framework itself) comes from the default context.
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
