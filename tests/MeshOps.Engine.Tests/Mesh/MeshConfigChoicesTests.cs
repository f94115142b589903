using MeshOps.Engine.Mesh;
using MeshOps.Engine.Yaml;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

public sealed class MeshConfigChoicesTests
{
    private static Dictionary<string, object?> Yaml(string text) => (Dictionary<string, object?>)GoYaml.Parse(text)!;

    private static InstallRecord Record(string istioOperator, Dictionary<string, object?>? changes = null) => new()
    {
        Revision = "istio-1-18-5",
        Namespace = "istio-1-18-5",
        IstioOperator = Yaml(istioOperator),
        Profile = "minimal",
        IstioVersion = "1.18.5",
        MeshOpsVersion = "0.0.0",
        InstalledAt = DateTimeOffset.UnixEpoch,
        MeshConfigChanges = changes ?? new Dictionary<string, object?>(StringComparer.Ordinal),
    };

    /// <summary>The seed's file, as the install record keeps it.</summary>
    private const string SeedOperator = """
        apiVersion: install.istio.io/v1alpha1
        kind: IstioOperator
        metadata:
          namespace: istio-1-18-5
        spec:
          profile: minimal
          revision: istio-1-18-5
          meshConfig:
            accessLogFile: /dev/stdout
        """;

    [Fact]
    public void Record_leaves_and_SetMeshConfig_changes_are_united_sorted()
    {
        var record = Record(SeedOperator, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["enablePrometheusMerge"] = false,
            ["accessLogFile"] = "/dev/stdout",
        });
        // installed-state (profile-merged) is not used when the record exists.
        var state = Yaml("enablePrometheusMerge: true\ndefaultConfig:\n  proxyMetadata: {}\nextensionProviders: []\n");
        Assert.Equal(["accessLogFile", "enablePrometheusMerge"], MeshConfigChoices.ChangedSettings(record, state));
    }

    [Fact]
    public void Nested_settings_and_values_meshConfig_flatten_to_leaf_paths()
    {
        var record = Record("""
            spec:
              meshConfig:
                defaultConfig:
                  holdApplicationUntilProxyStarts: true
                  proxyMetadata:
                    ISTIO_META_DNS_CAPTURE: "true"
                    empty: {}
                  zipkinTags: []
                  tracing: null
                outboundTrafficPolicy:
                  mode: REGISTRY_ONLY
              values:
                meshConfig:
                  defaultConfig:
                    holdApplicationUntilProxyStarts: true
                  extensionProviders:
                  - name: otel
                    opentelemetry: {port: 4317, service: otel.observability.svc.cluster.local}
            """, new Dictionary<string, object?>(StringComparer.Ordinal) { ["defaultConfig.concurrency"] = 2 });
        Assert.Equal(
            ["defaultConfig.concurrency", "defaultConfig.holdApplicationUntilProxyStarts", "defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE",
             "extensionProviders", "outboundTrafficPolicy.mode"],
            MeshConfigChoices.ChangedSettings(record, null));
    }

    [Fact]
    public void A_removal_SetMeshConfig_recorded_counts_as_a_choice()
    {
        var record = Record(SeedOperator, new Dictionary<string, object?>(StringComparer.Ordinal) { ["defaultConfig.tracing"] = null });
        Assert.Equal(["accessLogFile", "defaultConfig.tracing"], MeshConfigChoices.ChangedSettings(record, null));
    }

    [Fact]
    public void Without_a_record_installed_state_leaves_are_used()
    {
        // istioctl's installed-state for the seed: the minimal profile's meshConfig merged with the user's.
        var state = Yaml("""
            accessLogFile: /dev/stdout
            defaultConfig:
              proxyMetadata: {}
            enablePrometheusMerge: true
            extensionProviders: []
            """);
        Assert.Equal(["accessLogFile", "enablePrometheusMerge"], MeshConfigChoices.ChangedSettings(null, state));
    }

    [Fact]
    public void Neither_record_nor_installed_state_gives_none()
    {
        Assert.Empty(MeshConfigChoices.ChangedSettings(null, null));
        Assert.Empty(MeshConfigChoices.ChangedSettings(Record("spec:\n  profile: minimal\n"), null));
    }

    [Fact]
    public void Keys_holding_dots_stay_escaped_as_paths_name_them()
    {
        var record = Record("spec:\n  meshConfig:\n    defaultConfig:\n      proxyMetadata:\n        a.b: x\n");
        Assert.Equal([@"defaultConfig.proxyMetadata.a\.b"], MeshConfigChoices.ChangedSettings(record, null));
    }
}
