using System.Management.Automation;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Keeps a piped Get-MeshCluster object (MeshClusterInfo) from binding as a value to a parameter that takes pipeline
/// input by value. PowerShell would convert the object to its context name and bind it as a revision name, a namespace
/// or a path; refusing it here would fail the whole binding (a transformation error is not a "try the next parameter").
/// So the object becomes <see cref="Marker"/>, which the cmdlets drop (<see cref="MeshClusterCmdlet.WithoutClusterInfo"/>):
/// the object binds only to -Context, by its Context property.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class NotFromClusterInfoAttribute : ArgumentTransformationAttribute
{
    /// <summary>What a piped MeshClusterInfo becomes; no name, path or namespace can be it.</summary>
    internal const string Marker = "\0MeshClusterInfo";

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) => IsClusterInfo(inputData) ? Marker : inputData;

    internal static bool IsClusterInfo(object? input) => (input is PSObject ps ? ps.BaseObject : input) is MeshClusterInfo;
}
