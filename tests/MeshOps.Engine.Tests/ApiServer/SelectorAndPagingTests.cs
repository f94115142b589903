using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class SelectorAndPagingTests : ApiServerTestBase
{
    protected override MeshOps.Testing.KubeApi.TestApiServerOptions Options() => new() { ControllersEnabled = false };

    async Task<string> Seed()
    {
        var ns = await NewNamespace();
        var specs = new (string Name, Dictionary<string, string> Labels)[]
        {
            ("a", new() { ["app"] = "web", ["tier"] = "front" }),
            ("b", new() { ["app"] = "web", ["tier"] = "back" }),
            ("c", new() { ["app"] = "db" }),
            ("d", new()),
        };
        foreach (var (name, labels) in specs) await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap(name, labels: labels), ns);
        return ns;
    }

    async Task<string[]> Names(string ns, string? labelSelector = null, string? fieldSelector = null) =>
        (await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: labelSelector, fieldSelector: fieldSelector)).Items.Select(i => i.Metadata.Name).ToArray();

    [Theory]
    [InlineData("app=web", "a,b")]
    [InlineData("app==web", "a,b")]
    [InlineData("app!=web", "c,d")]
    [InlineData("app in (web,db)", "a,b,c")]
    [InlineData("app notin (web)", "c,d")]
    [InlineData("tier", "a,b")]
    [InlineData("!tier", "c,d")]
    [InlineData("app=web,tier=back", "b")]
    [InlineData("app=web,!tier", "")]
    public async Task LabelSelectors(string selector, string expected)
    {
        var ns = await Seed();
        Assert.Equal(expected, string.Join(",", await Names(ns, selector)));
    }

    [Fact]
    public async Task FieldSelectorByName()
    {
        var ns = await Seed();
        Assert.Equal(["b"], await Names(ns, fieldSelector: "metadata.name=b"));
        Assert.Equal(["a", "c", "d"], await Names(ns, fieldSelector: "metadata.name!=b"));
    }

    [Fact]
    public async Task FieldSelectorByNamespaceAcrossNamespaces()
    {
        var ns = await Seed();
        var items = (await Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns}")).Items;
        Assert.Equal(4, items.Count);
    }

    [Fact]
    public async Task UnknownFieldSelectorIsBadRequest()
    {
        var ns = await Seed();
        var (code, _) = await Failure(() => Client.CoreV1.ListNamespacedConfigMapAsync(ns, fieldSelector: "data.k=v"));
        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task MalformedLabelSelectorIsBadRequest()
    {
        var ns = await Seed();
        var (code, _) = await Failure(() => Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "app in web"));
        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task LimitAndContinuePageThroughEverything()
    {
        var ns = await Seed();
        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 3);
        Assert.Equal(["a", "b", "c"], first.Items.Select(i => i.Metadata.Name));
        Assert.False(string.IsNullOrEmpty(first.Metadata.ContinueProperty));
        Assert.Equal(1, first.Metadata.RemainingItemCount);
        var second = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 3, continueParameter: first.Metadata.ContinueProperty);
        Assert.Equal(["d"], second.Items.Select(i => i.Metadata.Name));
        Assert.True(string.IsNullOrEmpty(second.Metadata.ContinueProperty));
    }

    [Fact]
    public async Task PagingCombinesWithSelectors()
    {
        var ns = await Seed();
        var first = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1, labelSelector: "app");
        Assert.Equal(["a"], first.Items.Select(i => i.Metadata.Name));
        var names = new List<string>(first.Items.Select(i => i.Metadata.Name));
        var token = first.Metadata.ContinueProperty;
        while (!string.IsNullOrEmpty(token))
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1, labelSelector: "app", continueParameter: token);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }
        Assert.Equal(["a", "b", "c"], names);
    }

    [Fact]
    public async Task BadContinueTokenIsBadRequest()
    {
        var ns = await Seed();
        var (code, _) = await Failure(() => Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 1, continueParameter: "!!notatoken"));
        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task ListResourceVersionCanStartAWatch()
    {
        var ns = await Seed();
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        Assert.True(long.Parse(list.Metadata.ResourceVersion) >= list.Items.Max(i => long.Parse(i.Metadata.ResourceVersion)));
    }

    [Fact]
    public async Task MetadataOnlyListsAndGetsWhenTheAcceptHeaderAsksForThem()
    {
        var ns = await Seed();
        using var http = RawClient();
        using var req = new HttpRequestMessage(HttpMethod.Get, $"api/v1/namespaces/{ns}/configmaps?labelSelector=app%3Dweb");
        req.Headers.TryAddWithoutValidation("Accept", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");
        using var resp = await http.SendAsync(req);
        Assert.Contains("as=PartialObjectMetadataList", resp.Content.Headers.ContentType!.ToString());
        var list = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
        Assert.Equal(("PartialObjectMetadataList", "meta.k8s.io/v1"), ((string?)list["kind"], (string?)list["apiVersion"]));
        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(["a", "b"], items.Select(i => (string?)i["metadata"]!["name"]));
        Assert.All(items, i => Assert.Equal(["kind", "apiVersion", "metadata"], i.Select(p => p.Key)));
        Assert.All(items, i => Assert.NotNull(i["metadata"]!["resourceVersion"]));

        using var getReq = new HttpRequestMessage(HttpMethod.Get, $"api/v1/namespaces/{ns}/configmaps/a");
        getReq.Headers.TryAddWithoutValidation("Accept", "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");
        using var getResp = await http.SendAsync(getReq);
        var one = JsonNode.Parse(await getResp.Content.ReadAsStringAsync())!;
        Assert.Equal("PartialObjectMetadata", (string?)one["kind"]);
        Assert.Null(one["data"]);
        Assert.Equal("web", (string?)one["metadata"]!["labels"]!["app"]);
    }
}
