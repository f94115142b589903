using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class ServerSideApplyTests : ApiServerTestBase
{
    protected override MeshOps.Testing.KubeApi.TestApiServerOptions Options() => new() { ControllersEnabled = false };

    static string DeploymentYaml(string ns, int replicas = 1, string image = "nginx:1.25", bool withLabel = true, bool withSidecar = false) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
        {(withLabel ? "  labels:\n    app: web\n" : "")}spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: main
                image: {image}
        {(withSidecar ? "      - name: side\n        image: busybox\n" : "")}
        """;

    /// <summary>KubernetesClient sends apply bodies as JSON (it validates string patch content as JSON), so YAML is converted first.</summary>
    static string AsJson(string yaml) => MeshOps.Testing.KubeApi.Json.YamlToJson.Convert(yaml)!.ToJsonString();

    Task<V1Deployment> Apply(string ns, string yaml, string manager, bool? force = null) =>
        Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(AsJson(yaml), V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: manager, force: force);

    static JsonNode Fields(V1ManagedFieldsEntry e) => JsonNode.Parse(JsonSerializer.Serialize(e.FieldsV1))!;

    [Fact]
    public async Task ApplyCreatesWithApplyManagedFieldsInRealFormat()
    {
        var ns = await NewNamespace();
        var d = await Apply(ns, DeploymentYaml(ns), "meshops");
        var entry = Assert.Single(d.Metadata.ManagedFields);
        Assert.Equal("meshops", entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        Assert.Equal("apps/v1", entry.ApiVersion);
        Assert.Equal("FieldsV1", entry.FieldsType);
        Assert.NotNull(entry.Time);
        var f = Fields(entry);
        Assert.NotNull(f["f:metadata"]!["f:labels"]!["f:app"]);
        Assert.NotNull(f["f:spec"]!["f:replicas"]);
        Assert.Equal("{}", f["f:spec"]!["f:selector"]!.ToJsonString());
        var container = f["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"main\"}"]!;
        Assert.NotNull(container["."]);
        Assert.NotNull(container["f:image"]);
        Assert.NotNull(container["f:name"]);
        Assert.Null(f["f:metadata"]!["f:name"]);
        Assert.Equal(1, d.Metadata.Generation);
    }

    [Fact]
    public async Task ApplyWithoutFieldManagerIsRejected()
    {
        var ns = await NewNamespace();
        using var http = RawClient();
        using var req = new HttpRequestMessage(HttpMethod.Patch, $"apis/apps/v1/namespaces/{ns}/deployments/web")
        {
            Content = new StringContent(DeploymentYaml(ns), System.Text.Encoding.UTF8, "application/apply-patch+yaml"),
        };
        using var resp = await http.SendAsync(req);
        Assert.Equal(HttpStatusCode.BadRequest, resp.StatusCode);
        Assert.Contains("fieldManager", await resp.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReapplyingSameConfigIsANoOp()
    {
        var ns = await NewNamespace();
        var a = await Apply(ns, DeploymentYaml(ns), "meshops");
        var b = await Apply(ns, DeploymentYaml(ns), "meshops");
        Assert.Equal(a.Metadata.ResourceVersion, b.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task ConflictWithAnotherApplierHasRealMessage()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns, replicas: 1), "other-manager");
        var (code, status) = await Failure(() => Apply(ns, DeploymentYaml(ns, replicas: 3), "meshops"));
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status["reason"]!.ToString());
        Assert.Equal("Apply failed with 1 conflict: conflict with \"other-manager\": .spec.replicas", status["message"]!.ToString());
        var cause = status["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", cause["reason"]!.ToString());
        Assert.Equal(".spec.replicas", cause["field"]!.ToString());
        Assert.Equal("conflict with \"other-manager\"", cause["message"]!.ToString());
    }

    [Fact]
    public async Task ConflictWithUpdateManagerNamesApiVersionAndTime()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns), "meshops");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "kubectl-edit");
        var (_, status) = await Failure(() => Apply(ns, DeploymentYaml(ns, replicas: 2), "meshops"));
        Assert.Matches(@"^Apply failed with 1 conflict: conflict with ""kubectl-edit"" using apps/v1 at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: \.spec\.replicas$", status["message"]!.ToString());
    }

    [Fact]
    public async Task MultipleConflictsAreListedPerManager()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns), "other");
        var (_, status) = await Failure(() => Apply(ns, DeploymentYaml(ns, replicas: 4, image: "nginx:2"), "meshops"));
        var message = status["message"]!.ToString();
        Assert.StartsWith("Apply failed with 2 conflicts: conflicts with \"other\":\n- ", message);
        Assert.Contains("- .spec.replicas", message);
        Assert.Contains("- .spec.template.spec.containers[name=\"main\"].image", message);
    }

    [Fact]
    public async Task SameValueIsSharedOwnershipNotConflict()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns), "first");
        var d = await Apply(ns, DeploymentYaml(ns), "second");
        Assert.Equal(2, d.Metadata.ManagedFields.Count);
        Assert.All(d.Metadata.ManagedFields, m => Assert.NotNull(Fields(m)["f:spec"]!["f:replicas"]));
    }

    [Fact]
    public async Task ForceTakesOwnership()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns), "other");
        var d = await Apply(ns, DeploymentYaml(ns, replicas: 3), "meshops", force: true);
        Assert.Equal(3, d.Spec.Replicas);
        var other = d.Metadata.ManagedFields.Single(m => m.Manager == "other");
        Assert.Null(Fields(other)["f:spec"]!["f:replicas"]);
        Assert.NotNull(Fields(d.Metadata.ManagedFields.Single(m => m.Manager == "meshops"))["f:spec"]!["f:replicas"]);
    }

    [Fact]
    public async Task FieldsDroppedFromAppliedConfigAreRemoved()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns, withSidecar: true), "meshops");
        var d = await Apply(ns, DeploymentYaml(ns, withLabel: false), "meshops");
        Assert.Equal(["main"], d.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.True(d.Metadata.Labels == null || !d.Metadata.Labels.ContainsKey("app"));
    }

    [Fact]
    public async Task DroppedFieldOwnedByAnotherManagerStays()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns), "meshops");
        await Apply(ns, DeploymentYaml(ns), "helper");
        var d = await Apply(ns, DeploymentYaml(ns, withLabel: false), "meshops");
        Assert.Equal("web", d.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task AMapAppliedEmptyThenWithEntries_KeepsTheEntries_AndAnotherApplyChangesNothing()
    {
        // The installed-state IstioOperator of a demo install (pilot.env: {}) re-applied for ambient (pilot.env with entries).
        var ns = await NewNamespace();
        static string Yaml(string ns, string annotations) => DeploymentYaml(ns).Replace("      labels:\n        app: web\n", $"      labels:\n        app: web\n      annotations: {annotations}\n");
        await Apply(ns, Yaml(ns, "{}"), "meshops");
        var d = await Apply(ns, Yaml(ns, "{a: b}"), "meshops");
        Assert.Equal("b", d.Spec.Template.Metadata.Annotations["a"]);
        var again = await Apply(ns, Yaml(ns, "{a: b}"), "meshops");
        Assert.Equal(d.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        // And back to empty: the entries the manager no longer applies go.
        var emptied = await Apply(ns, Yaml(ns, "{}"), "meshops");
        Assert.True(emptied.Spec.Template.Metadata.Annotations is null || emptied.Spec.Template.Metadata.Annotations.Count == 0);
    }

    [Fact]
    public async Task FieldsSetByUpdateManagerAreNotRemovedByApply()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns), "meshops");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"annotations":{"note":"x"}}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "kubectl-annotate");
        var d = await Apply(ns, DeploymentYaml(ns, replicas: 2), "meshops");
        Assert.Equal("x", d.Metadata.Annotations["note"]);
        Assert.Equal(2, d.Spec.Replicas);
        var annotate = d.Metadata.ManagedFields.Single(m => m.Manager == "kubectl-annotate");
        Assert.Equal("Update", annotate.Operation);
        Assert.NotNull(Fields(annotate)["f:metadata"]!["f:annotations"]!["f:note"]);
    }

    [Fact]
    public async Task UpdateTakesFieldsAwayFromApplier()
    {
        var ns = await NewNamespace();
        await Apply(ns, DeploymentYaml(ns), "meshops");
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":9}}""", V1Patch.PatchType.MergePatch), "web", ns, fieldManager: "hpa");
        Assert.Null(Fields(d.Metadata.ManagedFields.Single(m => m.Manager == "meshops"))["f:spec"]!["f:replicas"]);
        Assert.NotNull(Fields(d.Metadata.ManagedFields.Single(m => m.Manager == "hpa"))["f:spec"]!["f:replicas"]);
    }

    [Fact]
    public async Task ManagedFieldsOrderApplyBeforeUpdate()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns, fieldManager: "creator");
        var d = await Apply(ns, DeploymentYaml(ns), "meshops", force: true);
        Assert.Equal(["Apply", "Update"], d.Metadata.ManagedFields.Select(m => m.Operation));
    }

    [Fact]
    public async Task CreateByPostRecordsDefaultedFieldsForCreator()
    {
        var ns = await NewNamespace();
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns, fieldManager: "kubectl-create");
        var f = Fields(d.Metadata.ManagedFields.Single());
        Assert.NotNull(f["f:spec"]!["f:progressDeadlineSeconds"]);
        Assert.NotNull(f["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"main\"}"]!["f:imagePullPolicy"]);
        Assert.Equal(600, d.Spec.ProgressDeadlineSeconds);
    }

    [Fact]
    public async Task ApplyAcceptsJsonBodyAndPortsKeyIncludesProtocol()
    {
        var ns = await NewNamespace();
        var body = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"name":"http","port":80}]}}""";
        var svc = await Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "meshops");
        var f = Fields(svc.Metadata.ManagedFields.Single(m => m.Manager == "meshops"));
        Assert.NotNull(f["f:spec"]!["f:ports"]!["k:{\"port\":80,\"protocol\":\"TCP\"}"]);
    }

    [Fact]
    public async Task ApplyOnCustomResource()
    {
        Server.Controllers.Enabled = true;
        await CrdTests.InstallWidgetCrd(Client, Server, "Namespaced");
        var ns = await NewNamespace();
        var yaml = $"apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\n  namespace: {ns}\nspec:\n  size: 3\n  tags: [a, b]\n";
        var created = await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(AsJson(yaml), V1Patch.PatchType.ApplyPatch), "example.com", "v1", ns, "widgets", "w1", fieldManager: "meshops");
        var node = JsonNode.Parse(JsonSerializer.Serialize(created))!;
        Assert.Equal(3, node["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("{}", node["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:spec"]!["f:tags"]!.ToJsonString());
    }

    [Fact]
    public async Task ApplyKindMismatchIsBadRequest()
    {
        var ns = await NewNamespace();
        var yaml = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: {ns}\n";
        var (code, _) = await Failure(() => Apply(ns, yaml, "meshops"));
        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task ApplyIntoMissingNamespaceIs404()
    {
        var (code, status) = await Failure(() => Apply("absent", DeploymentYaml("absent"), "meshops"));
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"absent\" not found", status["message"]!.ToString());
    }
}
