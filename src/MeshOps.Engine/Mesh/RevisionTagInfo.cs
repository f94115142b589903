namespace MeshOps.Engine.Mesh;

/// <summary>One revision tag in a cluster (a MutatingWebhookConfiguration labelled istio.io/tag), as istioctl tag list shows it.</summary>
public sealed record RevisionTagInfo
{
    public required string Tag { get; init; }
    /// <summary>The revision it points at (its istio.io/rev label; "default" for the unnamed revision).</summary>
    public required string Revision { get; init; }
    /// <summary>Namespace of the istiod service its webhooks call ("" when they call a URL).</summary>
    public required string ControlPlaneNamespace { get; init; }
    /// <summary>The MutatingWebhookConfiguration(s) that make the tag.</summary>
    public required IReadOnlyList<string> WebhookNames { get; init; }
    /// <summary>
    /// Namespaces whose new pods the tag injects: labelled istio.io/rev=TAG without an istio-injection label (which
    /// wins), and for the default tag also those labelled istio-injection=enabled. Sorted.
    /// </summary>
    public required IReadOnlyList<string> Namespaces { get; init; }
}

/// <summary>What a tag operation does to one object.</summary>
public enum RevisionTagAction
{
    Create,
    Update,
    /// <summary>The default revision's injector gets never-matching selectors (kept so it can be reactivated).</summary>
    Deactivate,
    Delete,
}

/// <summary>One write of a tag operation; <see cref="Body"/> is what is applied (null for deletions).</summary>
public sealed record RevisionTagChange(RevisionTagAction Action, string Kind, string Name, string Reason)
{
    internal System.Text.Json.Nodes.JsonObject? Body { get; init; }

    /// <summary>The object's API version: admission webhooks, or v1 for the tag's Service (1.28+).</summary>
    internal string ApiVersion { get; init; } = "admissionregistration.k8s.io/v1";

    /// <summary>The namespace of a namespaced object (the tag's Service); null for the cluster-scoped webhooks.</summary>
    internal string? Namespace { get; init; }

    public override string ToString() => $"{Action} {Kind} {(Namespace == null ? "" : Namespace + "/")}{Name}: {Reason}";
}

/// <summary>The writes a Set or Remove would make, in order; run it with <see cref="RevisionTagManager.ExecuteAsync"/>.</summary>
public sealed record RevisionTagPlan
{
    public required string Tag { get; init; }
    /// <summary>The revision the tag points at after Set; the one it pointed at before Remove.</summary>
    public required string Revision { get; init; }
    public required IReadOnlyList<RevisionTagChange> Changes { get; init; }
    /// <summary>Namespaces using the tag (for Remove: those that lose injection); empty when the request did not ask (the install's default tag).</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }
}

/// <summary>Set-MeshRevisionTag's input.</summary>
public sealed record SetRevisionTagRequest
{
    public required string Tag { get; init; }
    /// <summary>A revision name (not a tag).</summary>
    public required string Revision { get; init; }
    /// <summary>Retarget a tag that points at another revision.</summary>
    public bool Overwrite { get; init; }
    /// <summary>Proceed when no istiod Deployment of the revision is found (its injector webhook must still exist).</summary>
    public bool Force { get; init; }
    /// <summary>istioctl --auto-inject-namespaces: the default tag also injects unlabelled namespaces.</summary>
    public bool AutoInjectNamespaces { get; init; }
    /// <summary>
    /// The namespace of the revision's istiod when the caller knows it (the install that has just applied it). With
    /// <see cref="Force"/> and the default tag, the plan then needs nothing RevisionReader lists (every revision's
    /// Deployments, records, IstioOperators, all namespaces and pods), only the webhooks it changes.
    /// </summary>
    internal string? KnownRevisionNamespace { get; init; }
    /// <summary>The release of the revision when the caller knows it (the install that rendered it), so the lean path keeps its release's tag rules.</summary>
    internal Releases.IstioVersion? KnownRevisionVersion { get; init; }
    /// <summary>
    /// Every ValidatingWebhookConfiguration, when the caller has just read them all and has written none the plan
    /// looks at since (the default validator, the deprecated ones): the lean path reads none itself.
    /// </summary>
    internal IReadOnlyList<System.Text.Json.Nodes.JsonObject>? KnownValidatingWebhooks { get; init; }
    /// <summary>
    /// The caller saw no webhook of the tag just before (the install's list of every MutatingWebhookConfiguration):
    /// then, for a release whose istioctl makes no tag Service (before 1.28, and which leaves Services alone), the
    /// tag has none to clean either (a tag's Service comes and goes with its webhooks), and none is listed.
    /// </summary>
    internal bool NoTagWebhooksBefore { get; init; }
    /// <summary>Whether the plan names the namespaces using the tag (a list of every namespace); the install, which shows none, does not ask.</summary>
    internal bool ListNamespaces { get; init; } = true;
    /// <summary>
    /// The install's automatic default tag, not a tag set by hand: like istioctl's (1.19+) its webhooks keep the
    /// operator.istio.io labels and are marked not to be pruned (<see cref="RevisionTagWebhooks.NotPrunedLabel"/>).
    /// </summary>
    internal bool ByInstaller { get; init; }
}
