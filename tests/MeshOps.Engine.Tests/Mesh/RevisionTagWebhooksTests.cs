using System.Text.Json.Nodes;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Yaml;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// The tag objects against what istioctl 1.18.5 generates: the real charts rendered with istioctl's values
/// (generate.go generateMutatingWebhook/generateValidatingWebhook) plus its fix-ups, and generate_test.go's cases.
/// </summary>
public sealed class RevisionTagWebhooksTests
{
    private static InjectorEndpoint Service(string revision = "1-18-5", string ns = "istio-system", string path = "/inject", string? ca = "Y2E=") =>
        new() { Revision = revision, Namespace = ns, Path = path, CaBundle = ca };

    /// <summary>Renders revision-tags.yaml as istioctl does, then sets caBundle and service.path like generateMutatingWebhook.</summary>
    private static JsonObject IstioctlInjector(string tag, InjectorEndpoint e, bool autoInject)
    {
        var values = (Dictionary<string, object?>)GoYaml.Parse($"""
            revision: "{e.Revision}"
            revisionTags:
              - {tag}
            sidecarInjectorWebhook:
              enableNamespacesByDefault: {(autoInject ? "true" : "false")}
              objectSelector:
                enabled: true
                autoInject: true
            istiodRemote:
              injectionURL: {e.Url ?? ""}
            """)!;
        var chart = ChartLoader.Load(Path.Combine(SharedData.ReleaseManifests, "charts", "istio-control", "istio-discovery"));
        var result = HelmRenderer.Render(chart, values, new RenderOptions { ReleaseName = "istio", Namespace = e.Namespace });
        var rendered = Parse(result.Templates.Single(t => t.Path.EndsWith("revision-tags.yaml", StringComparison.Ordinal)).Content);
        foreach (var hook in ((JsonArray)rendered["webhooks"]!).OfType<JsonObject>())
        {
            var clientConfig = (JsonObject)hook["clientConfig"]!;
            if (e.CaBundle != null) clientConfig["caBundle"] = e.CaBundle;
            if (clientConfig["service"] is JsonObject service) service["path"] = e.Path;
        }
        return rendered;
    }

    private static JsonObject IstioctlValidator(InjectorEndpoint e)
    {
        var url = e.Url == null ? "" : RevisionTagWebhooks.ValidationUrl(e.Url);
        var values = (Dictionary<string, object?>)GoYaml.Parse($"""
            global:
              istioNamespace: {e.Namespace}
            revision: "{e.Revision}"
            base:
              validationURL: {url}
            """)!;
        var chart = ChartLoader.Load(Path.Combine(SharedData.ReleaseManifests, "charts", "default"));
        var result = HelmRenderer.Render(chart, values, new RenderOptions { ReleaseName = "istio", Namespace = e.Namespace });
        var rendered = Parse(result.Templates.Single(t => t.Path.EndsWith("validatingwebhook.yaml", StringComparison.Ordinal)).Content);
        foreach (var hook in ((JsonArray)rendered["webhooks"]!).OfType<JsonObject>())
            if (e.CaBundle != null) ((JsonObject)hook["clientConfig"]!)["caBundle"] = e.CaBundle;
        return rendered;
    }

    private static JsonObject Parse(string yaml) =>
        (JsonObject)JsonNode.Parse(GoJson.Serialize(GoYaml.ParseDocuments(yaml).Single().Value))!;

    public static TheoryData<string, string, string, string?, bool> InjectorCases => new()
    {
        { "prod", "1-18-5", "istio-system", null, false },
        { "prod", "istio-1-18-5", "istio-1-18-5", null, false },
        { "canary", "", "istio-system", null, false },
        { "default", "1-18-5", "istio-system", null, false },
        { "default", "1-18-5", "istio-1-18-5", null, true },
        { "prod", "1-18-5", "istio-system", "https://random.host.com/inject/cluster/cluster1/net/net1", false },
        { "default", "rev", "istio-system", "https://random.host.com:15017/inject/cluster/c/net/n", false },
    };

    [SharedTheory]
    [MemberData(nameof(InjectorCases))]
    public void Injector_matches_the_chart_rendered_as_istioctl_renders_it(string tag, string revision, string ns, string? url, bool autoInject)
    {
        var endpoint = Service(revision, ns, "/inject/cluster/Kubernetes/net/") with { Url = url };
        var expected = IstioctlInjector(tag, endpoint, autoInject);
        var actual = RevisionTagWebhooks.BuildInjector(tag, endpoint, autoInject);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected}\nactual\n{actual}");
    }

    [SharedTheory]
    [InlineData("1-18-5", "istio-system", null)]
    [InlineData("", "istio-1-18-5", null)]
    [InlineData("canary", "istio-system-blue", "https://random.host.com/inject/cluster/cluster1/net/net1")]
    public void Default_validator_matches_the_default_chart(string revision, string ns, string? url)
    {
        var endpoint = Service(revision, ns) with { Url = url };
        var expected = IstioctlValidator(endpoint);
        var actual = RevisionTagWebhooks.BuildDefaultValidator(endpoint);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected}\nactual\n{actual}");
    }

    [Theory]
    [InlineData("https://random.host.com/inject/cluster/cluster1/net/net1", "https://random.host.com/validate")]
    [InlineData("https://h:15017/inject?x=1#f", "https://h:15017/validate?x=1#f")]
    [InlineData("https://h:443", "https://h:443/validate")]
    public void Validation_url_replaces_only_the_path(string url, string expected) =>
        Assert.Equal(expected, RevisionTagWebhooks.ValidationUrl(url));

    [Fact]
    public void Generate_test_cases_webhook_counts_services_and_ca()
    {
        // generate_test.go TestGenerateMutatingWebhook: 2 webhooks for a tag, 4 for default; istiod for the default revision.
        var revisionHook = Canonical("revision", "istio-system", "istiod-revision", "/sample/path");
        var defaultHook = Canonical("default", "istio-system", "istiod", null);
        var canary = RevisionTagWebhooks.BuildInjector("canary", RevisionTagWebhooks.EndpointOf(revisionHook, "x"));
        Assert.Equal(2, ((JsonArray)canary["webhooks"]!).Count);
        Assert.All(((JsonArray)canary["webhooks"]!).OfType<JsonObject>(), h =>
        {
            Assert.Equal("istiod-revision", h.Str("clientConfig", "service", "name"));
            Assert.Equal("/sample/path", h.Str("clientConfig", "service", "path"));
            Assert.Equal("Y2E=", h.Str("clientConfig", "caBundle"));
        });
        var onDefault = RevisionTagWebhooks.BuildInjector("canary", RevisionTagWebhooks.EndpointOf(defaultHook, "x"));
        Assert.Equal("istiod", ((JsonArray)onDefault["webhooks"]!)[0].Str("clientConfig", "service", "name"));
        Assert.Equal("default", onDefault.Str("metadata", "labels", "istio.io/rev"));
        var asDefault = RevisionTagWebhooks.BuildInjector("default", RevisionTagWebhooks.EndpointOf(defaultHook, "x"));
        Assert.Equal(4, ((JsonArray)asDefault["webhooks"]!).Count);
        Assert.Equal("istio-revision-tag-default", asDefault.Str("metadata", "name"));
        // istioctl takes the namespace from its -i flag; we take the one the revision's injector calls, which -i must equal.
        var elsewhere = RevisionTagWebhooks.BuildInjector("prod", RevisionTagWebhooks.EndpointOf(Canonical("revision", "istio-blue", "istiod-revision", null), "x"));
        Assert.Equal("istio-revision-tag-prod-istio-blue", elsewhere.Str("metadata", "name"));
        Assert.Equal("istio-blue", ((JsonArray)elsewhere["webhooks"]!)[1].Str("clientConfig", "service", "namespace"));
        Assert.Equal("", ((JsonArray)elsewhere["webhooks"]!)[1].Str("clientConfig", "service", "path"));
    }

    [Fact]
    public void Endpoint_requires_an_injector_webhook()
    {
        var config = JsonNode.Parse("""{"metadata":{"name":"x","labels":{"istio.io/rev":"r"}},"webhooks":[{"name":"validation.istio.io"}]}""")!.AsObject();
        var error = Assert.Throws<MeshException>(() => RevisionTagWebhooks.EndpointOf(config, "ns"));
        Assert.Equal("RevisionInjectorInvalid", error.ErrorId);
    }

    [Fact]
    public void Endpoint_takes_url_and_empty_path()
    {
        var config = JsonNode.Parse("""{"metadata":{"name":"x","labels":{"istio.io/rev":"r"}},"webhooks":[{"name":"rev.namespace.sidecar-injector.istio.io","clientConfig":{"url":"https://h/inject"}}]}""")!.AsObject();
        var endpoint = RevisionTagWebhooks.EndpointOf(config, "ns1");
        Assert.Equal("https://h/inject", endpoint.Url);
        Assert.Equal("ns1", endpoint.Namespace);
        Assert.Null(endpoint.CaBundle);
        Assert.Equal("r", endpoint.Revision);
    }

    [Fact]
    public void Deactivate_sets_never_match_on_every_webhook_and_drops_server_fields()
    {
        var config = Canonical("default", "default", "istiod", "/inject");
        ((JsonObject)config["metadata"]!)["resourceVersion"] = "12";
        ((JsonObject)config["metadata"]!)["managedFields"] = new JsonArray();
        Assert.False(RevisionTagWebhooks.IsDeactivated(config));
        var off = RevisionTagWebhooks.Deactivate(config);
        Assert.True(RevisionTagWebhooks.IsDeactivated(off));
        Assert.Null(off.At("metadata", "resourceVersion"));
        Assert.Null(off.At("metadata", "managedFields"));
        foreach (var hook in ((JsonArray)off["webhooks"]!).OfType<JsonObject>())
        {
            Assert.Equal("""{"matchLabels":{"istio.io/deactivated":"never-match"}}""", hook["namespaceSelector"]!.ToJsonString());
            Assert.Equal("""{"matchLabels":{"istio.io/deactivated":"never-match"}}""", hook["objectSelector"]!.ToJsonString());
            Assert.NotNull(hook["clientConfig"]);
        }
        Assert.False(RevisionTagWebhooks.IsDeactivated(config), "the input is not changed");
    }

    [Fact]
    public void Deactivate_leaves_out_a_caBundle_istiod_owns_so_it_stays_istiods()
    {
        var config = Canonical("default", "default", "istiod", "/inject");
        // istiod's webhook patcher wrote the caBundle of namespace.sidecar-injector.istio.io with an Update.
        ((JsonObject)config["metadata"]!)["managedFields"] = JsonNode.Parse("""
            [{"manager":"meshops","operation":"Apply","apiVersion":"admissionregistration.k8s.io/v1","fieldsType":"FieldsV1",
              "fieldsV1":{"f:webhooks":{"k:{\"name\":\"object.sidecar-injector.istio.io\"}":{"f:clientConfig":{"f:caBundle":{}}}}}},
             {"manager":"pilot-discovery","operation":"Update","apiVersion":"admissionregistration.k8s.io/v1","fieldsType":"FieldsV1",
              "fieldsV1":{"f:webhooks":{"k:{\"name\":\"namespace.sidecar-injector.istio.io\"}":{"f:clientConfig":{"f:caBundle":{}}}}}}]
            """);
        var off = RevisionTagWebhooks.Deactivate(config);
        Assert.Null(off["webhooks"]![0]!["clientConfig"]!["caBundle"]);
        Assert.NotNull(off["webhooks"]![0]!["clientConfig"]!["service"]);
        Assert.Equal("Y2E=", (string?)off["webhooks"]![1]!["clientConfig"]!["caBundle"]); // ours: kept
        Assert.Equal("Y2E=", (string?)config["webhooks"]![0]!["clientConfig"]!["caBundle"]); // the input is not changed
        Assert.True(RevisionTagWebhooks.IsDeactivated(off));
    }

    [Theory]
    [InlineData("prod", "istio-system", "istio-revision-tag-prod")]
    [InlineData("prod", "istio-1-18-5", "istio-revision-tag-prod-istio-1-18-5")]
    public void Webhook_names(string tag, string ns, string expected) => Assert.Equal(expected, RevisionTagWebhooks.WebhookName(tag, ns));

    [Theory]
    [InlineData("Prod")]
    [InlineData("-x")]
    [InlineData("a_b")]
    [InlineData("")]
    [InlineData("this-tag-name-is-far-too-long-to-be-a-label-value-in-kubernetes-at-all")]
    public void Bad_tag_names_are_refused(string tag) =>
        Assert.Equal("InvalidRevisionTagName", Assert.Throws<MeshException>(() => RevisionTagWebhooks.ValidateTagName(tag)).ErrorId);

    internal static JsonObject Canonical(string revision, string ns, string service, string? path)
    {
        var hooks = new JsonArray();
        foreach (var prefix in new[] { "namespace.", "object." })
        {
            var svc = new JsonObject { ["name"] = service, ["namespace"] = ns };
            if (path != null && prefix == "namespace.") svc["path"] = path;
            hooks.Add(new JsonObject
            {
                ["name"] = prefix + "sidecar-injector.istio.io",
                ["clientConfig"] = new JsonObject { ["service"] = svc, ["caBundle"] = "Y2E=" },
                ["namespaceSelector"] = new JsonObject { ["matchExpressions"] = new JsonArray() },
            });
        }
        return new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "MutatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = "istio-sidecar-injector-" + revision, ["labels"] = new JsonObject { ["istio.io/rev"] = revision, ["app"] = "sidecar-injector" } },
            ["webhooks"] = hooks,
        };
    }
}
