using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>A revision tag in a cluster (Get-MeshRevisionTag; Set-MeshRevisionTag -PassThru).</summary>
public sealed class MeshRevisionTag : MeshClusterObject
{
    internal MeshRevisionTag(RevisionTagInfo info)
    {
        Tag = info.Tag;
        Revision = info.Revision;
        ControlPlaneNamespace = info.ControlPlaneNamespace;
        WebhookNames = info.WebhookNames.ToArray();
        Namespaces = info.Namespaces.ToArray();
    }

    /// <summary>The tag: namespaces labelled istio.io/rev=TAG are injected by its revision.</summary>
    public string Tag { get; }
    /// <summary>The revision the tag points at.</summary>
    public string Revision { get; }
    /// <summary>Namespace of the istiod service the tag's webhooks call ("" when they call a URL).</summary>
    public string ControlPlaneNamespace { get; }
    /// <summary>The MutatingWebhookConfiguration(s) that make the tag (istio-revision-tag-TAG[-NAMESPACE]).</summary>
    public string[] WebhookNames { get; }
    /// <summary>Namespaces whose new pods the tag injects (for the default tag also istio-injection=enabled ones).</summary>
    public string[] Namespaces { get; }

    public override string ToString() => Tag;
}
