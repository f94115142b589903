using System.Net;
using k8s;
using k8s.Models;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class PatchTests : ApiServerTestBase
{
    protected override MeshOps.Testing.KubeApi.TestApiServerOptions Options() => new() { ControllersEnabled = false };

    [Fact]
    public async Task MergePatchMergesMapsAndNullDeletes()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" }), ns);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"x":null,"z":"3"}}""", V1Patch.PatchType.MergePatch), "a", ns);
        Assert.False(patched.Data.ContainsKey("x"));
        Assert.Equal("2", patched.Data["y"]);
        Assert.Equal("3", patched.Data["z"]);
    }

    [Fact]
    public async Task MergePatchReplacesLists()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox"}]}}}}""";
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), "web", ns);
        Assert.Equal(["side"], d.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task JsonPatchAddReplaceRemoveTest()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["x"] = "1" }), ns);
        var ops = """[{"op":"test","path":"/data/x","value":"1"},{"op":"add","path":"/data/y","value":"2"},{"op":"replace","path":"/data/x","value":"9"},{"op":"add","path":"/metadata/labels","value":{"l":"v"}},{"op":"remove","path":"/data/y"}]""";
        var cm = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(ops, V1Patch.PatchType.JsonPatch), "a", ns);
        Assert.Equal("9", cm.Data["x"]);
        Assert.False(cm.Data.ContainsKey("y"));
        Assert.Equal("v", cm.Metadata.Labels["l"]);
    }

    [Fact]
    public async Task JsonPatchFailedTestIs422()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["x"] = "1" }), ns);
        var (code, _) = await Failure(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""[{"op":"test","path":"/data/x","value":"2"}]""", V1Patch.PatchType.JsonPatch), "a", ns));
        Assert.Equal((HttpStatusCode)422, code);
    }

    [Fact]
    public async Task StrategicMergeMergesContainersByName()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox"},{"name":"main","image":"nginx:2"}]}}}}""";
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", ns);
        Assert.Equal(["main", "side"], d.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal("nginx:2", d.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(2, d.Metadata.Generation);
    }

    [Fact]
    public async Task StrategicMergeMergesEnvByNameAndPortsByContainerPort()
    {
        var ns = await NewNamespace();
        var dep = Deployment("web");
        dep.Spec.Template.Spec.Containers[0].Env = [new V1EnvVar { Name = "A", Value = "1" }, new V1EnvVar { Name = "B", Value = "2" }];
        dep.Spec.Template.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }];
        await Client.AppsV1.CreateNamespacedDeploymentAsync(dep, ns);
        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"main","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}],"ports":[{"containerPort":8080,"name":"web"},{"containerPort":9090}]}]}}}}""";
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", ns);
        var c = d.Spec.Template.Spec.Containers[0];
        Assert.Equal(["A=1", "B=20", "C=3"], c.Env.Select(e => e.Name + "=" + e.Value));
        Assert.Equal([8080, 9090], c.Ports.Select(p => p.ContainerPort));
        Assert.Equal("web", c.Ports[0].Name);
    }

    [Fact]
    public async Task StrategicMergeDeleteDirectiveRemovesListItem()
    {
        var ns = await NewNamespace();
        var dep = Deployment("web");
        dep.Spec.Template.Spec.Containers.Add(new V1Container { Name = "side", Image = "busybox" });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(dep, ns);
        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}""";
        var d = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", ns);
        Assert.Equal(["main"], d.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task StrategicMergeFinalizersMergeAsSet()
    {
        var ns = await NewNamespace();
        var cm = ConfigMap("a");
        cm.Metadata.Finalizers = ["example.com/one"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":["example.com/two"]}}""", V1Patch.PatchType.StrategicMergePatch), "a", ns);
        Assert.Equal(["example.com/one", "example.com/two"], patched.Metadata.Finalizers);
    }

    [Fact]
    public async Task StrategicMergeOnCustomResourceIs415()
    {
        Server.Controllers.Enabled = true;
        await CrdTests.InstallWidgetCrd(Client, Server, "Namespaced");
        var ns = await NewNamespace();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(CrdTests.Widget("w1"), "example.com", "v1", ns, "widgets");
        var (code, status) = await Failure(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"size":2}}""", V1Patch.PatchType.StrategicMergePatch), "example.com", "v1", ns, "widgets", "w1"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal("UnsupportedMediaType", status["reason"]!.ToString());
    }

    [Fact]
    public async Task PatchWithStaleResourceVersionConflicts()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var (code, _) = await Failure(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"resourceVersion":"1"},"data":{"k":"x"}}""", V1Patch.PatchType.MergePatch), "a", ns));
        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    [Fact]
    public async Task PatchOfMissingObjectIs404()
    {
        var ns = await NewNamespace();
        var (code, _) = await Failure(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"x"}}""", V1Patch.PatchType.MergePatch), "none", ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task PatchRecordsUpdateManagerFromUserAgentOrFieldManager()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var cm = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"new":"1"}}""", V1Patch.PatchType.MergePatch), "a", ns, fieldManager: "kubectl-client-side-apply");
        var entry = cm.Metadata.ManagedFields.Single(m => m.Manager == "kubectl-client-side-apply");
        Assert.Equal("Update", entry.Operation);
        Assert.Equal("v1", entry.ApiVersion);
        Assert.Contains("\"f:new\"", System.Text.Json.JsonSerializer.Serialize(entry.FieldsV1));
        // The creator (no fieldManager given) is named after the User-Agent prefix.
        var creator = cm.Metadata.ManagedFields.Single(m => m.Manager != "kubectl-client-side-apply");
        Assert.Equal("Update", creator.Operation);
        Assert.DoesNotContain("/", creator.Manager);
    }
}
