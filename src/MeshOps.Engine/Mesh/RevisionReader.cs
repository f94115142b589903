using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Finds every control-plane revision in a cluster, whoever installed it: istiod Deployments labelled
/// istio.io/rev, their tags (tag webhooks), the namespaces that select them, and the pods they injected.
/// </summary>
public sealed class RevisionReader
{
    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public RevisionReader(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <summary>All revisions, sorted by name.</summary>
    public async Task<IReadOnlyList<RevisionInfo>> ListAsync(CancellationToken ct)
    {
        var deployments = await _cluster.ListAsync("apps/v1", "Deployment", null, "app=istiod", ct).ConfigureAwait(false);
        if (deployments.Count == 0) return Array.Empty<RevisionInfo>();
        var webhooks = await _cluster.ListAsync("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", null, MeshLabels.Tag, ct).ConfigureAwait(false);
        var namespaces = await _cluster.ListAsync("v1", "Namespace", null, null, ct).ConfigureAwait(false);
        var records = await _cluster.ListAsync("v1", "ConfigMap", null, MeshLabels.InstallRecord + "=true", ct).ConfigureAwait(false);
        var states = await _cluster.ListAsync("install.istio.io/v1alpha1", "IstioOperator", null, null, ct).ConfigureAwait(false);
        var podsByRevision = await CountInjectedPodsAsync(ct).ConfigureAwait(false);

        var revisions = new List<RevisionInfo>();
        foreach (var deployment in deployments)
        {
            var labels = deployment.StringMap("metadata", "labels");
            var name = labels.GetValueOrDefault(MeshLabels.Revision) ?? "default";
            var ns = deployment.Str("metadata", "namespace") ?? "";
            var tags = webhooks.Where(w => w.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Revision) == name)
                .Select(w => w.StringMap("metadata", "labels")[MeshLabels.Tag]).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
            var selectors = new HashSet<string>(tags, StringComparer.Ordinal) { name };
            var injected = namespaces.Where(n =>
            {
                var nsLabels = n.StringMap("metadata", "labels");
                // istio-injection wins over istio.io/rev; "enabled" goes to the default revision or the default tag.
                if (nsLabels.TryGetValue(MeshLabels.LegacyInjection, out var legacy)) return legacy == "enabled" && selectors.Contains("default");
                return nsLabels.TryGetValue(MeshLabels.Revision, out var rev) && selectors.Contains(rev);
            }).Select(n => n.Str("metadata", "name")!).OrderBy(n => n, StringComparer.Ordinal).ToList();

            var recordMap = records.FirstOrDefault(r => r.Str("metadata", "namespace") == ns
                && r.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Revision) == name);
            var record = recordMap == null ? null : InstallRecord.FromConfigMap(recordMap);
            // istioctl keeps installed-state beside istiod as a rule, but its own namespace may differ: prefer the one beside it.
            var forRevision = states.Where(s => (s.Str("spec", "revision") ?? "default") is var r && (r.Length == 0 ? "default" : r) == name).ToList();
            var state = forRevision.FirstOrDefault(s => s.Str("metadata", "namespace") == ns) ?? forRevision.FirstOrDefault();

            revisions.Add(new RevisionInfo
            {
                Name = name,
                Namespace = ns,
                IstioVersion = record?.IstioVersion is { Length: > 0 } v ? v : RevisionVersion.FromDeployment(deployment),
                Profile = record?.Profile ?? StateProfile(state),
                Replicas = (int)(deployment.Int("spec", "replicas") ?? 1),
                ReadyReplicas = (int)(deployment.Int("status", "readyReplicas") ?? 0),
                Tags = tags,
                Namespaces = injected,
                SidecarPods = podsByRevision.GetValueOrDefault(name),
                Installer = record != null ? Installer.MeshOps
                    : labels.GetValueOrDefault("app.kubernetes.io/managed-by") == "Helm" || labels.ContainsKey("helm.sh/chart") ? Installer.Helm
                    : labels.ContainsKey("install.operator.istio.io/owning-resource") || state != null ? Installer.Istioctl
                    : Installer.Unknown,
                Record = record,
            });
        }
        _host.WriteVerbose($"Found {revisions.Count} control-plane revision(s)");
        return revisions.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>One revision by name; throws RevisionNotFound naming the revisions there are.</summary>
    public async Task<RevisionInfo> GetAsync(string name, CancellationToken ct)
    {
        var all = await ListAsync(ct).ConfigureAwait(false);
        var match = all.FirstOrDefault(r => r.Name == name)
            // A tag names a revision too, as istioctl accepts tags wherever it takes a revision.
            ?? all.FirstOrDefault(r => r.Tags.Contains(name));
        return match ?? throw new MeshException("RevisionNotFound", MeshErrorKind.ObjectNotFound,
            $"No control-plane revision or tag named '{name}' in the cluster. Revisions there: " +
            (all.Count == 0 ? "none (install one with Install-MeshControlPlane)" : string.Join(", ", all.Select(r => r.Name))) + ".", name);
    }

    private async Task<Dictionary<string, int>> CountInjectedPodsAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in await _cluster.ListAsync("v1", "Pod", null, null, ct).ConfigureAwait(false))
        {
            var revision = InjectedRevision(pod);
            if (revision != null) counts[revision] = counts.GetValueOrDefault(revision) + 1;
        }
        return counts;
    }

    /// <summary>The revision that injected a pod, from its sidecar.istio.io/status annotation; null when not injected.</summary>
    internal static string? InjectedRevision(JsonObject pod)
    {
        var status = pod.Str("metadata", "annotations", MeshLabels.SidecarStatus);
        if (string.IsNullOrEmpty(status)) return null;
        if (lastStatus is { } last && string.Equals(last.Text, status, StringComparison.Ordinal)) return last.Revision;
        string revision;
        try
        {
            using var doc = JsonDocument.Parse(status);
            revision = doc.RootElement.TryGetProperty("revision", out var rev) && rev.ValueKind == JsonValueKind.String && rev.GetString() is { Length: > 0 } r ? r : "default";
        }
        catch (JsonException)
        {
            revision = "default"; // injected, but by something that wrote an odd status
        }
        lastStatus = (status, revision);
        return revision;
    }

    // The pods of one workload carry the same status text and lists come in namespace order, so remembering the last
    // one saves nearly every parse (describing 10,000 pods after a label change parsed 5,000 equal annotations:
    // bench/README.md, Labels). One entry per thread: no growth, no sharing.
    [ThreadStatic] private static (string Text, string Revision)? lastStatus;

    /// <summary>The profile of istioctl's installed-state: an IstioOperator without spec.profile used "default"; "" when there is no state.</summary>
    private static string StateProfile(JsonObject? state) =>
        state == null ? "" : state.Str("spec", "profile") is { Length: > 0 } profile ? profile : "default";
}
