using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>ResourceDiscovery: what it asks the server, and when it asks again.</summary>
public class DiscoveryTests : ClusterTestBase
{
    private int DiscoveryRequests() => Server.RequestLog.Entries.Count(r => r.Resource.Length == 0);

    [Fact]
    public async Task KindsOfEveryGroupResolveFromOneAggregatedRequestAndCoreKindsFromNone()
    {
        using var c = Connect();
        foreach (var (apiVersion, kind) in new[] { ("v1", "ConfigMap"), ("apps/v1", "Deployment"), ("rbac.authorization.k8s.io/v1", "ClusterRole"),
                     ("autoscaling/v2", "HorizontalPodAutoscaler"), ("policy/v1", "PodDisruptionBudget"), ("apiextensions.k8s.io/v1", "CustomResourceDefinition") })
        {
            var type = await c.Discovery.ResolveAsync(apiVersion, kind, CancellationToken.None);
            Assert.Equal((apiVersion, kind), (type.ApiVersion, type.Kind));
        }
        Assert.Equal("configmaps", (await c.Discovery.ResolveAsync("v1", "ConfigMap", CancellationToken.None)).Plural);
        Assert.False((await c.Discovery.ResolveAsync("rbac.authorization.k8s.io/v1", "ClusterRole", CancellationToken.None)).Namespaced);
        Assert.Equal(["/apis"], Server.RequestLog.Entries.Select(r => r.Path));
    }

    [Fact]
    public async Task CoreKindsAreKnownAndOneOutsideTheTableIsReadFromApiV1()
    {
        using var c = Connect();
        Assert.Equal(new ResourceType("", "v1", "Namespace", "namespaces", false), await c.Discovery.ResolveAsync("v1", "Namespace", CancellationToken.None));
        Assert.Equal(0, DiscoveryRequests());
        // A core kind not in the table is asked of the server's core group-version (aggregated discovery reads only /apis).
        Assert.Null(await c.Discovery.TryResolveAsync("v1", "NoSuchKind", CancellationToken.None));
        Assert.Equal(["/apis", "/api/v1"], Server.RequestLog.Entries.Select(r => r.Path));
    }

    [Fact]
    public async Task ServesAnyVersionAnswersOnlyFromAnAggregatedReadSinceTheGivenTime()
    {
        using var c = Connect();
        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.Null(c.Discovery.ServesAnyVersion("apps", "Deployment", before)); // nothing read yet
        await c.Discovery.PrefetchAsync(CancellationToken.None);
        Assert.True(c.Discovery.ServesAnyVersion("apps", "Deployment", before));
        Assert.False(c.Discovery.ServesAnyVersion("networking.istio.io", "EnvoyFilter", before));
        Assert.Null(c.Discovery.ServesAnyVersion("apps", "Deployment", System.Diagnostics.Stopwatch.GetTimestamp())); // read before that time

        c.Discovery.Learn(JsonNode.Parse(Crd("envoyfilters", "EnvoyFilter").ToJson())!.AsObject());
        Assert.True(c.Discovery.ServesAnyVersion("networking.istio.io", "EnvoyFilter", before));
    }

    [Fact]
    public async Task AnUnservedGroupVersionIsAnsweredByAggregatedDiscoveryAndAskedByALaterLookup()
    {
        using var c = Connect();
        Assert.Null(await c.Discovery.TryResolveAsync("networking.istio.io/v1alpha3", "EnvoyFilter", CancellationToken.None));
        Assert.Equal(1, DiscoveryRequests()); // /apis, read for this very lookup, names every group-version served: not served

        Server.Objects.Seed(Crd("envoyfilters", "EnvoyFilter").ToJson());
        await WaitUntilServedAsync("envoyfilters");
        // A later lookup does not trust the old miss: the CRD may have been established since.
        Assert.NotNull(await c.Discovery.TryResolveAsync("networking.istio.io/v1alpha3", "EnvoyFilter", CancellationToken.None));
        Assert.Equal(2, DiscoveryRequests()); // the group-version itself
    }

    [Fact]
    public async Task AnEstablishedCrdTeachesItsKindAndOtherKindsOfItsGroupVersionStillResolve()
    {
        using var c = Connect();
        Assert.Null(await c.Discovery.TryResolveAsync("networking.istio.io/v1alpha3", "EnvoyFilter", CancellationToken.None));
        var before = DiscoveryRequests();

        c.Discovery.Learn(JsonNode.Parse(Crd("envoyfilters", "EnvoyFilter").ToJson())!.AsObject());
        var learned = await c.Discovery.ResolveAsync("networking.istio.io/v1alpha3", "EnvoyFilter", CancellationToken.None);
        Assert.Equal(("envoyfilters", true), (learned.Plural, learned.Namespaced));
        Assert.Equal(before, DiscoveryRequests());

        Server.Objects.Seed(Crd("sidecars", "Sidecar").ToJson());
        await WaitUntilServedAsync("sidecars");
        Assert.Equal("sidecars", (await c.Discovery.ResolveAsync("networking.istio.io/v1alpha3", "Sidecar", CancellationToken.None)).Plural);
        Assert.Equal(before + 1, DiscoveryRequests());
    }

    [Fact]
    public void AggregatedDocumentsOfV2beta1ShapeParse()
    {
        var doc = JsonNode.Parse("""
            {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2beta1","items":[
             {"metadata":{},"versions":[{"version":"v1","resources":[{"resource":"configmaps","responseKind":{"group":"","version":"v1","kind":"ConfigMap"},"scope":"Namespaced"}]}]},
             {"metadata":{"name":"apps"},"versions":[{"version":"v1","resources":[
              {"resource":"deployments","responseKind":{"group":"apps","version":"v1","kind":"Deployment"},"scope":"Namespaced",
               "subresources":[{"subresource":"scale","responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"}}]}]}]}]}
            """)!.AsObject();
        var parsed = ResourceDiscovery.ParseAggregated(doc).ToDictionary(p => p.ApiVersion, p => p.Kinds);
        Assert.Equal(new ResourceType("", "v1", "ConfigMap", "configmaps", true), parsed["v1"]["ConfigMap"]);
        Assert.Equal(["Deployment"], parsed["apps/v1"].Keys);
    }

    private async Task WaitUntilServedAsync(string plural)
    {
        for (var i = 0; i < 500; i++)
        {
            if (Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, plural + ".networking.istio.io") is { } crd && CrdWaiter.IsEstablished(crd)) return;
            await Task.Delay(10);
        }
    }
}
