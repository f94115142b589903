using System.Text.Json.Nodes;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// The revisions (istiod Deployments) and revision tags (tag webhooks labelled istio.io/tag=T, istio.io/rev=R) of a
/// cluster, read with two list calls, and how a namespace or pod label resolves to the revision that injects it
/// (FACTS.md section 4).
/// </summary>
public sealed class InjectionTargets
{
    private readonly HashSet<string> _revisions;
    private readonly Dictionary<string, string> _tags;

    public InjectionTargets(IEnumerable<string> revisions, IReadOnlyDictionary<string, string> tags)
    {
        _revisions = new HashSet<string>(revisions, StringComparer.Ordinal);
        _tags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
    }

    /// <summary>Reads revisions and tags: one list of istiod Deployments, one of tag webhooks.</summary>
    public static async Task<InjectionTargets> LoadAsync(MeshCluster cluster, CancellationToken ct)
    {
        var deployments = cluster.ListAsync("apps/v1", "Deployment", null, "app=istiod", ct);
        var webhooks = cluster.ListAsync("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", null, MeshLabels.Tag, ct);
        var revisions = (await deployments.ConfigureAwait(false))
            .Select(d => MeshLabels.RevisionValue(d.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Revision)));
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var webhook in await webhooks.ConfigureAwait(false))
        {
            var labels = webhook.StringMap("metadata", "labels");
            if (labels.TryGetValue(MeshLabels.Tag, out var tag) && labels.TryGetValue(MeshLabels.Revision, out var rev)) tags[tag] = rev;
        }
        return new InjectionTargets(revisions, tags);
    }

    public IReadOnlyCollection<string> Revisions => _revisions;
    public IReadOnlyDictionary<string, string> Tags => _tags;

    /// <summary>True when <paramref name="name"/> is a revision or a tag.</summary>
    public bool Exists(string name) => _revisions.Contains(name) || _tags.ContainsKey(name);

    /// <summary>The revision an istio.io/rev value selects: a tag's revision, else the revision itself; null when neither exists.</summary>
    public string? Resolve(string? selector)
    {
        if (string.IsNullOrEmpty(selector)) return null;
        // A tag webhook matches its tag name; when a revision has the same name both would inject, the tag is what istioctl sets up.
        if (_tags.TryGetValue(selector, out var revision)) return revision;
        return _revisions.Contains(selector) ? selector : null;
    }

    /// <summary>The revision istio-injection=enabled and sidecar.istio.io/inject=true go to: the default tag, else the default revision.</summary>
    public string? DefaultRevision => Resolve("default");

    /// <summary>
    /// The revision that injects a new pod with these labels in a namespace with these labels; null when none does.
    /// istio-injection wins over istio.io/rev (any value); pod-level selectors count only when the namespace has neither label.
    /// </summary>
    public string? InjectorFor(IReadOnlyDictionary<string, string> namespaceLabels, IReadOnlyDictionary<string, string>? podLabels)
    {
        if (namespaceLabels.TryGetValue(MeshLabels.LegacyInjection, out var legacy)) return legacy == "enabled" ? DefaultRevision : null;
        if (namespaceLabels.TryGetValue(MeshLabels.Revision, out var rev)) return Resolve(rev);
        if (podLabels == null) return null;
        if (podLabels.TryGetValue(MeshLabels.Revision, out var podRev)) return Resolve(podRev);
        return podLabels.GetValueOrDefault(InjectLabel) == "true" ? DefaultRevision : null;
    }

    /// <summary>Pod label (or legacy annotation) that opts a pod in or out of injection.</summary>
    public const string InjectLabel = "sidecar.istio.io/inject";

    /// <summary>The error for a revision or tag that is not in the cluster.</summary>
    public Hosting.MeshException NotFound(string name) => new("RevisionNotFound", Hosting.MeshErrorKind.ObjectNotFound,
        $"No control-plane revision or tag named '{name}' in the cluster. Revisions there: " +
        (_revisions.Count == 0 ? "none (install one with Install-MeshControlPlane)" : string.Join(", ", _revisions.Order(StringComparer.Ordinal))) +
        (_tags.Count == 0 ? "" : "; tags: " + string.Join(", ", _tags.Keys.Order(StringComparer.Ordinal))) +
        ". Use -Force to label the namespace anyway.", name);
}
