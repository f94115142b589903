using System.Text.Json.Nodes;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Kube;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// A revision tag (and the default tag's istiod-default-validator) follows the istioctl of the release whose revision
/// it points at: for every release in ../shared, the tag objects equal that release's own templates rendered as its
/// istioctl renders them (revision-tags.yaml or revision-tags-mwc.yaml, the default chart's validatingwebhook.yaml),
/// from the revision's injector as that release's istio-discovery chart renders it; and the validator's failurePolicy
/// and the deprecated validators follow the release's tag code.
/// </summary>
public sealed class RevisionTagReleaseTests : ClusterTestBase
{
    public static TheoryData<string> Releases => new() { "1.18.5", "1.20.8", "1.22.8", "1.24.6", "1.26.8", "1.28.10" };

    private static string Charts(string version) => Path.Combine(SharedData.Require(), "istio", version, "release", "manifests", "charts");

    private static IEnumerable<(string Path, JsonObject Object)> Render(string chartPath, string valuesYaml, string ns)
    {
        var chart = ChartLoader.Load(chartPath);
        var result = HelmRenderer.Render(chart, (Dictionary<string, object?>)GoYaml.Parse(valuesYaml)!, new RenderOptions { ReleaseName = "istio", Namespace = ns });
        foreach (var template in result.Templates)
            foreach (var doc in GoYaml.ParseDocuments(template.Content))
                if (doc.Value is Dictionary<string, object?>)
                    yield return (template.Path, (JsonObject)JsonNode.Parse(GoJson.Serialize(doc.Value))!);
    }

    private static void SetCaAndPath(JsonObject configuration, string? ca, string? path)
    {
        foreach (var hook in ((JsonArray)configuration["webhooks"]!).OfType<JsonObject>())
        {
            var clientConfig = (JsonObject)hook["clientConfig"]!;
            if (ca != null) clientConfig["caBundle"] = ca;
            if (path != null && clientConfig["service"] is JsonObject service) service["path"] = path;
        }
    }

    private static void AssertSame(JsonObject expected, JsonObject actual, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> istioctlLabels)
    {
        Assert.True(JsonNode.DeepEquals(expected["webhooks"], actual["webhooks"]), $"expected\n{expected["webhooks"]}\nactual\n{actual["webhooks"]}");
        Assert.Equal(expected.Str("metadata", "name"), actual.Str("metadata", "name"));
        // The later charts add app.kubernetes.io/* and helm.sh/chart labels (chart version): ours are the ones every release
        // has, with the injector's over them as istioctl lays them.
        var expectedLabels = istioctlLabels(expected.StringMap("metadata", "labels"));
        Assert.All(actual.StringMap("metadata", "labels"), l => Assert.Equal(l.Value, expectedLabels.GetValueOrDefault(l.Key)));
    }

    /// <summary>The revision's injector configuration as its release's istio-discovery chart renders it.</summary>
    private static JsonObject RenderInjector(string charts, string revision, string ns) =>
        Render(Path.Combine(charts, "istio-control", "istio-discovery"), $"""
            revision: {revision}
            global:
              istioNamespace: {ns}
            """, ns).Single(t => t.Path.EndsWith("/mutatingwebhook.yaml", StringComparison.Ordinal)).Object;

    [SharedTheory]
    [MemberData(nameof(Releases))]
    public void Tag_webhooks_are_the_releases_own_templates(string version)
    {
        const string ns = "istio-system";
        const string revision = "canary";
        var charts = Charts(version);
        var release = IstioctlRelease.For(IstioVersion.Parse(version));

        // The revision's injector, as its release's chart renders it (istiod patches the caBundle in).
        var injector = RenderInjector(charts, revision, ns);
        SetCaAndPath(injector, "Y2E=", null);
        var endpoint = RevisionTagWebhooks.EndpointOf(injector, ns, release);
        Dictionary<string, string> Labels(IReadOnlyDictionary<string, string> chart) => IstioctlLabels(version, chart, injector.StringMap("metadata", "labels"), byInstaller: false);

        foreach (var tag in new[] { "default", "prod" })
        {
            // generateMutatingWebhook's values, then its fix-ups (caBundle and service path from the injector).
            var reinvocation = endpoint.ReinvocationPolicy == null ? "" : $"  reinvocationPolicy: {endpoint.ReinvocationPolicy}\n";
            var rendered = Render(Path.Combine(charts, "istio-control", "istio-discovery"), $"""
                revision: {revision}
                revisionTags:
                  - {tag}
                sidecarInjectorWebhook:
                  enableNamespacesByDefault: false
                {reinvocation}istiodRemote:
                  injectionURL: ""
                global:
                  istioNamespace: {ns}
                """, ns).ToList();
            var expected = rendered.Single(t => t.Object.Str("kind") == "MutatingWebhookConfiguration" && t.Object.Str("metadata", "name")!.StartsWith("istio-revision-tag-", StringComparison.Ordinal)).Object;
            SetCaAndPath(expected, endpoint.CaBundle, endpoint.Path);
            AssertSame(expected, RevisionTagWebhooks.BuildInjector(tag, endpoint), Labels);

            // generateTagService (1.28+): the chart's Service for the tag, as it is.
            var service = rendered.SingleOrDefault(t => t.Object.Str("kind") == "Service" && t.Object.Str("metadata", "labels", "istio.io/tag") == tag).Object;
            Assert.Equal(release.TagCreatesService, service != null);
            if (service == null) continue;
            var ours = RevisionTagWebhooks.BuildTagService(tag, endpoint);
            Assert.True(JsonNode.DeepEquals(service["spec"], ours["spec"]), $"expected\n{service["spec"]}\nactual\n{ours["spec"]}");
            Assert.Equal(service.Str("metadata", "name"), ours.Str("metadata", "name"));
            Assert.Equal(service.Str("metadata", "namespace"), ours.Str("metadata", "namespace"));
            var labels = service.StringMap("metadata", "labels");
            Assert.All(ours.StringMap("metadata", "labels"), l => Assert.Equal(l.Value, labels.GetValueOrDefault(l.Key)));
        }

        // generateValidatingWebhook: the default chart with the tag's revision, caBundle from the injector.
        var validator = Render(Path.Combine(charts, "default"), $"""
            revision: {revision}
            global:
              istioNamespace: {ns}
            base:
              validationURL: ""
            """, ns).Single(t => t.Object.Str("kind") == "ValidatingWebhookConfiguration").Object;
        SetCaAndPath(validator, endpoint.CaBundle, null);
        AssertSame(validator, RevisionTagWebhooks.BuildDefaultValidator(endpoint), Labels);
        Assert.Equal(release.AtLeast(1, 23) ? new[] { "v1" } : ["v1beta1", "v1"], endpoint.AdmissionReviewVersions);
    }

    /// <summary>
    /// istioctl's generateLabels, written out from its source (istioctl/pkg/tag/generate.go): 1.18.5 keeps the chart's
    /// labels; 1.19+ lays the injector's labels but app over them (tagWebhookConfigFromCanonicalWebhook) and copies its
    /// annotations, then tag set (UserManaged) drops every key containing operator.istio.io, and the install
    /// (CustomLabels) adds install.operator.istio.io/owning-resource-not-pruned=true.
    /// </summary>
    private static Dictionary<string, string> IstioctlLabels(string version, IReadOnlyDictionary<string, string> chart, IReadOnlyDictionary<string, string> injector, bool byInstaller)
    {
        var labels = new Dictionary<string, string>(chart);
        if (version == "1.18.5") return labels;
        foreach (var (key, value) in injector.Where(l => l.Key != "app")) labels[key] = value;
        if (byInstaller) labels["install.operator.istio.io/owning-resource-not-pruned"] = "true";
        else foreach (var key in labels.Keys.Where(k => k.Contains("operator.istio.io", StringComparison.Ordinal)).ToList()) labels.Remove(key);
        return labels;
    }

    [SharedTheory]
    [MemberData(nameof(Releases))]
    public void Tag_webhooks_carry_the_labels_and_annotations_istioctl_gives_them(string version)
    {
        const string ns = "istio-system";
        const string revision = "canary";
        var charts = Charts(version);
        var release = IstioctlRelease.For(IstioVersion.Parse(version));
        var injector = RenderInjector(charts, revision, ns);
        // As an install leaves it: MeshOps' ownership labels (never copied: the revision's prune would take the tag),
        // an operator label istioctl's installer adds, a user's label and annotation.
        var injectorLabels = (JsonObject)injector["metadata"]!["labels"]!;
        injectorLabels["meshops.io/component"] = "Pilot";
        injectorLabels["meshops.io/revision"] = revision;
        injectorLabels["operator.istio.io/managed"] = "Reconcile";
        injectorLabels["team"] = "mesh";
        injector["metadata"]!["annotations"] = new JsonObject { ["example.com/owner"] = "platform" };
        var copied = injector.StringMap("metadata", "labels").Where(l => !l.Key.StartsWith("meshops.io/", StringComparison.Ordinal)).ToDictionary(l => l.Key, l => l.Value);
        var endpoint = RevisionTagWebhooks.EndpointOf(injector, ns, release);

        foreach (var byInstaller in new[] { false, true })
        {
            var rendered = Render(Path.Combine(charts, "istio-control", "istio-discovery"), $"""
                revision: {revision}
                revisionTags:
                  - default
                global:
                  istioNamespace: {ns}
                """, ns).Single(t => t.Object.Str("kind") == "MutatingWebhookConfiguration" && t.Object.Str("metadata", "name")!.StartsWith("istio-revision-tag-", StringComparison.Ordinal)).Object;
            var validator = Render(Path.Combine(charts, "default"), $"""
                revision: {revision}
                global:
                  istioNamespace: {ns}
                """, ns).Single(t => t.Object.Str("kind") == "ValidatingWebhookConfiguration").Object;
            foreach (var (chart, ours) in new[]
            {
                (rendered, RevisionTagWebhooks.BuildInjector("default", endpoint, byInstaller: byInstaller)),
                (validator, RevisionTagWebhooks.BuildDefaultValidator(endpoint, byInstaller: byInstaller)),
            })
            {
                var expected = IstioctlLabels(version, chart.StringMap("metadata", "labels"), copied, byInstaller);
                var actual = ours.StringMap("metadata", "labels");
                // The later charts add helm.sh/chart and app.kubernetes.io/* labels of their own; ours must hold every
                // other label istioctl's object has, and nothing it has not.
                Assert.All(actual, l => Assert.Equal(expected.GetValueOrDefault(l.Key), l.Value));
                Assert.DoesNotContain(expected.Keys.Except(actual.Keys), k => !k.StartsWith("app.kubernetes.io/", StringComparison.Ordinal) && k != "helm.sh/chart");
                Assert.Equal(version == "1.18.5" ? null : "platform", ours.Str("metadata", "annotations", "example.com/owner"));
            }
        }
    }

    [SharedFact]
    public async Task A_1_28_tag_carries_the_injectors_labels_but_not_MeshOps_ownership_so_a_reinstall_keeps_it()
    {
        using var cluster = new MeshCluster(Connect());
        Task InstallAsync() => Install128Async(cluster, "canary");
        await InstallAsync();
        JsonObject? Webhook(string name) => Server.Objects.Get("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", null, name);
        // The install's default tag (istioctl's CustomLabels): operator labels kept, marked not to be pruned.
        var defaultTag = Webhook("istio-revision-tag-default")!.StringMap("metadata", "labels");
        Assert.Equal("true", defaultTag.GetValueOrDefault(RevisionTagWebhooks.NotPrunedLabel));
        Assert.Equal("Pilot", defaultTag.GetValueOrDefault("operator.istio.io/component"));

        var tags = new RevisionTagManager(cluster, Host);
        await tags.ExecuteAsync(await tags.PlanSetAsync(new SetRevisionTagRequest { Tag = "prod", Revision = "canary" }, default), default);
        var injector = Webhook("istio-sidecar-injector-canary")!.StringMap("metadata", "labels");
        var prod = Webhook("istio-revision-tag-prod")!.StringMap("metadata", "labels");
        Assert.Equal(injector["app.kubernetes.io/part-of"], prod.GetValueOrDefault("app.kubernetes.io/part-of"));
        Assert.Equal("sidecar-injector", prod.GetValueOrDefault("app"));
        Assert.DoesNotContain(prod.Keys, k => k.StartsWith("meshops.io/", StringComparison.Ordinal) || k.Contains("operator.istio.io", StringComparison.Ordinal));

        // The revision's reinstall prunes what it owns (meshops.io labels): neither tag is among it.
        await InstallAsync();
        Assert.NotNull(Webhook("istio-revision-tag-prod"));
        Assert.NotNull(Webhook("istio-revision-tag-default"));
    }

    [SharedTheory]
    [InlineData("1.18.5", "Ignore", true)]
    [InlineData("1.28.10", "Fail", false)]
    public async Task The_default_tag_follows_the_release_of_its_revision(string version, string failurePolicy, bool olderRules)
    {
        using var cluster = new MeshCluster(Connect());
        await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest
            {
                Version = IstioVersion.Parse(version), Profile = "minimal", Revision = "canary",
                ManifestsPath = Path.Combine(SharedData.Require(), "istio", version, "release", "manifests"),
            },
            Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(20),
        }, default);
        // The first install made the default tag; istiod then turns its validator to Fail once it serves (the webhook controller).
        var validator = Server.Objects.Get("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", null, RevisionTagWebhooks.DefaultValidatorName)!;
        Assert.Equal("Ignore", ((JsonArray)validator["webhooks"]!)[0].Str("failurePolicy"));
        ((JsonObject)((JsonArray)validator["webhooks"]!)[0]!)["failurePolicy"] = "Fail";
        Server.Objects.Seed(validator, "pilot-discovery");
        // A validator an old base chart left (app=istiod, not named *validator*).
        Server.Objects.Seed("""{"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration","metadata":{"name":"istiod-istio-system","labels":{"app":"istiod"}},"webhooks":[]}""");

        var plan = await new RevisionTagManager(cluster, Host).PlanSetAsync(new SetRevisionTagRequest { Tag = "default", Revision = "canary", Overwrite = true }, default);
        var planned = plan.Changes.Single(c => c.Kind == "ValidatingWebhookConfiguration" && c.Name == RevisionTagWebhooks.DefaultValidatorName).Body!;
        Assert.Equal(failurePolicy, ((JsonArray)planned["webhooks"]!)[0].Str("failurePolicy"));
        Assert.Equal(olderRules, plan.Changes.Any(c => c.Action == RevisionTagAction.Delete && c.Name == "istiod-istio-system"));
        // 1.28's tag has a Service; the install's automatic default tag already made it, and removing the tag removes it.
        var service = Server.Objects.Get("v1", "Service", Ns, "istiod-revision-tag-default");
        Assert.Equal(!olderRules, service != null);
        if (service != null) Assert.Equal("canary", service.Str("spec", "selector", "istio.io/rev"));
        var remove = await new RevisionTagManager(cluster, Host).PlanRemoveAsync("default", force: true, default);
        await new RevisionTagManager(cluster, Host).ExecuteAsync(remove, default);
        Assert.Null(Server.Objects.Get("v1", "Service", Ns, "istiod-revision-tag-default"));
    }

    [SharedFact]
    public async Task Moving_the_default_tag_between_releases_takes_each_releases_objects()
    {
        using var cluster = new MeshCluster(Connect());
        foreach (var (version, revision) in new[] { ("1.18.5", "old"), ("1.28.10", "new") })
        {
            await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
            {
                Manifest = new GenerateRequest
                {
                    Version = IstioVersion.Parse(version), Profile = "minimal", Revision = revision,
                    ManifestsPath = Path.Combine(SharedData.Require(), "istio", version, "release", "manifests"),
                },
                Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(20),
            }, default);
        }
        var tags = new RevisionTagManager(cluster, Host);
        JsonObject Validator() => Server.Objects.Get("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", null, RevisionTagWebhooks.DefaultValidatorName)!;
        JsonObject TagWebhook() => Server.Objects.Get("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", null, "istio-revision-tag-default")!;
        static string Reviews(JsonObject o) => string.Join(",", ((JsonArray)((JsonArray)o["webhooks"]!)[0]!["admissionReviewVersions"]!).Select(v => v.Str()));

        // The first install (1.18.5) made the default tag, as istioctl 1.18 does: no Service, v1beta1 and v1.
        Assert.Equal("old", Validator().Str("metadata", "labels", "istio.io/rev"));
        Assert.Equal("v1beta1,v1", Reviews(Validator()));
        // 1.18's tag sets no reinvocationPolicy: the field is not ours, and the server holds its default.
        Assert.DoesNotContain("f:reinvocationPolicy", ((JsonArray)TagWebhook()["metadata"]!["managedFields"]!).OfType<JsonObject>()
            .Single(e => e.Str("manager") == "meshops" && e.Str("operation") == "Apply")["fieldsV1"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Never", ((JsonArray)TagWebhook()["webhooks"]!)[0].Str("reinvocationPolicy"));
        Assert.Null(Server.Objects.Get("v1", "Service", Ns, "istiod-revision-tag-default"));

        await tags.ExecuteAsync(await tags.PlanSetAsync(new SetRevisionTagRequest { Tag = "default", Revision = "new", Overwrite = true }, default), default);
        Assert.Equal("new", Validator().Str("metadata", "labels", "istio.io/rev"));
        Assert.Equal("v1", Reviews(Validator()));
        Assert.Equal("v1", Reviews(TagWebhook()));
        Assert.Equal("Never", ((JsonArray)TagWebhook()["webhooks"]!)[0].Str("reinvocationPolicy"));
        Assert.Equal("new", Server.Objects.Get("v1", "Service", Ns, "istiod-revision-tag-default")!.Str("spec", "selector", "istio.io/rev"));

        // Back to 1.18.5: its rules again, and the Service that would send the tag's name to 1.28.10's istiod goes.
        await tags.ExecuteAsync(await tags.PlanSetAsync(new SetRevisionTagRequest { Tag = "default", Revision = "old", Overwrite = true }, default), default);
        Assert.Equal("old", Validator().Str("metadata", "labels", "istio.io/rev"));
        Assert.Equal("v1beta1,v1", Reviews(Validator()));
        Assert.Equal("v1beta1,v1", Reviews(TagWebhook()));
        Assert.Null(Server.Objects.Get("v1", "Service", Ns, "istiod-revision-tag-default"));
    }

    /// <summary>Installs 1.28.10's minimal profile as the given revision (the default tag comes with a first install).</summary>
    private Task<InstallResult> Install128Async(MeshCluster cluster, string revision) =>
        new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest
            {
                Version = IstioVersion.Parse("1.28.10"), Profile = "minimal", Revision = revision,
                ManifestsPath = Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests"),
            },
            Timeout = TimeSpan.FromSeconds(30), PollInterval = TimeSpan.FromMilliseconds(20),
        }, default);

    [SharedFact]
    public async Task A_1_28_first_install_makes_the_default_tag_with_its_Service_and_a_rerun_writes_nothing()
    {
        using var cluster = new MeshCluster(Connect());
        Task InstallAsync() => Install128Async(cluster, "1-28-10");
        List<string> Writes() => Server.RequestLog.Entries.Where(e => e.Method is "POST" or "PUT" or "PATCH" or "DELETE").Select(e => $"{e.Method} {e.Path}").ToList();
        // A stale tag Service left without its webhooks (deleted by hand): 1.28 makes tag Services, so the install's
        // default tag looks for them even though no webhook of the tag was there, and removes the one that is not its own.
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-old"}}""");
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"istiod-revision-tag-default","namespace":"istio-old","labels":{"istio.io/tag":"default","istio.io/rev":"old"}},"spec":{"ports":[{"name":"grpc-xds","port":15010}]}}""");
        await InstallAsync();
        Assert.Null(Server.Objects.Get("v1", "Service", "istio-old", "istiod-revision-tag-default"));
        Assert.Equal("1-28-10", Server.Objects.Get("v1", "Service", Ns, "istiod-revision-tag-default")?.Str("spec", "selector", "istio.io/rev"));
        Assert.Contains(Writes(), w => w.StartsWith("PATCH /api/v1/namespaces/istio-system/services/istiod-revision-tag-default", StringComparison.Ordinal));
        Server.RequestLog.Clear();
        await InstallAsync();
        Assert.Empty(Writes());
    }
}
