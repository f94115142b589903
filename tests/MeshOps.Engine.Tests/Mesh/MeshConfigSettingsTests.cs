using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

public sealed class MeshConfigSettingsTests
{
    [Theory]
    [InlineData("meshConfig.enablePrometheusMerge=false", "enablePrometheusMerge", false)]
    [InlineData("enablePrometheusMerge=true", "enablePrometheusMerge", true)]
    [InlineData("meshConfig.defaultConfig.concurrency=2", "defaultConfig.concurrency", 2)]
    [InlineData("meshConfig.accessLogFile=/dev/stdout", "accessLogFile", "/dev/stdout")]
    [InlineData("spec.meshConfig.accessLogEncoding=JSON", "accessLogEncoding", "JSON")]
    [InlineData("meshConfig.enableTracing=True", "enableTracing", true)]
    [InlineData("meshConfig.x=a\\,b", "x", "a,b")]
    public void ParseSet_types_values_as_istioctl(string setting, string path, object value)
    {
        var (p, v) = MeshConfigSettings.ParseSet(setting);
        Assert.Equal(path, p);
        Assert.Equal(value, v);
    }

    [Fact]
    public void ParseSet_types_floats_and_big_integers()
    {
        Assert.Equal(0.5, MeshConfigSettings.ParseSet("meshConfig.a=0.5").Value);
        Assert.Equal(5000000000L, MeshConfigSettings.ParseSet("meshConfig.a=5000000000").Value);
        Assert.Equal("10s", MeshConfigSettings.ParseSet("meshConfig.a=10s").Value);
        Assert.Equal("", MeshConfigSettings.ParseSet("meshConfig.accessLogFile=").Value);
    }

    [Theory]
    [InlineData("enablePrometheusMerge")]
    [InlineData("=false")]
    [InlineData("meshConfig.a..b=1")]
    [InlineData("values.global.hub=x")]
    public void ParseSet_rejects_bad_settings_with_a_stable_id(string setting)
    {
        var e = Assert.Throws<MeshException>(() => MeshConfigSettings.ParseSet(setting));
        Assert.Equal("InvalidMeshConfigSetting", e.ErrorId);
    }

    [Fact]
    public void ParseSet_makes_proxyMetadata_values_strings_as_istioctl_does()
    {
        Assert.Equal("1", MeshConfigSettings.ParseSet("meshConfig.defaultConfig.proxyMetadata.A=01").Value);
        Assert.Equal("true", MeshConfigSettings.ParseSet("meshConfig.defaultConfig.proxyMetadata.B=True").Value);
        Assert.Equal(2, MeshConfigSettings.ParseSet("meshConfig.defaultConfig.concurrency=2").Value);
    }

    [Theory]
    [InlineData("accessLogFormatt", "x", "meshConfig.accessLogFormatt")]
    [InlineData("accessLogEncoding", "json", "meshConfig.accessLogEncoding")]
    [InlineData("enablePrometheusMerge", "false", "meshConfig.enablePrometheusMerge")]
    [InlineData("defaultConfig.drainDuration", "forever", "meshConfig.defaultConfig.drainDuration")]
    [InlineData("defaultConfig.proxyAdminPort", 0, "meshConfig.defaultConfig.proxyAdminPort")]
    [InlineData("outboundTrafficPolicy", "ALLOW_ANY", "meshConfig.outboundTrafficPolicy")]
    public void Validate_refuses_what_istioctl_would_with_the_path(string path, object value, string shown)
    {
        var e = Assert.Throws<MeshException>(() => MeshConfigSettings.Validate([new(path, value)]));
        Assert.Equal("InvalidMeshConfigSetting", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(shown, e.Message);
    }

    [Fact]
    public void Validate_accepts_good_settings_and_removals()
    {
        MeshConfigSettings.Validate([
            new("enablePrometheusMerge", false), new("accessLogEncoding", "JSON"), new("outboundTrafficPolicy.mode", "REGISTRY_ONLY"),
            new("defaultConfig.concurrency", 2), new("defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE", "true"),
            new("defaultConfig.holdApplicationUntilProxyStarts", true), new("connectTimeout", "5s"), new("noSuchSetting", null),
        ]);
    }

    [Fact]
    public void ParseYaml_accepts_bare_settings_a_meshConfig_block_and_an_operator()
    {
        Assert.Equal(false, MeshConfigSettings.ParseYaml("enablePrometheusMerge: false")["enablePrometheusMerge"]);
        Assert.Equal(false, MeshConfigSettings.ParseYaml("meshConfig:\n  enablePrometheusMerge: false")["enablePrometheusMerge"]);
        Assert.Equal("/x", MeshConfigSettings.ParseYaml("kind: IstioOperator\nspec:\n  meshConfig:\n    accessLogFile: /x")["accessLogFile"]);
        Assert.Equal("InvalidMeshConfigYaml", Assert.Throws<MeshException>(() => MeshConfigSettings.ParseYaml("- a")).ErrorId);
    }

    [Fact]
    public void Flatten_gives_leaves_with_lists_and_empty_maps_whole_and_dots_escaped()
    {
        var tree = MeshConfigSettings.ParseYaml("""
            defaultConfig:
              proxyMetadata:
                a.b: "1"
              tracing: {}
            defaultProviders:
              metrics: [prometheus]
            """);
        var leaves = MeshConfigSettings.Flatten(tree).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(["defaultConfig.proxyMetadata.a\\.b", "defaultConfig.tracing", "defaultProviders.metrics"], leaves.Keys.ToArray());
        Assert.Equal("1", leaves["defaultConfig.proxyMetadata.a\\.b"]);
        Assert.True(MeshConfigPaths.TryGet(tree, "defaultConfig.proxyMetadata.a\\.b", out var v) && (string)v! == "1");
    }

    [Theory]
    [InlineData("enablePrometheusMerge", MeshConfigTakesEffect.NextInjection)]
    [InlineData("defaultConfig.holdApplicationUntilProxyStarts", MeshConfigTakesEffect.NextInjection)]
    [InlineData("defaultConfig.tracing.sampling", MeshConfigTakesEffect.NextInjection)]
    [InlineData("accessLogFile", MeshConfigTakesEffect.Immediate)]
    [InlineData("outboundTrafficPolicy.mode", MeshConfigTakesEffect.Immediate)]
    [InlineData("extensionProviders", MeshConfigTakesEffect.Immediate)]
    [InlineData("someFutureSetting", MeshConfigTakesEffect.IstiodRestart)]
    public void Effects_follow_the_facts_table(string path, MeshConfigTakesEffect effect) =>
        Assert.Equal(effect, MeshConfigEffects.Classify(path).Effect);

    [Fact]
    public void IngressControllerMode_needs_a_restart_only_when_switching_off_or_on()
    {
        Assert.Equal(MeshConfigTakesEffect.IstiodRestart, MeshConfigEffects.Classify("ingressControllerMode", "STRICT", "OFF").Effect);
        Assert.Equal(MeshConfigTakesEffect.IstiodRestart, MeshConfigEffects.Classify("ingressControllerMode", "OFF", "DEFAULT").Effect);
        Assert.Equal(MeshConfigTakesEffect.Immediate, MeshConfigEffects.Classify("ingressControllerMode", "STRICT", "DEFAULT").Effect);
    }
}
