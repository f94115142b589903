using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class WebhookOverlapCheckTests
{
    /// <summary>The webhooks Istio 1.18's istio-discovery chart renders for a revision (mutatingwebhook.yaml).</summary>
    internal static JsonObject RevisionInjector(string name, string rev) => JsonNode.Parse($$$"""
    {"apiVersion":"admissionregistration.k8s.io/v1","kind":"MutatingWebhookConfiguration",
     "metadata":{"name":"{{{name}}}","labels":{"app":"sidecar-injector","istio.io/rev":"{{{rev}}}"}},
     "webhooks":[
      {"name":"rev.namespace.sidecar-injector.istio.io",
       "namespaceSelector":{"matchExpressions":[{"key":"istio.io/rev","operator":"In","values":["{{{rev}}}"]},{"key":"istio-injection","operator":"DoesNotExist"}]},
       "objectSelector":{"matchExpressions":[{"key":"sidecar.istio.io/inject","operator":"NotIn","values":["false"]}]}},
      {"name":"rev.object.sidecar-injector.istio.io",
       "namespaceSelector":{"matchExpressions":[{"key":"istio.io/rev","operator":"DoesNotExist"},{"key":"istio-injection","operator":"DoesNotExist"}]},
       "objectSelector":{"matchExpressions":[{"key":"sidecar.istio.io/inject","operator":"NotIn","values":["false"]},{"key":"istio.io/rev","operator":"In","values":["{{{rev}}}"]}]}}]}
    """)!.AsObject();

    /// <summary>The extra webhooks of the default (unnamed) revision.</summary>
    internal static JsonObject DefaultInjector(string name) => JsonNode.Parse($$$"""
    {"apiVersion":"admissionregistration.k8s.io/v1","kind":"MutatingWebhookConfiguration",
     "metadata":{"name":"{{{name}}}","labels":{"app":"sidecar-injector"}},
     "webhooks":[
      {"name":"namespace.sidecar-injector.istio.io",
       "namespaceSelector":{"matchExpressions":[{"key":"istio-injection","operator":"In","values":["enabled"]}]},
       "objectSelector":{"matchExpressions":[{"key":"sidecar.istio.io/inject","operator":"NotIn","values":["false"]}]}},
      {"name":"object.sidecar-injector.istio.io",
       "namespaceSelector":{"matchExpressions":[{"key":"istio-injection","operator":"DoesNotExist"},{"key":"istio.io/rev","operator":"DoesNotExist"}]},
       "objectSelector":{"matchExpressions":[{"key":"sidecar.istio.io/inject","operator":"In","values":["true"]},{"key":"istio.io/rev","operator":"DoesNotExist"}]}}]}
    """)!.AsObject();

    private static List<WebhookOverlapCheck.Webhook> Hooks(params JsonObject[] configs) => configs.SelectMany(WebhookOverlapCheck.InjectorWebhooks).ToList();

    [Fact]
    public void TwoRevisionsAndTheDefaultDoNotOverlap()
    {
        WebhookOverlapCheck.Check(Hooks(RevisionInjector("istio-sidecar-injector-canary", "canary")),
            Hooks(RevisionInjector("istio-sidecar-injector-stable", "stable"), DefaultInjector("istio-sidecar-injector")));
    }

    [Fact]
    public void SameRevisionUnderAnotherNameOverlapsAndNamesBothWebhooks()
    {
        var e = Assert.Throws<MeshException>(() => WebhookOverlapCheck.Check(
            Hooks(RevisionInjector("istio-sidecar-injector-canary-ns2", "canary")),
            Hooks(RevisionInjector("istio-sidecar-injector-canary", "canary"))));
        Assert.Equal("WebhookOverlap", e.ErrorId);
        Assert.Contains("istio-sidecar-injector-canary-ns2/", e.Message);
        Assert.Contains("istio-sidecar-injector-canary/", e.Message);
        Assert.Contains("IST0139", e.Message);
    }

    [Fact]
    public void AnInjectorIstioctlDeactivatedOverlapsWithNothing()
    {
        // The default tag took over istio-injection=enabled; the default revision's own injector never matches.
        var deactivated = MeshOps.Engine.Mesh.RevisionTagWebhooks.Deactivate(DefaultInjector("istio-sidecar-injector"));
        Assert.Empty(Hooks(deactivated));
        WebhookOverlapCheck.Check(Hooks(deactivated), Hooks(DefaultInjector("istio-revision-tag-default")));
        // Only both selectors never matching switch it off.
        var half = DefaultInjector("istio-sidecar-injector");
        foreach (var hook in ((JsonArray)half["webhooks"]!).OfType<JsonObject>())
            hook["namespaceSelector"] = JsonNode.Parse("""{"matchLabels":{"istio.io/deactivated":"never-match"}}""");
        Assert.Equal(2, Hooks(half).Count);
    }

    [Fact]
    public void TwoDefaultRevisionsOverlapOnIstioInjectionEnabled()
    {
        var e = Assert.Throws<MeshException>(() => WebhookOverlapCheck.Check(
            Hooks(DefaultInjector("istio-sidecar-injector-other")), Hooks(DefaultInjector("istio-sidecar-injector"))));
        Assert.Contains("istio-sidecar-injector-other", e.Message);
    }

    [Fact]
    public void ReplacingTheSameConfigurationIsNotAnOverlap()
    {
        WebhookOverlapCheck.Check(Hooks(RevisionInjector("istio-sidecar-injector-canary", "canary")),
            Hooks(RevisionInjector("istio-sidecar-injector-canary", "canary")));
    }

    [Fact]
    public void ConfigurationsWithoutTheInjectorLabelAreIgnored()
    {
        var other = RevisionInjector("someone-else", "canary");
        other["metadata"]!["labels"]!.AsObject().Remove("app");
        Assert.Empty(WebhookOverlapCheck.InjectorWebhooks(other));
    }
}
