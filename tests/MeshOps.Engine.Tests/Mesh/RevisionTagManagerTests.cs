using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Tests.Kube;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>Set, list and remove tags against the loopback API server, seeded with revisions as istioctl installs them.</summary>
public sealed class RevisionTagManagerTests : ClusterTestBase
{
    private const string Admission = "admissionregistration.k8s.io/v1";

    private void SeedRevision(string revision, string ns, string path = "/inject")
    {
        var name = revision == "default" ? "istiod" : "istiod-" + revision;
        Server.Objects.Seed("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        Server.Objects.Seed($$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","labels":{"app":"istiod","istio.io/rev":"{{{revision}}}"}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"istiod"}},"template":{"metadata":{"labels":{"app":"istiod"}},"spec":{"containers":[{"name":"discovery","image":"docker.io/istio/pilot:1.18.5"}]} } } }
            """);
        var injector = RevisionTagWebhooksTests.Canonical(revision, ns, name, path);
        injector["metadata"]!["name"] = revision == "default" ? "istio-sidecar-injector" : (ns == "istio-system" ? "istio-sidecar-injector-" + revision : $"istio-sidecar-injector-{revision}-{ns}");
        Server.Objects.Seed(injector);
    }

    private void SeedNamespace(string name, string labels) =>
        Server.Objects.Seed("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels + "}}}");

    private async Task<RevisionTagPlan> SetAsync(RevisionTagManager manager, SetRevisionTagRequest request)
    {
        var plan = await manager.PlanSetAsync(request, default);
        await manager.ExecuteAsync(plan, default);
        return plan;
    }

    [Fact]
    public async Task Set_creates_the_tag_webhook_that_list_and_revision_reader_find()
    {
        SeedRevision("1-18-5", "istio-1-18-5", "/inject/cluster/Kubernetes/net/");
        SeedNamespace("app", "\"istio.io/rev\":\"prod\"");
        SeedNamespace("legacy", "\"istio.io/rev\":\"prod\",\"istio-injection\":\"disabled\"");
        using var cluster = new MeshCluster(Connect());
        var manager = new RevisionTagManager(cluster, Host);

        var plan = await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "1-18-5" });
        var change = Assert.Single(plan.Changes);
        Assert.Equal(RevisionTagAction.Create, change.Action);
        Assert.Equal(new[] { "app" }, plan.Namespaces);

        var webhook = Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-prod-istio-1-18-5");
        Assert.NotNull(webhook);
        Assert.Equal("prod", webhook.Str("metadata", "labels", "istio.io/tag"));
        Assert.Equal("1-18-5", webhook.Str("metadata", "labels", "istio.io/rev"));
        var hooks = ((JsonArray)webhook["webhooks"]!).OfType<JsonObject>().ToList();
        Assert.Equal(new[] { "rev.namespace.sidecar-injector.istio.io", "rev.object.sidecar-injector.istio.io" }, hooks.Select(h => h.Str("name")));
        Assert.All(hooks, h =>
        {
            Assert.Equal("istiod-1-18-5", h.Str("clientConfig", "service", "name"));
            Assert.Equal("istio-1-18-5", h.Str("clientConfig", "service", "namespace"));
            Assert.Equal("/inject/cluster/Kubernetes/net/", h.Str("clientConfig", "service", "path"));
        });

        var tag = Assert.Single(await manager.ListAsync(default));
        Assert.Equal(("prod", "1-18-5", "istio-1-18-5"), (tag.Tag, tag.Revision, tag.ControlPlaneNamespace));
        Assert.Equal(new[] { "app" }, tag.Namespaces);
        var revision = Assert.Single(await new RevisionReader(cluster, Host).ListAsync(default));
        Assert.Equal(new[] { "prod" }, revision.Tags);
        Assert.Contains("app", revision.Namespaces);
    }

    [Fact]
    public async Task Retargeting_needs_overwrite_and_same_target_does_not()
    {
        SeedRevision("1-18-5", "istio-system");
        SeedRevision("canary", "istio-system");
        using var cluster = new MeshCluster(Connect());
        var manager = new RevisionTagManager(cluster, Host);
        await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "1-18-5" });

        var again = await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "1-18-5" });
        Assert.Equal(RevisionTagAction.Update, Assert.Single(again.Changes).Action);

        var error = await Assert.ThrowsAsync<MeshException>(() => manager.PlanSetAsync(new SetRevisionTagRequest { Tag = "prod", Revision = "canary" }, default));
        Assert.Equal("RevisionTagExists", error.ErrorId);
        Assert.Contains("-Overwrite", error.Message);

        await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "canary", Overwrite = true });
        var webhook = Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-prod")!;
        Assert.Equal("canary", webhook.Str("metadata", "labels", "istio.io/rev"));
        Assert.Equal("istiod-canary", ((JsonArray)webhook["webhooks"]!)[0].Str("clientConfig", "service", "name"));
    }

    [Fact]
    public async Task Refuses_unknown_revisions_tags_as_revisions_and_tags_named_like_revisions()
    {
        SeedRevision("1-18-5", "istio-system");
        SeedRevision("canary", "istio-system");
        using var cluster = new MeshCluster(Connect());
        var manager = new RevisionTagManager(cluster, Host);
        await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "1-18-5" });

        var missing = await Assert.ThrowsAsync<MeshException>(() => manager.PlanSetAsync(new SetRevisionTagRequest { Tag = "x", Revision = "nope" }, default));
        Assert.Equal("RevisionNotFound", missing.ErrorId);
        Assert.Contains("1-18-5, canary", missing.Message);
        var forced = await Assert.ThrowsAsync<MeshException>(() => manager.PlanSetAsync(new SetRevisionTagRequest { Tag = "x", Revision = "nope", Force = true }, default));
        Assert.Equal("RevisionInjectorNotFound", forced.ErrorId);
        var viaTag = await Assert.ThrowsAsync<MeshException>(() => manager.PlanSetAsync(new SetRevisionTagRequest { Tag = "x", Revision = "prod" }, default));
        Assert.Equal("RevisionNotFound", viaTag.ErrorId);
        Assert.Contains("-Revision 1-18-5", viaTag.Message);
        var clash = await Assert.ThrowsAsync<MeshException>(() => manager.PlanSetAsync(new SetRevisionTagRequest { Tag = "canary", Revision = "1-18-5", Overwrite = true }, default));
        Assert.Equal("RevisionTagNameIsRevision", clash.ErrorId);
    }

    [Fact]
    public async Task Force_tags_a_revision_whose_istiod_is_gone_but_whose_injector_remains()
    {
        SeedRevision("1-18-5", "istio-system");
        Server.Objects.Seed(RevisionTagWebhooksTests.Canonical("old", "istio-old", "istiod-old", "/inject"));
        using var cluster = new MeshCluster(Connect());
        var manager = new RevisionTagManager(cluster, Host);
        await SetAsync(manager, new SetRevisionTagRequest { Tag = "legacy", Revision = "old", Force = true });
        var webhook = Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-legacy-istio-old")!;
        Assert.Equal("istiod-old", ((JsonArray)webhook["webhooks"]!)[0].Str("clientConfig", "service", "name"));
    }

    [Fact]
    public async Task Default_tag_deactivates_the_default_injector_and_adds_the_validator()
    {
        SeedRevision("default", "istio-system");
        SeedRevision("1-18-5", "istio-system");
        Server.Objects.Seed("""{"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration","metadata":{"name":"istiod-istio-system","labels":{"app":"istiod"}},"webhooks":[]}""");
        Server.Objects.Seed("""{"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration","metadata":{"name":"istio-validator-1-18-5-istio-system","labels":{"app":"istiod"}},"webhooks":[]}""");
        SeedNamespace("old-style", "\"istio-injection\":\"enabled\"");
        using var cluster = new MeshCluster(Connect());
        var manager = new RevisionTagManager(cluster, Host);

        var plan = await SetAsync(manager, new SetRevisionTagRequest { Tag = "default", Revision = "1-18-5" });
        Assert.Equal(new[] { RevisionTagAction.Deactivate, RevisionTagAction.Delete, RevisionTagAction.Create, RevisionTagAction.Create }, plan.Changes.Select(c => c.Action));
        Assert.Equal(new[] { "old-style" }, plan.Namespaces);

        var tagHook = Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-default")!;
        Assert.Equal(4, ((JsonArray)tagHook["webhooks"]!).Count);
        Assert.True(RevisionTagWebhooks.IsDeactivated(Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-sidecar-injector")!));
        Assert.Null(Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istiod-istio-system"));
        Assert.NotNull(Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istio-validator-1-18-5-istio-system"));
        var validator = Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istiod-default-validator")!;
        Assert.Equal("istiod-1-18-5", ((JsonArray)validator["webhooks"]!)[0].Str("clientConfig", "service", "name"));
        Assert.Equal("default", validator.Str("metadata", "labels", "istio.io/tag"));

        // Removing it: refused while istio-injection=enabled namespaces use it; with force the validator goes too, the injector stays off.
        var inUse = await Assert.ThrowsAsync<MeshException>(() => manager.PlanRemoveAsync("default", false, default));
        Assert.Equal("RevisionTagInUse", inUse.ErrorId);
        Assert.Contains("old-style", inUse.Message);
        var removal = await manager.PlanRemoveAsync("default", true, default);
        await manager.ExecuteAsync(removal, default);
        Assert.Null(Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-default"));
        Assert.Null(Server.Objects.Get(Admission, "ValidatingWebhookConfiguration", null, "istiod-default-validator"));
        Assert.True(RevisionTagWebhooks.IsDeactivated(Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-sidecar-injector")!));
        Assert.Contains(Host.Warnings, w => w.Contains("stays deactivated"));
    }

    [Fact]
    public async Task Remove_refuses_while_in_use_and_names_unknown_tags()
    {
        SeedRevision("1-18-5", "istio-system");
        SeedNamespace("app", "\"istio.io/rev\":\"prod\"");
        using var cluster = new MeshCluster(Connect());
        var manager = new RevisionTagManager(cluster, Host);
        await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "1-18-5" });

        var error = await Assert.ThrowsAsync<MeshException>(() => manager.PlanRemoveAsync("prod", false, default));
        Assert.Equal("RevisionTagInUse", error.ErrorId);
        Assert.Contains("app", error.Message);
        var unknown = await Assert.ThrowsAsync<MeshException>(() => manager.PlanRemoveAsync("nope", false, default));
        Assert.Equal("RevisionTagNotFound", unknown.ErrorId);
        Assert.Contains("prod", unknown.Message);

        var plan = await manager.PlanRemoveAsync("prod", true, default);
        Assert.Equal(RevisionTagAction.Delete, Assert.Single(plan.Changes).Action);
        Assert.NotNull(Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-prod"));
        await manager.ExecuteAsync(plan, default);
        Assert.Null(Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-prod"));
        Assert.Empty(await manager.ListAsync(default));
    }

    [Fact]
    public async Task Retargeting_to_a_revision_in_another_namespace_deletes_the_old_webhook()
    {
        SeedRevision("a", "ns-a");
        SeedRevision("b", "ns-b");
        using var cluster = new MeshCluster(Connect());
        var manager = new RevisionTagManager(cluster, Host);
        await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "a" });
        var plan = await SetAsync(manager, new SetRevisionTagRequest { Tag = "prod", Revision = "b", Overwrite = true });
        Assert.Equal(new[] { RevisionTagAction.Create, RevisionTagAction.Delete }, plan.Changes.Select(c => c.Action));
        Assert.Null(Server.Objects.Get(Admission, "MutatingWebhookConfiguration", null, "istio-revision-tag-prod-ns-a"));
        Assert.Equal("b", Assert.Single(await manager.ListAsync(default)).Revision);
    }
}
