using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Controllers;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Selectors;
using MeshOps.Testing.KubeApi.Storage;

namespace MeshOps.Testing.KubeApi.Admission;

/// <summary>
/// Stands in for the Istio sidecar injectors behind the MutatingWebhookConfigurations stored in the server. On every pod
/// CREATE it calls the webhooks as the real API server does: configurations in name order, each webhook whose rules
/// cover pod creation and whose namespaceSelector and objectSelector match; the first that injects wins, because
/// istiod leaves a pod alone once it carries sidecar.istio.io/status. The revision that injects is the one behind the
/// webhook's service (istiod-REV; label istio.io/rev), so revision tags inject for the revision they point at.
/// The pod gets what the 1.18 injection template writes that tools read (FACTS.md section 3): annotations
/// sidecar.istio.io/status (with "revision") and istio.io/rev, the tlsMode and canonical labels, istio-init and
/// istio-proxy with the revision's proxy image (values global.hub/tag/proxy.image of ConfigMap istio-sidecar-injector-REV).
/// </summary>
public sealed class SimulatedInjector
{
    public const string StatusAnnotation = "sidecar.istio.io/status";
    const string RevisionKey = "istio.io/rev";

    readonly ResourceService _svc;
    readonly ControllerSettings _settings;

    public SimulatedInjector(ResourceService svc, ControllerSettings settings)
    {
        _svc = svc;
        _settings = settings;
    }

    /// <summary>Mutating admission of a new object (called under the store lock, before validation).</summary>
    public void Admit(ResourceType type, string ns, JsonObject obj)
    {
        if (type.Group != "" || type.Kind != "Pod") return;
        var meta = JsonTools.Meta(obj);
        if (JsonTools.Str(meta, "annotations", StatusAnnotation) is { Length: > 0 }) return;
        if (JsonTools.At(obj, "spec", "hostNetwork") is JsonValue h && h.TryGetValue<bool>(out var host) && host) return;
        var hookType = _svc.Catalog.Find("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations");
        if (hookType == null) return;
        var nsObj = _svc.Store.Get(_svc.Catalog.Find("", "v1", "namespaces")!.StorageKey, "", ns);
        var nsLabels = ObjectLabelSelector.LabelsOf(nsObj);
        var podLabels = ObjectLabelSelector.LabelsOf(obj);
        foreach (var config in _svc.Store.List(hookType.StorageKey, null).OrderBy(JsonTools.Name, StringComparer.Ordinal))
        {
            foreach (var hook in (config["webhooks"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
            {
                if (!CoversPodCreate(hook)) continue;
                if (!ObjectLabelSelector.Matches(hook["namespaceSelector"], nsLabels) || !ObjectLabelSelector.Matches(hook["objectSelector"], podLabels)) continue;
                var injector = Resolve(config, hook);
                if (injector.Error != null)
                {
                    if (JsonTools.Str(hook, "failurePolicy") == "Ignore") continue;
                    throw new ApiException(500, "InternalError",
                        $"Internal error occurred: failed calling webhook \"{JsonTools.Str(hook, "name")}\": {injector.Error}");
                }
                Inject(obj, injector.Revision!, injector.ProxyImage!);
                return;
            }
        }
    }

    static bool CoversPodCreate(JsonObject hook) =>
        (hook["rules"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Any(r =>
            Has(r, "operations", "CREATE") && Has(r, "apiGroups", "") && Has(r, "apiVersions", "v1") && Has(r, "resources", "pods"));

    static bool Has(JsonObject rule, string field, string value) =>
        (rule[field] as JsonArray ?? new JsonArray()).Any(v => v?.ToString() is { } s && (s == value || s == "*"));

    /// <summary>The revision and proxy image behind a webhook, or why calling it fails.</summary>
    (string? Revision, string? ProxyImage, string? Error) Resolve(JsonObject config, JsonObject hook)
    {
        var service = JsonTools.At(hook, "clientConfig", "service") as JsonObject;
        string? revision;
        string? controlPlaneNs = null;
        if (service != null)
        {
            var svcName = JsonTools.Str(service, "name") ?? "";
            controlPlaneNs = JsonTools.Str(service, "namespace") ?? "";
            var svcObj = _svc.Store.Get(_svc.Catalog.Find("", "v1", "services")!.StorageKey, controlPlaneNs, svcName);
            var url = $"Post \"https://{svcName}.{controlPlaneNs}.svc:{JsonTools.Long(service, "port") ?? 443}{JsonTools.Str(service, "path") ?? ""}?timeout=10s\"";
            if (svcObj == null) return (null, null, $"failed to call webhook: {url}: service \"{svcName}\" not found");
            revision = JsonTools.Str(svcObj, "metadata", "labels", RevisionKey)
                ?? (svcName.StartsWith("istiod-", StringComparison.Ordinal) ? svcName["istiod-".Length..] : "default");
            if (_settings.RevisionFaultOf(revision) == RevisionFault.InjectionFailed)
                return (null, null, $"failed to call webhook: {url}: dial tcp 10.96.0.15:443: connect: connection refused");
        }
        else
        {
            revision = JsonTools.Str(config, "metadata", "labels", RevisionKey) ?? "default";
            if (_settings.RevisionFaultOf(revision) == RevisionFault.InjectionFailed)
                return (null, null, $"failed to call webhook: Post \"{JsonTools.Str(hook, "clientConfig", "url")}\": connection refused");
        }
        return (revision, ProxyImage(revision, controlPlaneNs), null);
    }

    /// <summary>hub/proxyv2:tag from the revision's injector ConfigMap values, as the template's .ProxyImage.</summary>
    string ProxyImage(string revision, string? controlPlaneNs)
    {
        var name = revision == "default" ? "istio-sidecar-injector" : "istio-sidecar-injector-" + revision;
        var key = _svc.Catalog.Find("", "v1", "configmaps")!.StorageKey;
        var cm = controlPlaneNs != null ? _svc.Store.Get(key, controlPlaneNs, name)
            : _svc.Store.List(key, null).FirstOrDefault(c => JsonTools.Name(c) == name);
        JsonObject? global = null;
        if (JsonTools.Str(cm, "data", "values") is { } text)
        {
            try { global = JsonNode.Parse(text)?["global"] as JsonObject; }
            catch (JsonException) { }
        }
        var image = JsonTools.Str(global, "proxy", "image") ?? "proxyv2";
        if (image.Contains('/')) return image;
        var hub = JsonTools.Str(global, "hub") ?? "docker.io/istio";
        var tag = JsonTools.At(global, "tag") is JsonValue t ? (t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : t.ToJsonString()) : "latest";
        return $"{hub}/{image}:{tag}";
    }

    static void Inject(JsonObject pod, string revision, string proxyImage)
    {
        var meta = JsonTools.Meta(pod);
        var labels = JsonTools.Obj(meta, "labels");
        var annotations = JsonTools.Obj(meta, "annotations");
        var spec = JsonTools.Obj(pod, "spec");
        var containers = spec["containers"] as JsonArray ?? new JsonArray();
        spec["containers"] = containers;
        var appContainers = containers.OfType<JsonObject>().Select(c => JsonTools.Str(c, "name")).Where(n => n != "istio-proxy").ToList();

        string? Label(string k) => JsonTools.Str(labels, k) is { Length: > 0 } v ? v : null;
        labels["security.istio.io/tlsMode"] = Label("security.istio.io/tlsMode") ?? "istio";
        labels["service.istio.io/canonical-name"] = Label("service.istio.io/canonical-name") ?? Label("app.kubernetes.io/name") ?? Label("app")
            ?? DeploymentName(pod);
        labels["service.istio.io/canonical-revision"] = Label("service.istio.io/canonical-revision") ?? Label("app.kubernetes.io/version") ?? Label("version") ?? "latest";

        annotations[RevisionKey] = revision;
        if (appContainers.Count > 0 && annotations["kubectl.kubernetes.io/default-container"] == null)
            annotations["kubectl.kubernetes.io/default-container"] = appContainers[0];
        annotations[StatusAnnotation] = new JsonObject
        {
            ["initContainers"] = new JsonArray("istio-init"),
            ["containers"] = new JsonArray("istio-proxy"),
            ["volumes"] = new JsonArray("workload-socket", "credential-socket", "workload-certs", "istio-envoy", "istio-data", "istio-podinfo", "istio-token", "istiod-ca-cert"),
            ["imagePullSecrets"] = null,
            ["revision"] = revision,
        }.ToJsonString();

        var inits = spec["initContainers"] as JsonArray ?? new JsonArray();
        spec["initContainers"] = inits;
        inits.Add(new JsonObject { ["name"] = "istio-init", ["image"] = proxyImage, ["args"] = new JsonArray("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337") });
        containers.Add(new JsonObject
        {
            ["name"] = "istio-proxy",
            ["image"] = proxyImage,
            ["args"] = new JsonArray("proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local"),
            ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 15090, ["name"] = "http-envoy-prom", ["protocol"] = "TCP" }),
            ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/healthz/ready", ["port"] = 15021 } },
        });
    }

    /// <summary>The template's .DeploymentMeta.Name: the pod name without the ReplicaSet and pod suffixes (or generateName's).</summary>
    static string DeploymentName(JsonObject pod)
    {
        var name = JsonTools.Str(pod, "metadata", "generateName")?.TrimEnd('-') ?? JsonTools.Name(pod);
        var parts = name.Split('-');
        return parts.Length > 2 ? string.Join('-', parts[..^2]) : parts[0];
    }
}
