using System.Text.Json.Nodes;
using MeshOps.Engine.Mesh;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>Which injected pods carry an old value, from what injection baked into them (FACTS.md sections 2 and 3).</summary>
public sealed class MeshConfigPodsTests
{
    private static readonly Dictionary<string, object?> NoMesh = new(StringComparer.Ordinal);

    private static JsonObject Pod(string annotations, string env = "[]") => (JsonObject)JsonNode.Parse(
        "{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\",\"annotations\":" + annotations + "}," +
        "\"spec\":{\"containers\":[{\"name\":\"app\"},{\"name\":\"istio-proxy\",\"env\":" + env + "}]}}")!;

    private const string Merged = """{"prometheus.io/port":"15020","prometheus.io/path":"/stats/prometheus","prometheus.io/scrape":"true"}""";

    [Fact]
    public void A_merged_pod_differs_from_false_and_not_from_true()
    {
        var pod = Pod(Merged);
        Assert.True(MeshConfigPods.Differs(pod, "enablePrometheusMerge", false, NoMesh));
        Assert.False(MeshConfigPods.Differs(pod, "enablePrometheusMerge", true, NoMesh));
    }

    [Fact]
    public void The_saved_annotations_env_alone_marks_a_merged_pod()
    {
        var pod = Pod("""{"prometheus.io/port":"9090"}""", """[{"name":"ISTIO_PROMETHEUS_ANNOTATIONS","value":"{}"}]""");
        Assert.True(MeshConfigPods.Differs(pod, "enablePrometheusMerge", false, NoMesh));
    }

    [Fact]
    public void An_unmerged_pod_differs_from_true_unless_it_opted_out()
    {
        Assert.True(MeshConfigPods.Differs(Pod("""{"prometheus.io/port":"8080","prometheus.io/path":"/metrics"}"""), "enablePrometheusMerge", true, NoMesh));
        Assert.False(MeshConfigPods.Differs(Pod("""{"prometheus.io/scrape":"false"}"""), "enablePrometheusMerge", true, NoMesh));
        Assert.False(MeshConfigPods.Differs(Pod("""{"prometheus.istio.io/merge-metrics":"false"}"""), "enablePrometheusMerge", true, NoMesh));
    }

    [Fact]
    public void The_status_port_comes_from_defaultConfig()
    {
        var mesh = new Dictionary<string, object?> { ["defaultConfig"] = new Dictionary<string, object?> { ["statusPort"] = 15021 } };
        Assert.True(MeshConfigPods.Differs(Pod(Merged), "enablePrometheusMerge", true, mesh));
    }

    [Fact]
    public void DefaultConfig_compares_the_PROXY_CONFIG_env()
    {
        var pod = Pod("{}", """[{"name":"PROXY_CONFIG","value":"{\"concurrency\":2,\"proxyMetadata\":{\"A\":\"1\"}}"}]""");
        Assert.False(MeshConfigPods.Differs(pod, "defaultConfig.concurrency", 2, NoMesh));
        Assert.True(MeshConfigPods.Differs(pod, "defaultConfig.concurrency", 4, NoMesh));
        Assert.False(MeshConfigPods.Differs(pod, "defaultConfig.proxyMetadata.A", "1", NoMesh));
        Assert.True(MeshConfigPods.Differs(pod, "defaultConfig.holdApplicationUntilProxyStarts", true, NoMesh));
        Assert.True(MeshConfigPods.Differs(Pod("{}"), "defaultConfig.concurrency", 2, NoMesh));
    }

    [Fact]
    public void TrustDomain_compares_the_TRUST_DOMAIN_env_and_immediate_settings_affect_no_pod()
    {
        var pod = Pod(Merged, """[{"name":"TRUST_DOMAIN","value":"cluster.local"}]""");
        Assert.True(MeshConfigPods.Differs(pod, "trustDomain", "example.com", NoMesh));
        Assert.False(MeshConfigPods.Differs(pod, "trustDomain", "cluster.local", NoMesh));
        Assert.False(MeshConfigPods.Differs(pod, "accessLogFile", "/dev/stdout", NoMesh));
    }
}
