using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class ConflictTests : ClusterTestBase
{
    private static JsonObject CmBody(string name, string value) => JsonNode.Parse($$$"""
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"istio-system"},"data":{"key":"{{{value}}}"}}
        """)!.AsObject();

    /// <summary>Another tool server-side-applies the object first.</summary>
    private async Task ApplyAs(string manager, string name, string value)
    {
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-system"}}""");
        using var c = Connect();
        await c.ApplyAsync($"/api/v1/namespaces/istio-system/configmaps/{name}", CmBody(name, value), manager, force: false, dryRun: false, CancellationToken.None);
    }

    private static IEnumerable<string?> Managers(JsonObject o) =>
        o["metadata"]!["managedFields"]!.AsArray().Select(m => (string?)m!["manager"]);

    [Fact]
    public async Task AnotherManagersFieldFailsWithFieldManagerConflictNamingFieldAndManager()
    {
        await ApplyAs("kubectl", "cm", "theirs");
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(Component("Pilot", ConfigMap("cm", "ours")))));
        Assert.Equal("FieldManagerConflict", e.ErrorId);
        Assert.Contains("'kubectl'", e.Message);
        Assert.Contains("data.key", e.Message);
        Assert.Contains("ConfigMap istio-system/cm", e.Message);
        Assert.Equal("theirs", (string?)Get("v1", "ConfigMap", Ns, "cm")!["data"]!["key"]);
    }

    [Fact]
    public async Task ForceTakesOverAnyManagersFields()
    {
        await ApplyAs("kubectl", "cm", "theirs");
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("cm", "ours"))) with { Force = true });
        Assert.Equal(ApplyAction.Update, result.Objects.Single(o => o.Kind == "ConfigMap").Action);
        var live = Get("v1", "ConfigMap", Ns, "cm")!;
        Assert.Equal("ours", (string?)live["data"]!["key"]);
        Assert.Contains("meshops", Managers(live));
    }

    [Fact]
    public async Task IstioOperatorFieldsAreTakenOverWithoutForce()
    {
        await ApplyAs("istio-operator", "cm", "istioctl-value");
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("cm", "ours"))));
        var outcome = result.Objects.Single(o => o.Kind == "ConfigMap");
        Assert.Equal(["istio-operator"], outcome.TakenOverFrom);
        var live = Get("v1", "ConfigMap", Ns, "cm")!;
        Assert.Equal("ours", (string?)live["data"]!["key"]);
        Assert.DoesNotContain("istio-operator", Managers(live)); // it owned only the taken field
        Assert.Contains(Host.Verbose, l => l.Contains("taking over fields from 'istio-operator'"));
    }

    [Fact]
    public async Task HelmUpdateFieldsAreTakenOverWithoutForce()
    {
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-system"}}""");
        Server.Objects.Seed(CmBody("cm", "helm-value"), manager: "helm");
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("cm", "ours"))));
        Assert.Equal(["helm"], result.Objects.Single(o => o.Kind == "ConfigMap").TakenOverFrom);
        Assert.Equal("ours", (string?)Get("v1", "ConfigMap", Ns, "cm")!["data"]!["key"]);
    }

    [Fact]
    public async Task AMixOfTakeOverAndForeignManagersStillFailsAndNamesOnlyTheForeignOne()
    {
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-system"}}""");
        using (var c = Connect())
        {
            var body = CmBody("cm", "x");
            body["data"]!["other"] = "y";
            await c.ApplyAsync("/api/v1/namespaces/istio-system/configmaps/cm", body, "helm", false, false, CancellationToken.None);
            var theirs = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"istio-system"},"data":{"other":"z"}}""")!.AsObject();
            await c.ApplyAsync("/api/v1/namespaces/istio-system/configmaps/cm", theirs, "argocd", true, false, CancellationToken.None);
        }
        var manifest = ConfigMap("cm", "ours");
        var body2 = manifest.CloneBody();
        body2["data"]!["other"] = "mine";
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(Component("Pilot", ManifestObject.FromNode(body2, "t")))));
        Assert.Equal("FieldManagerConflict", e.ErrorId);
        Assert.Contains("'argocd'", e.Message);
        Assert.DoesNotContain("'helm'", e.Message);
    }

    [Fact]
    public async Task APlanAlsoReportsAForeignConflict()
    {
        await ApplyAs("kubectl", "cm", "theirs");
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(Component("Pilot", ConfigMap("cm", "ours"))) with { DryRun = true }));
        Assert.Equal("FieldManagerConflict", e.ErrorId);
    }
}
