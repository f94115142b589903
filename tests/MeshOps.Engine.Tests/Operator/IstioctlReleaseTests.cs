using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>The rules of each release come from its version alone, including releases ../shared does not hold.</summary>
public class IstioctlReleaseTests
{
    private static IstioctlRelease R(string v) => IstioctlRelease.For(IstioVersion.Parse(v));

    [Theory]
    [InlineData("1.18.5", "Translator", 24, true, true, false)]
    [InlineData("1.20.8", "Translator", 25, true, true, false)]
    [InlineData("1.21.0", "Translator", 26, true, false, true)]
    [InlineData("1.23.6", "Translator", 26, true, false, true)]
    [InlineData("1.24.0", "Render", 28, false, false, false)]
    [InlineData("1.25.5", "Render", 29, false, false, false)]
    [InlineData("1.30.3", "Render", 32, false, false, false)]
    [InlineData("1.31.0-rc.0", "Render", 32, false, false, false)]
    public void Family_KubernetesVersion_Mergo_InstalledState(string version, string family, int kubeMinor, bool mergo035, bool writesState, bool deletesState)
    {
        var r = R(version);
        Assert.Equal(family, r.Family.ToString());
        Assert.Equal(kubeMinor, r.DefaultKubernetesMinor);
        Assert.Equal(mergo035, r.UsesMergo035);
        Assert.Equal(writesState, r.WritesInstalledState);
        Assert.Equal(deletesState, r.DeletesInstalledState);
    }

    // istioctl/pkg/tag/generate.go at each tag: config.Labels copied from 1.19.0; GenerateOptions.UserManaged from 1.19.5 and 1.20.1.
    [Theory]
    [InlineData("1.18.5", false, false)]
    [InlineData("1.19.0", true, false)]
    [InlineData("1.19.4", true, false)]
    [InlineData("1.19.5", true, true)]
    [InlineData("1.20.0", true, false)]
    [InlineData("1.20.1", true, true)]
    [InlineData("1.21.0", true, true)]
    [InlineData("1.28.10", true, true)]
    public void Tags_copy_the_injectors_labels_from_119_and_tag_set_drops_operator_labels_from_1195_and_1201(string version, bool copies, bool drops)
    {
        Assert.Equal(copies, R(version).TagCopiesInjectorMetadata);
        Assert.Equal(drops, R(version).TagSetDropsOperatorLabels);
    }

    [Fact]
    public void Components_LoseIstiodRemote_From126()
    {
        Assert.Contains(ComponentCatalog.IstiodRemote, R("1.25.5").Components);
        Assert.DoesNotContain(ComponentCatalog.IstiodRemote, R("1.26.0").Components);
    }

    [Fact]
    public void K8sReplicasIntoValues_OnlyThe128BranchFrom1288()
    {
        Assert.False(R("1.28.7").CopiesK8sReplicasIntoValues);
        Assert.True(R("1.28.8").CopiesK8sReplicasIntoValues);
        Assert.True(R("1.28.10").CopiesK8sReplicasIntoValues);
        Assert.False(R("1.29.6").CopiesK8sReplicasIntoValues);
    }

    [Theory]
    [InlineData("1.18.5", "GlobalsAtTop")]
    [InlineData("1.20.8", "ApiScalarsAndGlobalsAtTop")]
    [InlineData("1.22.8", "GlobalNestedWithTopLevelFields")]
    [InlineData("1.24.6", "GlobalNestedWithValueScalars")]
    public void ZtunnelValues_FlattenPerRelease(string version, string style) => Assert.Equal(style, R(version).Flatten.ToString());

    [Theory]
    [InlineData("1.18.5", "values.profile", false)]
    [InlineData("1.21.6", "values.profile", true)]
    [InlineData("1.20.8", "compatibilityVersion", false)]
    [InlineData("1.21.6", "compatibilityVersion", true)]
    [InlineData("1.20.8", "values.pilot.memory", false)]
    [InlineData("1.22.8", "values.pilot.memory", true)]
    [InlineData("1.28.10", "values.global.networkPolicy", true)]
    [InlineData("1.23.6", "resourceSuffix", true)]
    [InlineData("1.24.6", "resourceSuffix", false)]
    public void Schema_FollowsTheRelease(string version, string path, bool known)
    {
        var schema = OperatorSchema.For(R(version));
        var parts = path.Split('.');
        var message = OperatorSchemaTable.RootMessage;
        SchemaType? type = null;
        foreach (var part in parts)
        {
            if (type != null) message = type.Message!;
            if (!schema.TryGetField(message, part, out type)) { Assert.False(known, $"{path} should be known in {version}"); return; }
        }
        Assert.True(known, $"{path} should be unknown in {version}");
    }

    [Fact]
    public void UnknownValuesField_IsAnErrorBefore124_AndAWarningFrom124()
    {
        var spec = new Dictionary<string, object?> { ["values"] = new Dictionary<string, object?> { ["pilot"] = new Dictionary<string, object?> { ["envVarFrom"] = new List<object?>() } } };
        var old = OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.22.8")), spec, "test");
        Assert.Equal("IstioOperatorUnknownField", Assert.Single(old).ErrorId);
        var ok = OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.26.8")), spec, "test");
        Assert.Empty(ok);
        var typo = new Dictionary<string, object?> { ["values"] = new Dictionary<string, object?> { ["pilot"] = new Dictionary<string, object?> { ["envVarFromm"] = 1.0 } } };
        var warned = Assert.Single(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.26.8")), typo, "test"));
        Assert.True(warned.IsWarning);
        Assert.Contains("envVarFrom", warned.Message); // the suggestion
    }

    [Theory]
    [InlineData("meshConfig.serviceScopeConfigs", "1.27.0")]
    [InlineData("meshConfig.inboundTrafficPolicy", "1.22.8")]
    [InlineData("meshConfig.defaultConfig.proxyHeaders", "1.19.0")]
    [InlineData("meshConfig.tlsDefaults.cipherSuites", "1.19.0")]
    public void AMeshConfigFieldOfALaterRelease_IsRefusedBeforeIt_NamingTheRelease_AndAcceptedFromIt(string path, string since)
    {
        var isList = path.EndsWith("cipherSuites", StringComparison.Ordinal) || path.EndsWith("serviceScopeConfigs", StringComparison.Ordinal);
        var spec = Tree(path, isList ? new List<object?>() : new Dictionary<string, object?>());
        var minor = IstioVersion.Parse(since).Minor;
        var refused = Assert.Single(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.18.5")), spec, "test"));
        Assert.False(refused.IsWarning);
        Assert.Equal("IstioOperatorUnknownField", refused.ErrorId);
        Assert.Contains($"Istio 1.{minor} added it, and these are Istio 1.18's rules", refused.Message);
        // The release just before: refused where istioctl decodes strictly (to 1.23), passed on with a warning after.
        var before = OperatorValidator.ValidateSpec(OperatorSchema.For(R($"1.{minor - 1}.0")), spec, "test");
        Assert.Equal(minor - 1 >= 24, Assert.Single(before).IsWarning);
        Assert.Empty(OperatorValidator.ValidateSpec(OperatorSchema.For(R(since)), spec, "test"));
        Assert.Empty(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.30.3")), spec, "test"));
    }

    [Fact]
    public void AMeshConfigFieldNoReleaseHas_IsAnErrorTo123_AndAWarningFrom124_AsIstioctlDecodesIt()
    {
        var spec = Tree("meshConfig.defaultConfig.proxyHeaderz", new Dictionary<string, object?>());
        foreach (var strict in new[] { "1.18.5", "1.20.8", "1.23.6" })
        {
            var error = Assert.Single(OperatorValidator.ValidateSpec(OperatorSchema.For(R(strict)), spec, "test"));
            Assert.False(error.IsWarning, strict);
            Assert.Equal("IstioOperatorUnknownField", error.ErrorId);
        }
        var warned = Assert.Single(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.28.10")), spec, "test"));
        Assert.True(warned.IsWarning);
        Assert.Equal("IstioOperatorUnknownMeshConfigField", warned.ErrorId);
        Assert.Contains("\"proxyHeaders\"", warned.Message); // the suggestion, from 1.28's ProxyConfig
    }

    [Fact]
    public void MeshConfigTypesAndEnumsOfLaterReleases_AreCheckedAsThatReleaseHasThem()
    {
        // A message added in 1.19: its fields keep their types.
        var wrong = Tree("meshConfig.defaultConfig.proxyHeaders.server.disabled", "yes");
        Assert.Equal("IstioOperatorWrongType", Assert.Single(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.28.10")), wrong, "test")).ErrorId);
        // An enum value added in 1.30.
        var mode = Tree("meshConfig.outboundTrafficPolicy.mode", "ALLOW_ANY_DYNAMIC_DNS");
        Assert.Equal("IstioOperatorInvalidValue", Assert.Single(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.28.10")), mode, "test")).ErrorId);
        Assert.Empty(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.30.3")), mode, "test"));
        var scope = Tree("meshConfig.serviceScopeConfigs", new List<object?> { new Dictionary<string, object?> { ["scope"] = "GLOBAL", ["namespaceSelector"] = new Dictionary<string, object?> { ["matchLabels"] = new Dictionary<string, object?> { ["a"] = "b" } } } });
        Assert.Empty(OperatorValidator.ValidateSpec(OperatorSchema.For(R("1.28.10")), scope, "test"));
    }

    private static Dictionary<string, object?> Tree(string path, object? value)
    {
        var parts = path.Split('.');
        object? node = value;
        for (var i = parts.Length - 1; i >= 0; i--) node = new Dictionary<string, object?> { [parts[i]] = node };
        return (Dictionary<string, object?>)node!;
    }

    [SharedFact]
    public void ASourceTreeCopy_RendersWithItsOwnImages_AsTheGivenRelease()
    {
        var manifests = Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests");
        var host = new MeshOps.Engine.Tests.Kube.RecordingHost();
        var manifest = ManifestGenerator.Generate(new GenerateRequest { ManifestsPath = manifests, Version = IstioVersion.Parse("1.28.10"), Profile = "ambient" }, host);
        Assert.Equal("1.28.10", manifest.IstioVersion.ToString());
        Assert.Contains(manifest.Objects, o => o.Kind == "DaemonSet" && o.Name == "ztunnel");
        Assert.Contains(manifest.Objects, o => o.Kind == "DaemonSet" && o.Name == "istio-cni-node");
        Assert.DoesNotContain(manifest.Objects, o => o.Yaml.Contains("docker.io/istio", StringComparison.Ordinal));
        Assert.Contains(host.Warnings, w => w.Contains("development images", StringComparison.Ordinal));
        var e = Assert.Throws<MeshException>(() => ManifestGenerator.Generate(new GenerateRequest { ManifestsPath = manifests, Profile = "ambient" }, host));
        Assert.Equal("ManifestsVersionUnknown", e.ErrorId);
    }

    [SharedFact]
    public void Render_PlacesComponentsByMetadataNamespace_AndSaysSpecNamespaceIsIgnored()
    {
        var manifests = Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests");
        var version = IstioVersion.Parse("1.28.10");
        var host = new MeshOps.Engine.Tests.Kube.RecordingHost();
        var ignored = ManifestGenerator.Generate(new GenerateRequest { ManifestsPath = manifests, Version = version, Profile = "minimal", SetValues = new[] { "namespace=cp" } }, host);
        Assert.Equal("istio-system", ignored.ControlPlaneNamespace);
        Assert.Contains(host.Warnings, w => w.Contains("ignores it", StringComparison.Ordinal));
        var moved = ManifestGenerator.Generate(new GenerateRequest { ManifestsPath = manifests, Version = version, Profile = "minimal", Namespace = "cp" }, NullMeshHost.Instance);
        Assert.Equal("cp", moved.ControlPlaneNamespace);
        Assert.Contains(moved.Objects, o => o.Kind == "Deployment" && o.Name == "istiod" && o.Namespace == "cp");
    }
}
