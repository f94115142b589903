using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

public class OperatorConfigBuilderTests
{
    private const string Seed = """
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

    private static MergedOperator Build(TestManifests m, GenerateRequest request) =>
        OperatorConfigBuilder.Build(new GenerateRequest
        {
            Version = request.Version,
            Files = request.Files,
            SetValues = request.SetValues,
            Profile = request.Profile,
            Revision = request.Revision,
            Namespace = request.Namespace,
            Force = request.Force,
            ManifestsPath = request.ManifestsPath ?? m.Root,
        }, NullMeshHost.Instance);

    [Fact]
    public void Seed_MergesMinimalOverDefault_KeepsMetadataNamespace_ControlPlaneStaysInIstioSystem()
    {
        using var m = new TestManifests();
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { m.WriteFile("my-config.yaml", Seed) } });
        Assert.Equal("minimal", merged.Profile);
        Assert.True(TreeOps.TryFind(merged.IstioOperator, "metadata.namespace", out var ns));
        Assert.Equal("istio-1-18-5", ns);
        Assert.Equal("istio-system", OperatorSpec.ComponentNamespace(merged.Spec, ComponentCatalog.Pilot));
        Assert.Equal("istio-1-18-5", OperatorSpec.Revision(merged.Spec));
        // minimal disables the ingress gateway, merged by name over default's list.
        var gw = OperatorSpec.Gateways(merged.Spec, ComponentCatalog.Ingress);
        Assert.Single(gw);
        Assert.Equal(false, gw[0]!["enabled"]);
        Assert.Equal(m.Root, merged.Spec["installPackagePath"]);
    }

    [Fact]
    public void NamespaceOption_MovesControlPlaneAndMetadata()
    {
        using var m = new TestManifests();
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { m.WriteFile("my-config.yaml", Seed) }, Namespace = "istio-1-18-5" });
        Assert.Equal("istio-1-18-5", OperatorSpec.ComponentNamespace(merged.Spec, ComponentCatalog.Pilot));
        Assert.True(TreeOps.TryFind(merged.IstioOperator, "metadata.namespace", out var ns));
        Assert.Equal("istio-1-18-5", ns);
        var values = HelmValuesTranslator.Translate(merged.Release, merged.Spec, ComponentCatalog.Pilot, null);
        Assert.True(TreeOps.TryFind(values, "global.istioNamespace", out var istioNs));
        Assert.Equal("istio-1-18-5", istioNs);
    }

    [Fact]
    public void IstioNamespaceInFile_DoesNotTouchMetadataNamespace()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("f.yaml", """
            apiVersion: install.istio.io/v1alpha1
            kind: IstioOperator
            spec:
              values:
                global:
                  istioNamespace: other
            """);
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file } });
        Assert.Equal("other", OperatorSpec.ComponentNamespace(merged.Spec, ComponentCatalog.Pilot));
        Assert.True(TreeOps.TryFind(merged.IstioOperator, "metadata.namespace", out var ns));
        Assert.Equal("istio-system", ns);
    }

    [Fact]
    public void SpecNamespace_WinsForControlPlane_ButChartsKeepValuesIstioNamespace()
    {
        using var m = new TestManifests();
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, SetValues = new[] { "namespace=cp" } });
        Assert.Equal("cp", OperatorSpec.ComponentNamespace(merged.Spec, ComponentCatalog.Pilot));
        var values = HelmValuesTranslator.Translate(merged.Release, merged.Spec, ComponentCatalog.Pilot, null);
        // spec.values is laid over the translator's global.istioNamespace (FACTS.md §1).
        Assert.True(TreeOps.TryFind(values, "global.istioNamespace", out var istioNs));
        Assert.Equal("istio-system", istioNs);
        Assert.True(TreeOps.TryFind(values, "pilot.namespace", out var pilotNs));
        Assert.Equal("cp", pilotNs);
    }

    [Fact]
    public void Order_FilesThenSet_SetWins_AndRevisionOptionIsLast()
    {
        using var m = new TestManifests();
        var a = m.WriteFile("a.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  revision: a\n  values:\n    global:\n      hub: a\n");
        var b = m.WriteFile("b.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  values:\n    global:\n      hub: b\n");
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { a, b }, SetValues = new[] { "revision=fromset" } });
        Assert.True(TreeOps.TryFind(merged.Spec, "values.global.hub", out var hub));
        Assert.Equal("b", hub);
        Assert.Equal("fromset", OperatorSpec.Revision(merged.Spec));
        merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { a }, SetValues = new[] { "revision=fromset" }, Revision = "option" });
        Assert.Equal("option", OperatorSpec.Revision(merged.Spec));
    }

    [Fact]
    public void Images_AreTheProfiles_WithAWarningForDevelopmentImages()
    {
        using var m = new TestManifests();
        var host = new MeshOps.Engine.Tests.Kube.RecordingHost();
        var merged = OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, ManifestsPath = m.Root }, host);
        Assert.Equal("gcr.io/istio-testing", merged.Spec["hub"]);
        Assert.Equal("latest", merged.Spec["tag"]);
        var warning = Assert.Single(host.Warnings, w => w.Contains("development images", StringComparison.Ordinal));
        Assert.Contains("-Version 1.18.5", warning);
        Assert.Contains(merged.Warnings, w => w.ErrorId == "DevelopmentImages");

        // The user's own images are rendered as given and are not development images.
        host = new MeshOps.Engine.Tests.Kube.RecordingHost();
        merged = OperatorConfigBuilder.Build(new GenerateRequest
        {
            Version = SharedData.Release1185, ManifestsPath = m.Root, SetValues = new[] { "hub=docker.io/istio", "tag=1.18.5", "values.global.hub=docker.io/istio" },
        }, host);
        Assert.Equal("docker.io/istio", merged.Spec["hub"]);
        Assert.DoesNotContain(host.Warnings, w => w.Contains("development images", StringComparison.Ordinal));
    }

    [Fact]
    public void A_DevelopmentCopy_WithoutVersion_IsManifestsVersionUnknown()
    {
        using var m = new TestManifests();
        var e = Assert.Throws<MeshException>(() => OperatorConfigBuilder.Build(new GenerateRequest { ManifestsPath = m.Root }, NullMeshHost.Instance));
        Assert.Equal("ManifestsVersionUnknown", e.ErrorId);
        Assert.Contains("-Version", e.Message);
    }

    [Fact]
    public void A_ReleaseArchiveFolder_TellsItsOwnVersion_AndContradictingItIsAnError()
    {
        using var m = new TestManifests();
        Directory.CreateDirectory(Path.Combine(m.Root, "charts", "base"));
        File.WriteAllText(Path.Combine(m.Root, "charts", "base", "Chart.yaml"), "apiVersion: v2\nname: base\nversion: 1.24.6\nappVersion: 1.24.6\n");
        Assert.Equal("1.24.6", OperatorConfigBuilder.Build(new GenerateRequest { ManifestsPath = m.Root }, NullMeshHost.Instance).Release.Version.ToString());
        var e = Assert.Throws<MeshException>(() => OperatorConfigBuilder.Build(new GenerateRequest { ManifestsPath = m.Root, Version = SharedData.Release1185 }, NullMeshHost.Instance));
        Assert.Equal("ManifestsVersionMismatch", e.ErrorId);
    }

    [Fact]
    public void SetIntegers_BecomeDoubles_AfterTheRoundTrip()
    {
        using var m = new TestManifests();
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, SetValues = new[] { "components.pilot.k8s.replicaCount=3" } });
        Assert.True(TreeOps.TryFind(merged.Spec, "components.pilot.k8s.replicaCount", out var rc));
        Assert.Equal(3.0, rc);
    }

    [Fact]
    public void ValuesGatewayEnablement_SwitchesTheComponent()
    {
        using var m = new TestManifests();
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, SetValues = new[] { "values.gateways.istio-egressgateway.enabled=true" } });
        Assert.Equal(true, OperatorSpec.Gateways(merged.Spec, ComponentCatalog.Egress)[0]!["enabled"]);
    }

    [Fact]
    public void LegacyPilotValues_AreCopiedIntoK8s()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("v.yaml", """
            apiVersion: install.istio.io/v1alpha1
            kind: IstioOperator
            spec:
              values:
                pilot:
                  env:
                    B: 2
                    A: x
                  rollingMaxSurge: 50%
                  nodeSelector:
                    disk: ssd
            """);
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file } });
        var k8s = TreeOps.FindMap(merged.Spec, "components.pilot.k8s")!;
        var env = ((List<object?>)k8s["env"]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(new[] { "A", "B" }, env.Select(e => (string)e["name"]!));
        Assert.Equal("2", env[1]["value"]);
        Assert.True(TreeOps.TryFind(k8s, "strategy.rollingUpdate.maxSurge", out var surge));
        Assert.Equal("50%", surge);
        Assert.True(TreeOps.TryFind(k8s, "nodeSelector.disk", out var disk));
        Assert.Equal("ssd", disk);
    }

    [Fact]
    public void ProxyMetadataSetValues_BecomeStrings()
    {
        using var m = new TestManifests();
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, SetValues = new[] { "meshConfig.defaultConfig.proxyMetadata.DNS=true", "meshConfig.defaultConfig.proxyMetadata.N=1000000" } });
        var pm = TreeOps.FindMap(merged.Spec, "meshConfig.defaultConfig.proxyMetadata")!;
        Assert.Equal("true", pm["DNS"]);
        Assert.Equal("1e+06", pm["N"]);
    }

    [Fact]
    public void Force_TurnsValidationErrorsIntoWarnings()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("bad.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profil: minimal\n");
        var e = Assert.Throws<IstioOperatorException>(() => Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file } }));
        Assert.Equal("IstioOperatorUnknownField", e.ErrorId);
        Assert.Equal(4, e.Issues[0].Line);
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file }, Force = true });
        Assert.Contains(merged.Warnings, w => w.ErrorId == "IstioOperatorUnknownField" && w.Line == 4);
    }

    [Fact]
    public void ApiValues_OfTheSeed()
    {
        using var m = new TestManifests();
        var merged = Build(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { m.WriteFile("my-config.yaml", Seed) } });
        var values = HelmValuesTranslator.Translate(merged.Release, merged.Spec, ComponentCatalog.Pilot, null);
        Assert.True(TreeOps.TryFind(values, "revision", out var rev));
        Assert.Equal("istio-1-18-5", rev);
        Assert.True(TreeOps.TryFind(values, "meshConfig.accessLogFile", out var log));
        Assert.Equal("/dev/stdout", log);
        Assert.True(TreeOps.TryFind(values, "global.hub", out var hub));
        Assert.Equal("gcr.io/istio-testing", hub); // spec.values.global.hub overrides the translated spec.hub
        Assert.True(TreeOps.TryFind(values, "pilot.enabled", out var enabled));
        Assert.Equal(true, enabled);
        Assert.True(TreeOps.TryFind(values, "istio_cni.enabled", out var cni));
        Assert.Equal(false, cni);
    }
}
