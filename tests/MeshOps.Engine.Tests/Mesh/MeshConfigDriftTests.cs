using MeshOps.Engine.Mesh;
using MeshOps.Engine.Yaml;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

public sealed class MeshConfigDriftTests
{
    /// <summary>The mesh key as the 1.18.5 istio-discovery chart writes it for the seed's file.</summary>
    internal const string ChartMesh = """
        accessLogFile: /dev/stdout
        defaultConfig:
          discoveryAddress: istiod-istio-1-18-5.istio-1-18-5.svc:15012
          tracing:
            zipkin:
              address: zipkin.istio-system:9411
        defaultProviders:
          metrics:
          - prometheus
        enablePrometheusMerge: true
        rootNamespace: istio-1-18-5
        trustDomain: cluster.local
        """;

    private static Dictionary<string, object?> Yaml(string text) => (Dictionary<string, object?>)GoYaml.Parse(text)!;

    private static List<MeshConfigDriftInfo> Compare(string described, string live = ChartMesh) =>
        DriftFinder.Compare("istio-1-18-5", DriftSource.InstalledState, "istio-1-18-5/installed-state-istio-1-18-5", Yaml(described), Yaml(live), DriftFinder.InstalledStateMessage);

    [Fact]
    public void Hand_edited_installed_state_is_reported_with_both_values()
    {
        var drift = Assert.Single(Compare("accessLogFile: /dev/stdout\nenablePrometheusMerge: false\ndefaultConfig:\n  proxyMetadata: {}\n"));
        Assert.Equal("enablePrometheusMerge", drift.Path);
        Assert.Equal(false, drift.SourceValue);
        Assert.Equal(true, drift.LiveValue);
        Assert.True(drift.LiveSet);
        Assert.Equal("not applied: nothing reconciles installed-state; run Set-MeshConfig or Install-MeshControlPlane", drift.Message);
    }

    [Fact]
    public void Keys_the_chart_adds_and_empty_maps_are_not_drift()
    {
        // The minimal profile's merged meshConfig: the chart adds discoveryAddress, tracing, rootNamespace, ...
        Assert.Empty(Compare("""
            accessLogFile: /dev/stdout
            defaultConfig:
              proxyMetadata: {}
            enablePrometheusMerge: true
            extensionProviders: []
            """));
    }

    [Fact]
    public void Numbers_compare_by_value_whatever_their_type()
    {
        var described = new Dictionary<string, object?> { ["defaultConfig"] = new Dictionary<string, object?> { ["concurrency"] = 2 } };
        var live = Yaml("defaultConfig:\n  concurrency: 2.0\n");
        Assert.Empty(DriftFinder.Compare("r", DriftSource.InstallRecord, "n", described, live, DriftFinder.RecordMessage));
    }

    [Fact]
    public void A_setting_missing_live_is_drift_with_LiveSet_false()
    {
        var drift = Assert.Single(Compare("outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n"));
        Assert.Equal("outboundTrafficPolicy.mode", drift.Path);
        Assert.False(drift.LiveSet);
        Assert.Null(drift.LiveValue);
    }

    [Fact]
    public void Lists_compare_whole()
    {
        Assert.Empty(Compare("defaultProviders:\n  metrics: [prometheus]\n"));
        Assert.Equal("defaultProviders.metrics", Assert.Single(Compare("defaultProviders:\n  metrics: [stackdriver]\n")).Path);
    }
}
