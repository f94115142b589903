using System.Management.Automation;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// -Context's validation: no empty name and no empty list, but null is allowed and means "no -Context" (the current
/// context, or in a pod the in-cluster service account). A Get-MeshCluster object of the in-cluster service account
/// has Context null and binds it by property name; ValidateNotNullOrEmpty would fail that record instead of working on
/// the cluster it describes.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateContextNamesAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject ps ? ps.BaseObject : arguments;
        if (value == null) return;
        var names = value is string one ? [one] : value is System.Collections.IEnumerable many ? many.Cast<object?>().ToArray() : [value];
        if (names.Length == 0)
            throw new ValidationMetadataException("-Context is an empty list: name at least one context, or leave -Context out for the current one.");
        foreach (var name in names)
            if (string.IsNullOrEmpty((name is PSObject p ? p.BaseObject : name)?.ToString()))
                throw new ValidationMetadataException("-Context has an empty name: name a kubeconfig context (Get-MeshCluster lists them), or leave -Context out for the current one.");
    }
}
