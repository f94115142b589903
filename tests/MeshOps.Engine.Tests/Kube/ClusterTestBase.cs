using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// A fresh loopback API server per test (HTTPS, bearer token, simulated controllers), a kubeconfig for it and a
/// recording host. Helpers build small synthetic manifests.
/// </summary>
public abstract class ClusterTestBase : IAsyncLifetime
{
    protected const string Ns = "istio-system";

    /// <summary>Retries fast and ignores long Retry-After so fault tests stay quick.</summary>
    protected static readonly RetryPolicy FastRetry = new()
    {
        MaxAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryAfter = TimeSpan.FromMilliseconds(20), RequestTimeout = TimeSpan.FromSeconds(20),
    };

    protected TestApiServer Server { get; private set; } = null!;
    protected RecordingHost Host { get; } = new();
    protected string Dir { get; } = Directory.CreateTempSubdirectory("meshops-kube-").FullName;
    protected string KubeconfigPath => Path.Combine(Dir, "kubeconfig");

    protected virtual TestApiServerOptions Options => new() { WorkloadReadyDelay = TimeSpan.FromMilliseconds(20), CrdEstablishDelay = TimeSpan.FromMilliseconds(20) };

    public async Task InitializeAsync()
    {
        Server = await TestApiServer.StartAsync(Options);
        Server.WriteKubeconfig(KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }

    protected ClusterConnection Connect(RetryPolicy? retry = null) =>
        ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = KubeconfigPath, Retry = retry ?? FastRetry, HomeDirectory = Dir }, Host);

    protected static ApplyRequest Request(params ComponentManifest[] components) => new()
    {
        Components = components, Namespace = Ns, Revision = "canary",
        Timeout = TimeSpan.FromSeconds(20), PollInterval = TimeSpan.FromMilliseconds(20),
    };

    protected async Task<ApplyResult> ApplyAsync(ApplyRequest request, ClusterConnection? connection = null, CancellationToken ct = default)
    {
        using var owned = connection == null ? Connect() : null;
        return await new ManifestApplier(connection ?? owned!).ApplyAsync(request, Host, ct);
    }

    protected static ComponentManifest Component(string name, params ManifestObject[] objects) => new(name, objects);

    protected static ManifestObject Obj(string json) => ManifestObject.FromJson(json);

    protected static ManifestObject ConfigMap(string name, string value = "v1", string? ns = null, Dictionary<string, string>? labels = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns != null) meta["namespace"] = ns;
        if (labels != null) meta["labels"] = new JsonObject(labels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        return ManifestObject.FromNode(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = meta, ["data"] = new JsonObject { ["key"] = value } }, "test");
    }

    protected static ManifestObject ServiceAccount(string name) =>
        Obj($$$"""{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"{{{name}}}"}}""");

    protected static ManifestObject ClusterRole(string name) =>
        Obj($$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"{{name}}"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}""");

    protected static ManifestObject Deployment(string name, string image = "istio/pilot:1.18.5", int replicas = 1) =>
        Obj($$$$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{{{name}}}}}","labels":{"app":"{{{{{name}}}}}"}},
         "spec":{"replicas":{{{{{replicas}}}}},"selector":{"matchLabels":{"app":"{{{{{name}}}}}"}},
          "template":{"metadata":{"labels":{"app":"{{{{{name}}}}}"}},"spec":{"containers":[{"name":"main","image":"{{{{{image}}}}}"}]}}}}
        """);

    protected static ManifestObject DaemonSet(string name) =>
        Obj($$$$$"""
        {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"{{{{{name}}}}}"},
         "spec":{"selector":{"matchLabels":{"app":"{{{{{name}}}}}"}},
          "template":{"metadata":{"labels":{"app":"{{{{{name}}}}}"}},"spec":{"containers":[{"name":"cni","image":"istio/install-cni:1.18.5"}]}}}}
        """);

    protected static ManifestObject Crd(string plural, string kind, string group = "networking.istio.io") =>
        Obj($$$$$"""
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"{{{{{plural}}}}}.{{{{{group}}}}}"},
         "spec":{"group":"{{{{{group}}}}}","scope":"Namespaced","names":{"plural":"{{{{{plural}}}}}","singular":"{{{{{kind.ToLowerInvariant()}}}}}","kind":"{{{{{kind}}}}}","listKind":"{{{{{kind}}}}}List"},
          "versions":[{"name":"v1alpha3","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """);

    protected JsonObject? Get(string apiVersion, string kind, string? ns, string name) => Server.Objects.Get(apiVersion, kind, ns, name);

    /// <summary>
    /// Until every CRD in the server is Established, as the CRDs a tool installed long ago are (seeded ones become so
    /// after the server's delay); an install reads discovery for which of its CRDs exist.
    /// </summary>
    protected async Task UntilCrdsEstablishedAsync()
    {
        for (var i = 0; i < 1000; i++)
        {
            if (Server.Objects.List("apiextensions.k8s.io/v1", "CustomResourceDefinition").All(CrdWaiter.IsEstablished)) return;
            await Task.Delay(10);
        }
        throw new TimeoutException("The test server did not establish its CRDs.");
    }

    protected static string Rv(JsonObject o) => (string)o["metadata"]!["resourceVersion"]!;

    /// <summary>Writes (not dry-run, not GET) the server saw.</summary>
    protected int RealWrites() => Server.RequestLog.Entries.Count(r => r.Verb is "create" or "update" or "patch" or "delete" && !r.Query.Contains("dryRun"));
}
