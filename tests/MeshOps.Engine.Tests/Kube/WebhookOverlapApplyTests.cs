using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class WebhookOverlapApplyTests : ClusterTestBase
{
    private static ManifestObject Injector(string name, string rev) =>
        ManifestObject.FromNode(WebhookOverlapCheckTests.RevisionInjector(name, rev), name);

    [Fact]
    public async Task AnOverlappingInjectorIsRefusedBeforeAnythingIsWritten()
    {
        Server.Objects.Seed(WebhookOverlapCheckTests.RevisionInjector("istio-sidecar-injector-canary", "canary"));
        Server.RequestLog.Clear();
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(
            Component("Pilot", ConfigMap("istio-canary"), Injector("istio-sidecar-injector-canary-other-ns", "canary")))));
        Assert.Equal("WebhookOverlap", e.ErrorId);
        Assert.Contains("istio-sidecar-injector-canary-other-ns", e.Message);
        Assert.Contains("istio-sidecar-injector-canary/", e.Message);
        Assert.Equal(0, RealWrites());
        Assert.Null(Get("v1", "Namespace", null, Ns));
    }

    [Fact]
    public async Task ADifferentRevisionInstallsBesideTheExistingOne()
    {
        Server.Objects.Seed(WebhookOverlapCheckTests.RevisionInjector("istio-sidecar-injector-stable", "stable"));
        Server.Objects.Seed(WebhookOverlapCheckTests.DefaultInjector("istio-sidecar-injector"));
        var result = await ApplyAsync(Request(Component("Pilot", Injector("istio-sidecar-injector-canary", "canary"))));
        Assert.Equal(ApplyAction.Create, result.Objects.Single(o => o.Kind == "MutatingWebhookConfiguration").Action);
    }

    [Fact]
    public async Task ReapplyingOurOwnInjectorIsNotAnOverlap()
    {
        await ApplyAsync(Request(Component("Pilot", Injector("istio-sidecar-injector-canary", "canary"))));
        var again = await ApplyAsync(Request(Component("Pilot", Injector("istio-sidecar-injector-canary", "canary"))));
        Assert.Equal(ApplyAction.Unchanged, again.Objects.Single(o => o.Kind == "MutatingWebhookConfiguration").Action);
    }
}
