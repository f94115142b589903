using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>
/// MeshConfigChecks by release: istio's ValidateMeshConfig changed two bounds between 1.18.5 and 1.30 (checked at the
/// tags of github:istio/istio). connectTimeoutMax went from 30s to 1h in 1.22.0 (istio/istio#50391), backported to
/// 1.20.6 and 1.21.2; ValidateDrainDuration's 1h bound (drainTimeMax) went away in 1.22.0 (istio/istio#50508), in no
/// older patch. Every other check is the same in every family; one value per family pins that.
/// </summary>
public class MeshConfigChecksReleaseTests
{
    private const string Head = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n";

    private static IstioctlRelease R(string v) => IstioctlRelease.For(IstioVersion.Parse(v));

    /// <summary>No issue where the release accepts the value; else one invalid-value issue at the field, ending with the message.</summary>
    private static void AssertAcceptedOrRefused(List<OperatorIssue> issues, bool accepted, string fieldPath, string messageEnd)
    {
        if (accepted)
        {
            Assert.Empty(issues);
            return;
        }
        var issue = Assert.Single(issues);
        Assert.Equal("IstioOperatorInvalidValue", issue.ErrorId);
        Assert.Equal(fieldPath, issue.FieldPath);
        Assert.EndsWith(messageEnd, issue.Message, StringComparison.Ordinal);
    }

    private static List<OperatorIssue> Check(string yaml, string version)
    {
        var release = R(version);
        return OperatorValidator.ValidateMeshConfig(Mesh(yaml), "spec.meshConfig", "t.yaml", OperatorSchema.For(release), release);
    }

    [Theory]
    [InlineData("1.18.5", false)]
    [InlineData("1.18.7", false)]
    [InlineData("1.19.10", false)]
    [InlineData("1.20.0", false)]
    [InlineData("1.20.5", false)]
    [InlineData("1.20.6", true)]
    [InlineData("1.20.8", true)]
    [InlineData("1.21.1", false)]
    [InlineData("1.21.2", true)]
    [InlineData("1.22.0", true)]
    [InlineData("1.22.0-alpha.1", true)]
    [InlineData("1.24.6", true)]
    [InlineData("1.26.8", true)]
    [InlineData("1.28.10", true)]
    [InlineData("1.30.3", true)]
    public void ConnectTimeoutOver30s_PassesWhereIstioRaisedTheBoundTo1h(string version, bool accepted)
    {
        AssertAcceptedOrRefused(Check("connectTimeout: 45s", version), accepted, "spec.meshConfig.connectTimeout",
            "invalid connect timeout \"45s\": it must be at most 30s");
    }

    [Theory]
    [InlineData("1.20.6")]
    [InlineData("1.22.0")]
    [InlineData("1.30.3")]
    public void ConnectTimeoutOver1h_IsRefusedWhereTheBoundIs1h(string version)
    {
        Assert.Empty(Check("connectTimeout: 1h", version));
        var issue = Assert.Single(Check("connectTimeout: 61m", version));
        Assert.EndsWith("invalid connect timeout \"61m\": it must be at most 1h", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.18.5", false)]
    [InlineData("1.19.10", false)]
    [InlineData("1.20.8", false)]
    [InlineData("1.21.6", false)]
    [InlineData("1.22.0-alpha.1", true)]
    [InlineData("1.22.0", true)]
    [InlineData("1.24.6", true)]
    [InlineData("1.26.8", true)]
    [InlineData("1.28.10", true)]
    [InlineData("1.30.3", true)]
    public void DrainDurationOver1h_PassesFrom122(string version, bool accepted)
    {
        Assert.Empty(Check("defaultConfig:\n  drainDuration: 1h", version));
        AssertAcceptedOrRefused(Check("defaultConfig:\n  drainDuration: 2h", version), accepted, "spec.meshConfig.defaultConfig.drainDuration",
            "invalid drain duration \"2h\": it must be at most 1h");
    }

    /// <summary>The checks that did not change: each family refuses the same values with the same message.</summary>
    [Theory]
    [InlineData("1.18.5")]
    [InlineData("1.20.8")]
    [InlineData("1.22.8")]
    [InlineData("1.24.6")]
    [InlineData("1.26.8")]
    [InlineData("1.28.10")]
    [InlineData("1.30.3")]
    public void UnchangedChecks_RefuseTheSameInEveryFamily(string version)
    {
        var yaml = "proxyListenPort: 0\nconnectTimeout: 1500us\nprotocolDetectionTimeout: 100us\ntrustDomain: bad..domain\n"
                   + "meshMTLS:\n  ecdhCurves: [P-256]\ndefaultConfig:\n  drainDuration: 1500ms\n  discoveryAddress: istiod\n"
                   + "  tracing:\n    lightstep:\n      address: ls:443\n  controlPlaneAuthPolicy: INHERIT";
        var expected = Check(yaml, "1.18.5").Select(i => (i.FieldPath, i.Message)).ToList();
        Assert.Equal(9, expected.Count);
        Assert.Equal(expected, Check(yaml, version).Select(i => (i.FieldPath, i.Message)));
        Assert.Empty(Check("connectTimeout: 30s\ndefaultConfig:\n  drainDuration: 45s\n  discoveryAddress: istiod.istio-system.svc:15012", version));
    }

    /// <summary>Given a schema alone, the checks are those of its minor's first release.</summary>
    [Fact]
    public void SchemaAlone_TakesItsMinorsFirstRelease()
    {
        Assert.Single(OperatorValidator.ValidateMeshConfig(Mesh("connectTimeout: 45s"), "spec.meshConfig", null, OperatorSchema.For(R("1.20.8"))));
        Assert.Empty(OperatorValidator.ValidateMeshConfig(Mesh("connectTimeout: 45s"), "spec.meshConfig", null, OperatorSchema.For(R("1.22.8"))));
        Assert.Single(OperatorValidator.ValidateMeshConfig(Mesh("connectTimeout: 45s"), "spec.meshConfig", null));
        Assert.Empty(OperatorValidator.ValidateMeshConfig(Mesh("connectTimeout: 45s"), "spec.meshConfig", null, OperatorSchema.Newest));
    }

    /// <summary>manifest generate / install: the request's release decides, down to the patch (files, --set and the merged spec).</summary>
    [Theory]
    [InlineData("1.20.5", false)]
    [InlineData("1.20.6", true)]
    [InlineData("1.21.6", true)]
    [InlineData("1.22.8", true)]
    public void Build_ChecksConnectTimeoutWithTheRequestsRelease(string version, bool accepted)
    {
        using var m = new TestManifests();
        var file = m.WriteFile("mesh.yaml", Head + "spec:\n  meshConfig:\n    connectTimeout: 45s\n");
        GenerateRequest Request(string[] files, string[] set) => new() { Version = IstioVersion.Parse(version), Files = files, SetValues = set, ManifestsPath = m.Root };
        foreach (var request in new[] { Request(new[] { file }, Array.Empty<string>()), Request(Array.Empty<string>(), new[] { "meshConfig.connectTimeout=45s" }) })
        {
            if (accepted)
            {
                Assert.DoesNotContain(OperatorConfigBuilder.Build(request, NullMeshHost.Instance).Warnings, w => w.ErrorId != "DevelopmentImages");
                continue;
            }
            var e = Assert.Throws<IstioOperatorException>(() => OperatorConfigBuilder.Build(request, NullMeshHost.Instance));
            Assert.Equal("spec.meshConfig.connectTimeout", Assert.Single(e.Issues).FieldPath);
        }
    }

    /// <summary>Set-MeshConfig: the revision's release, patch included; a revision that does not tell gets the newest rules.</summary>
    [Fact]
    public void SetMeshConfig_ChecksWithTheRevisionsRelease()
    {
        var settings = new List<KeyValuePair<string, object?>> { new("connectTimeout", "45s"), new("defaultConfig.drainDuration", "2h") };
        var (schema, release, guess) = MeshConfigRelease.For(Revision("1.21.2"));
        Assert.Null(guess);
        var e = Assert.Throws<MeshException>(() => MeshConfigSettings.Validate(settings, schema, release));
        Assert.Equal("InvalidMeshConfigSetting", e.ErrorId);
        Assert.Contains("meshConfig.defaultConfig.drainDuration", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("connectTimeout", e.Message, StringComparison.Ordinal);

        (schema, release, guess) = MeshConfigRelease.For(Revision("1.22.8"));
        Assert.Empty(MeshConfigSettings.Validate(settings, schema, release));

        (schema, release, guess) = MeshConfigRelease.For(Revision(""));
        Assert.NotNull(guess);
        Assert.Null(release);
        Assert.Empty(MeshConfigSettings.Validate(settings, schema, release));
    }

    private static RevisionInfo Revision(string version) => new()
    {
        Name = "stable", Namespace = "istio-system", IstioVersion = version, Profile = "", Replicas = 1, ReadyReplicas = 1,
        Tags = Array.Empty<string>(), Namespaces = Array.Empty<string>(), SidecarPods = 0, Installer = Installer.Unknown,
    };

    private static Dictionary<string, object?> Mesh(string yaml) =>
        (Dictionary<string, object?>)GoYaml.Parse(yaml, new YamlReadOptions { SourceName = "t.yaml", NumberMode = YamlNumberMode.Json })!;
}
