using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using k8s;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class DiscoveryTests : ApiServerTestBase
{
    [Fact]
    public async Task VersionThroughClient()
    {
        var v = await Client.Version.GetCodeAsync();
        Assert.Equal("1", v.Major);
        Assert.StartsWith("v1.", v.GitVersion);
    }

    [Fact]
    public async Task CoreApiVersionsAndResources()
    {
        var versions = await Client.CoreV1.GetAPIResourcesAsync();
        Assert.Equal("v1", versions.GroupVersion);
        var cm = versions.Resources.Single(r => r.Name == "configmaps");
        Assert.True(cm.Namespaced);
        Assert.Equal("ConfigMap", cm.Kind);
        Assert.Contains("patch", cm.Verbs);
        Assert.False(versions.Resources.Single(r => r.Name == "namespaces").Namespaced);
    }

    [Fact]
    public async Task ApisGroupListHasPreferredVersions()
    {
        var groups = await Client.Apis.GetAPIVersionsAsync();
        var autoscaling = groups.Groups.Single(g => g.Name == "autoscaling");
        Assert.Equal(["v2", "v2beta2"], autoscaling.Versions.Select(v => v.Version));
        Assert.Equal("autoscaling/v2", autoscaling.PreferredVersion.GroupVersion);
        foreach (var g in new[] { "apps", "rbac.authorization.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "policy", "networking.k8s.io", "coordination.k8s.io" })
            Assert.Contains(groups.Groups, x => x.Name == g);
    }

    [Fact]
    public async Task GroupVersionResourceList()
    {
        var apps = await Client.AppsV1.GetAPIResourcesAsync();
        Assert.Contains(apps.Resources, r => r.Name == "deployments" && r.Kind == "Deployment" && r.Namespaced);
        Assert.Contains(apps.Resources, r => r.Name == "deployments/status");
        var crds = await Client.ApiextensionsV1.GetAPIResourcesAsync();
        Assert.Contains(crds.Resources, r => r.Name == "customresourcedefinitions" && !r.Namespaced);
    }

    [Fact]
    public async Task AggregatedDiscoveryWhenAskedFor()
    {
        using var http = RawClient();
        using var req = new HttpRequestMessage(HttpMethod.Get, "apis");
        req.Headers.Accept.ParseAdd("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        using var resp = await http.SendAsync(req);
        Assert.Contains("as=APIGroupDiscoveryList", resp.Content.Headers.ContentType!.ToString());
        var body = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
        Assert.Equal("APIGroupDiscoveryList", body["kind"]!.ToString());
        var apps = body["items"]!.AsArray().Single(i => i!["metadata"]!["name"]?.ToString() == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.ToString() == "deployments")!;
        Assert.Equal("Namespaced", deployments["scope"]!.ToString());
        Assert.Equal("Deployment", deployments["responseKind"]!["kind"]!.ToString());
    }

    [Fact]
    public async Task PlainDiscoveryIsTheFallback()
    {
        var (code, body) = await Raw(HttpMethod.Get, "apis");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("APIGroupList", body!["kind"]!.ToString());
        var (_, api) = await Raw(HttpMethod.Get, "api");
        Assert.Equal("APIVersions", api!["kind"]!.ToString());
    }

    [Fact]
    public async Task UnknownGroupVersionIs404()
    {
        var (code, _) = await Raw(HttpMethod.Get, "apis/nothing.example.com/v9");
        Assert.Equal(HttpStatusCode.NotFound, code);
    }
}
