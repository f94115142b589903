using System.Text.Json.Nodes;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Tests.Kube;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// istioctl install's automatic default tag (FACTS.md section 4), installing Istio 1.18.5's charts into the loopback
/// server: first install on a clean cluster, later revisions, the default revision, operatorManageWebhooks, plan, uninstall.
/// </summary>
public sealed class DefaultRevisionTagTests : ClusterTestBase
{
    private const string Admission = "admissionregistration.k8s.io/v1";

    private async Task<InstallResult> InstallAsync(MeshCluster cluster, string? revision, bool dryRun = false, params string[] set) =>
        await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest { Version = SharedData.Release1185, Profile = "minimal", Revision = revision, ManifestsPath = SharedData.ReleaseManifests, SetValues = set },
            DryRun = dryRun,
            Timeout = TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromMilliseconds(20),
        }, default);

    private List<JsonObject> Mutating() => Server.Objects.List(Admission, "MutatingWebhookConfiguration").ToList();

    private JsonObject? TagWebhook(string name = "istio-revision-tag-default") => Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, name);

    private static IEnumerable<string?> ServiceNames(JsonObject configuration) =>
        ((JsonArray)configuration["webhooks"]!).OfType<JsonObject>().Select(h => h.Str("clientConfig", "service", "name"));

    [SharedFact]
    public async Task First_revisioned_install_on_a_clean_cluster_becomes_the_default()
    {
        using var cluster = new MeshCluster(Connect());
        var result = await InstallAsync(cluster, "canary");

        Assert.NotNull(result.DefaultTag);
        Assert.Contains("Made this installation the default for injection and validation.", result.Summary);
        var tag = TagWebhook();
        Assert.NotNull(tag);
        Assert.Equal("default", tag.Str("metadata", "labels", "istio.io/tag"));
        Assert.Equal("canary", tag.Str("metadata", "labels", "istio.io/rev"));
        Assert.All(ServiceNames(tag), s => Assert.Equal("istiod-canary", s));
        var validator = Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istiod-default-validator");
        Assert.NotNull(validator);
        Assert.All(ServiceNames(validator), s => Assert.Equal("istiod-canary", s));

        // The revision's own injector is untouched: it keeps serving istio.io/rev=canary.
        var own = Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-sidecar-injector-canary");
        Assert.NotNull(own);
        Assert.False(RevisionTagWebhooks.IsDeactivated(own));
        var revision = Assert.Single(await new RevisionReader(cluster, Host).ListAsync(default));
        Assert.Equal(new[] { "default" }, revision.Tags);
    }

    [SharedFact]
    public async Task A_second_revision_does_not_move_the_default_tag_and_a_reinstall_writes_nothing()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "stable");
        var before = TagWebhook()!.Str("metadata", "resourceVersion");

        var second = await InstallAsync(cluster, "canary");
        Assert.Null(second.DefaultTag);
        Assert.DoesNotContain(second.Summary, l => l.Contains("default for injection", StringComparison.Ordinal));
        Assert.Equal("stable", TagWebhook()!.Str("metadata", "labels", "istio.io/rev"));

        var again = await InstallAsync(cluster, "stable");
        Assert.Null(again.DefaultTag);
        Assert.Equal(before, TagWebhook()!.Str("metadata", "resourceVersion"));
    }

    [SharedFact]
    public async Task Reinstalling_the_default_revision_writes_no_tag_object_though_the_server_filled_in_defaults()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, null);
        // As a real API server does, the loopback server filled in what the tag's objects leave out.
        var hook = (JsonObject)TagWebhook()!["webhooks"]![0]!;
        Assert.Equal("Equivalent", hook.Str("matchPolicy"));
        Assert.Equal("*", hook["rules"]![0].Str("scope"));
        Assert.Equal("Never", hook.Str("reinvocationPolicy"));

        Server.RequestLog.Clear();
        var again = await InstallAsync(cluster, null);
        Assert.Null(again.DefaultTag);
        Assert.Equal(0, Server.RequestLog.Count("patch", "mutatingwebhookconfigurations"));
        Assert.Equal(0, Server.RequestLog.Count("patch", "validatingwebhookconfigurations"));
        Assert.Equal(0, Server.RequestLog.Count("patch", "services"));
    }

    [SharedFact]
    public async Task A_caBundle_istiod_patched_into_the_tag_is_no_change_to_a_reinstall()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, null);
        // istiod patches its CA into the webhooks of its revision, the tag's too, under its own field manager.
        foreach (var (kind, name) in new[] { ("MutatingWebhookConfiguration", "istio-sidecar-injector"), ("MutatingWebhookConfiguration", "istio-revision-tag-default"),
                     ("ValidatingWebhookConfiguration", "istiod-default-validator") })
        {
            var hooks = new JsonArray(((JsonArray)Server.Objects.Get(Admission, kind, null, name)!["webhooks"]!).OfType<JsonObject>()
                .Select(h => (JsonNode)new JsonObject { ["name"] = h.Str("name"), ["clientConfig"] = new JsonObject { ["caBundle"] = "Y2E=" } }).ToArray());
            await cluster.Connection.SendAsync(HttpMethod.Patch, $"/apis/{Admission}/{kind.ToLowerInvariant()}s/{name}?fieldManager=pilot-discovery",
                new JsonObject { ["webhooks"] = hooks }.ToJsonString(), "application/strategic-merge-patch+json", default);
        }
        var before = TagWebhook()!.Str("metadata", "resourceVersion");

        Server.RequestLog.Clear();
        var again = await InstallAsync(cluster, null);
        Assert.Null(again.DefaultTag);
        Assert.DoesNotContain(Server.RequestLog.Entries, e => e.Verb == "patch" && e.Name == "istio-revision-tag-default" && !e.Query.Contains("dryRun", StringComparison.Ordinal));
        Assert.Equal(before, TagWebhook()!.Str("metadata", "resourceVersion"));
    }

    [SharedFact]
    public async Task The_default_revision_is_injected_through_the_tag_and_its_own_injector_never_matches()
    {
        using var cluster = new MeshCluster(Connect());
        var first = await InstallAsync(cluster, null);
        Assert.NotNull(first.DefaultTag);

        var own = Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-sidecar-injector");
        Assert.NotNull(own);
        Assert.True(RevisionTagWebhooks.IsDeactivated(own), "istioctl deactivates the default revision's own injector when the default tag takes over");
        var tag = TagWebhook();
        Assert.NotNull(tag);
        Assert.Equal("default", tag.Str("metadata", "labels", "istio.io/rev"));
        Assert.All(ServiceNames(tag), s => Assert.Equal("istiod", s));

        // A re-install of the default revision (istioctl re-runs the tag step every time) changes nothing.
        var versions = Mutating().ToDictionary(m => m.Str("metadata", "name")!, m => m.Str("metadata", "resourceVersion"));
        var again = await InstallAsync(cluster, null);
        Assert.Null(again.DefaultTag);
        Assert.Equal(versions, Mutating().ToDictionary(m => m.Str("metadata", "name")!, m => m.Str("metadata", "resourceVersion")));
    }

    [SharedFact]
    public async Task A_default_tag_pointing_elsewhere_is_kept_with_a_warning()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "canary");
        Assert.Equal("canary", TagWebhook()!.Str("metadata", "labels", "istio.io/rev"));

        var result = await InstallAsync(cluster, null);
        Assert.Null(result.DefaultTag);
        Assert.Equal("canary", TagWebhook()!.Str("metadata", "labels", "istio.io/rev"));
        Assert.Contains(Host.Warnings, w => w.Contains("Revision tag 'default' points at revision 'canary'", StringComparison.Ordinal));
        // The tag keeps injecting istio-injection=enabled namespaces, so the default revision's own injector must not.
        Assert.True(RevisionTagWebhooks.IsDeactivated(Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-sidecar-injector")!));
    }

    [SharedFact]
    public async Task OperatorManageWebhooks_turns_the_step_off()
    {
        using var cluster = new MeshCluster(Connect());
        var result = await InstallAsync(cluster, "canary", set: "values.global.operatorManageWebhooks=true");
        Assert.Null(result.DefaultTag);
        Assert.Null(TagWebhook());
        Assert.Null(Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istiod-default-validator"));
    }

    [SharedFact]
    public async Task A_plan_reports_the_tag_and_writes_nothing()
    {
        using var cluster = new MeshCluster(Connect());
        var plan = await InstallAsync(cluster, "canary", dryRun: true);
        Assert.True(plan.DefaultTagPlanned);
        Assert.Null(plan.DefaultTag);
        Assert.Contains(plan.Summary, l => l.StartsWith("Would make this installation the default", StringComparison.Ordinal));
        Assert.Empty(Mutating());
    }

    [SharedFact]
    public async Task Uninstall_removes_the_tags_of_the_revision_and_keeps_the_others()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "stable");
        await InstallAsync(cluster, "canary");
        var tags = new RevisionTagManager(cluster, Host);
        await tags.ExecuteAsync(await tags.PlanSetAsync(new SetRevisionTagRequest { Tag = "prod", Revision = "canary" }, default), default);

        var plan = await new ControlPlaneUninstaller(cluster, Host).UninstallAsync(new UninstallRequest { Revision = "stable", DryRun = true }, default);
        Assert.Contains(plan.Objects, o => o.Kind == "MutatingWebhookConfiguration" && o.Name == "istio-revision-tag-default" && o.Action == MeshOps.Engine.Kube.ApplyAction.Prune);
        Assert.NotNull(TagWebhook());

        var result = await new ControlPlaneUninstaller(cluster, Host).UninstallAsync(new UninstallRequest { Revision = "stable" }, default);
        Assert.Contains(result.Objects, o => o.Kind == "ValidatingWebhookConfiguration" && o.Name == "istiod-default-validator");
        Assert.Null(TagWebhook());
        Assert.Null(Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istiod-default-validator"));
        Assert.NotNull(TagWebhook("istio-revision-tag-prod"));
    }
}
