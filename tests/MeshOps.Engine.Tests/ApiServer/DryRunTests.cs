using System.Net;
using k8s;
using k8s.Models;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class DryRunTests : ApiServerTestBase
{
    protected override MeshOps.Testing.KubeApi.TestApiServerOptions Options() => new() { ControllersEnabled = false };

    [Fact]
    public async Task DryRunCreateReturnsObjectButStoresNothing()
    {
        var ns = await NewNamespace();
        var rv = Server.Objects.ResourceVersion;
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns, dryRun: "All");
        Assert.Equal("a", cm.Metadata.Name);
        Assert.False(string.IsNullOrEmpty(cm.Metadata.Uid));
        Assert.Equal(rv, Server.Objects.ResourceVersion);
        var (code, _) = await Failure(() => Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task DryRunCreateStillValidates()
    {
        var ns = await NewNamespace();
        var (code, _) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("Bad"), ns, dryRun: "All"));
        Assert.Equal((HttpStatusCode)422, code);
    }

    [Fact]
    public async Task DryRunUpdateAndPatch()
    {
        var ns = await NewNamespace();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        cm.Data["k"] = "dry";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", ns, dryRun: "All");
        Assert.Equal("dry", updated.Data["k"]);
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"patched"}}""", V1Patch.PatchType.MergePatch), "a", ns, dryRun: "All");
        Assert.Equal("patched", patched.Data["k"]);
        Assert.Equal("v", (await Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns)).Data["k"]);
    }

    [Fact]
    public async Task DryRunApplyReportsConflictsAndStoresNothing()
    {
        var ns = await NewNamespace();
        var body = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"{{{ns}}}"},"data":{"k":"one"}}""";
        var created = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "a", ns, fieldManager: "m1", dryRun: "All");
        Assert.Equal("one", created.Data["k"]);
        Assert.Empty((await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "a", ns, fieldManager: "m1");
        var (code, _) = await Failure(() => Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body.Replace("one", "two"), V1Patch.PatchType.ApplyPatch), "a", ns, fieldManager: "m2", dryRun: "All"));
        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    [Fact]
    public async Task DryRunDeleteKeepsObject()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns, dryRun: "All");
        Assert.NotNull(await Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns));
    }

    [Fact]
    public async Task UnsupportedDryRunValueIsBadRequest()
    {
        var ns = await NewNamespace();
        var (code, _) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns, dryRun: "Some"));
        Assert.Equal(HttpStatusCode.BadRequest, code);
    }
}
