namespace MeshOps;

/// <summary>
/// An object of Export-MeshManifest -AsObject. Joined as <c>Yaml + "---\n"</c> in order, the objects are the text
/// Export-MeshManifest prints without -AsObject.
/// </summary>
public sealed class MeshManifestObject : MeshManifestDocument
{
    internal MeshManifestObject(string component, string apiVersion, string kind, string @namespace, string name, string yaml)
        : base(apiVersion, kind, @namespace, name, yaml) => Component = component;

    /// <summary>The istioctl component that renders it: Base, Pilot, Cni, IstiodRemote, Ztunnel, IngressGateways, EgressGateways.</summary>
    public string Component { get; }
}
