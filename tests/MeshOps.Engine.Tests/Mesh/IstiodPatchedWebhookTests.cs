using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Tests.Kube;
using MeshOps.Engine.Tests.Operator;
using MeshOps.Testing.KubeApi.Admission;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// A running istiod writes its webhook configurations' caBundle and the validator's failurePolicy (Update by
/// pilot-discovery). A re-install leaves those fields to it: no conflict, nothing written, istiod's values kept.
/// </summary>
public class IstiodPatchedWebhookTests : ClusterTestBase
{
    private const string Namespace = "istio-1-18-5";
    private const string Revision = "istio-1-18-5";
    private const string Admission = "admissionregistration.k8s.io/v1";

    private async Task<InstallResult> InstallAsync(bool dryRun = false, bool force = false)
    {
        using var cluster = new MeshCluster(Connect());
        return await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest { Version = SharedData.Release1185, Files = [SeedConfigTests.Example("my-config.yaml")], Namespace = Namespace, ManifestsPath = SharedData.ReleaseManifests },
            DryRun = dryRun,
            Force = force,
            Timeout = TimeSpan.FromSeconds(60),
            PollInterval = TimeSpan.FromMilliseconds(200),
        }, CancellationToken.None);
    }

    private JsonObject Validator() => Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, $"istio-validator-{Revision}-{Namespace}")!;

    // Outside istio-system the chart adds the namespace to the injector's name: found by its revision label.
    private JsonObject Injector() => Assert.Single(Server.Objects.List(Admission, "MutatingWebhookConfiguration"), c => (string?)c["metadata"]!["labels"]!["istio.io/rev"] == Revision);

    private static IEnumerable<JsonObject> Hooks(JsonObject configuration) => ((JsonArray)configuration["webhooks"]!).OfType<JsonObject>();

    private void AssertIstiodValues()
    {
        Assert.All(Hooks(Validator()), h =>
        {
            Assert.Equal("Fail", (string?)h["failurePolicy"]);
            Assert.Equal(SimulatedIstiodWebhookPatcher.TestCaBundle, (string?)h["clientConfig"]!["caBundle"]);
        });
        Assert.All(Hooks(Injector()), h => Assert.Equal(SimulatedIstiodWebhookPatcher.TestCaBundle, (string?)h["clientConfig"]!["caBundle"]));
    }

    [SharedFact]
    public async Task AReInstallAfterIstiodPatchedItsWebhooksWritesNothingAndKeepsIstiodsValues()
    {
        // Another revision's injector first, so the install does not also set the default tag (counted elsewhere).
        Server.Objects.Seed(WebhookOverlapCheckTests.RevisionInjector("istio-sidecar-injector-stable", "stable"));
        var first = await InstallAsync();
        // A first install applies the chart's values: validation fails open until istiod serves.
        Assert.All(Hooks(Validator()), h => Assert.Equal("Ignore", (string?)h["failurePolicy"]));

        Assert.Equal(2, Server.Objects.PatchWebhooksAsIstiod(Revision)); // the revision's injector and validator
        AssertIstiodValues();

        Server.RequestLog.Clear();
        var plan = await InstallAsync(dryRun: true);
        Assert.All(plan.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        RequestTally.AssertCounts(Server.RequestLog, InstallRequestCountTests.ReinstallReads(first.Apply.Objects));

        Server.RequestLog.Clear();
        var again = await InstallAsync();
        Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        var rerun = InstallRequestCountTests.ReinstallReads(first.Apply.Objects);
        rerun["patch istiooperators"] = 1; // installed-state is applied every time (the server finds nothing to change)
        RequestTally.AssertCounts(Server.RequestLog, rerun);
        AssertIstiodValues();
        Assert.Contains(Host.Verbose, m => m.Contains("failurePolicy (pilot-discovery)", StringComparison.Ordinal));
    }

    [SharedFact]
    public async Task ForcingDoesNotResetWhatIstiodOwns()
    {
        Server.Objects.Seed(WebhookOverlapCheckTests.RevisionInjector("istio-sidecar-injector-stable", "stable"));
        await InstallAsync();
        Server.Objects.PatchWebhooksAsIstiod(Revision);

        var again = await InstallAsync(force: true);
        Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        AssertIstiodValues();
    }

    [SharedFact]
    public async Task AReInstallThatSetTheDefaultTagWritesNothingAfterIstiodPatchedTheTagsWebhooks()
    {
        var first = await InstallAsync(); // no injector yet: the default tag points at the revision
        Assert.NotNull(first.DefaultTag);
        // The revision's injector and validator, the tag's injector and the default validator: all carry the revision label.
        Assert.Equal(4, Server.Objects.PatchWebhooksAsIstiod(Revision));

        Server.RequestLog.Clear();
        var again = await InstallAsync();
        Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        Assert.Null(again.DefaultTag);
        var writes = Server.RequestLog.Entries.Where(e => e.Verb is "patch" or "update" or "create" or "delete" && e.Resource != "istiooperators").ToList();
        Assert.Empty(writes);
        var defaultValidator = Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istiod-default-validator")!;
        Assert.All(Hooks(defaultValidator), h => Assert.Equal("Fail", (string?)h["failurePolicy"]));
        var tag = Assert.Single(Server.Objects.List(Admission, "MutatingWebhookConfiguration"), c => c["metadata"]!["labels"]!["istio.io/tag"] != null);
        Assert.All(Hooks(tag), h => Assert.Equal(SimulatedIstiodWebhookPatcher.TestCaBundle, (string?)h["clientConfig"]!["caBundle"]));
    }
}
