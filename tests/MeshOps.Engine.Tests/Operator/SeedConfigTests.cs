using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>The seed's my-config.yaml (examples/) rendered against the Istio 1.18.5 release manifests (FACTS.md §1).</summary>
public class SeedConfigTests
{
    private sealed class RecordingHost : IMeshHost
    {
        public List<string> Warnings { get; } = new();
        public void WriteVerbose(string message) { }
        public void WriteWarning(string message) => Warnings.Add(message);
        public void WriteDebug(string message) { }
        public void WriteProgress(MeshProgress progress) { }
    }

    internal static string Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", name);
            if (File.Exists(candidate)) return candidate;
        }
        // Test runs from a copied output folder: fall back to the checkout that holds ../shared.
        var fromShared = Path.Combine(SharedData.Require(), "..", "main", "examples", name);
        return File.Exists(fromShared) ? Path.GetFullPath(fromShared) : throw new FileNotFoundException("examples/" + name + " not found above " + AppContext.BaseDirectory);
    }

    [SharedFact]
    public void AsIstioctl_IstiodGoesToIstioSystem_WithAWarningNamingNamespace()
    {
        var host = new RecordingHost();
        var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { Example("my-config.yaml") }, ManifestsPath = SharedData.ReleaseManifests }, host);

        Assert.Equal("istio-system", manifest.ControlPlaneNamespace);
        Assert.Equal("istio-1-18-5", manifest.OperatorNamespace);
        Assert.Equal("istio-1-18-5", manifest.Revision);
        var istiod = Assert.Single(manifest.Objects, o => o.Kind == "Deployment");
        Assert.Equal("istiod-istio-1-18-5", istiod.Name);
        Assert.Equal("istio-system", istiod.Namespace);
        Assert.Contains(manifest.Objects, o => o.Kind == "ConfigMap" && o.Name == "istio-istio-1-18-5" && o.Namespace == "istio-system");
        Assert.DoesNotContain(manifest.Objects, o => o.Namespace == "istio-1-18-5");
        // minimal: no gateways
        Assert.DoesNotContain(manifest.Objects, o => o.Kind == "Deployment" && o.Name.Contains("gateway", StringComparison.Ordinal));
        var warning = Assert.Single(manifest.Warnings, w => !w.Contains("development images", StringComparison.Ordinal));
        Assert.Contains("-Namespace istio-1-18-5", warning);
        Assert.Contains(warning, host.Warnings);
        // ../shared's copy names development images and they are rendered as they are (no release hub/tag laid over them).
        Assert.Contains("gcr.io/istio-testing/pilot:latest", istiod.Yaml);
        Assert.Contains("accessLogFile: /dev/stdout", manifest.Objects.Single(o => o.Kind == "ConfigMap" && o.Name == "istio-istio-1-18-5").Yaml);
    }

    [SharedFact]
    public void WithNamespace_EverythingMovesToIstio1185_AndNoWarning()
    {
        var manifest = ManifestGenerator.Generate(new GenerateRequest
        {
            Version = SharedData.Release1185,
            Files = new[] { Example("my-config.yaml") },
            ManifestsPath = SharedData.ReleaseManifests,
            Namespace = "istio-1-18-5",
        }, NullMeshHost.Instance);

        Assert.Equal("istio-1-18-5", manifest.ControlPlaneNamespace);
        // The only warning left is that ../shared's copy names development images (it is not a release archive).
        Assert.Contains("development images", Assert.Single(manifest.Warnings), StringComparison.Ordinal);
        Assert.Contains(manifest.Objects, o => o.Kind == "Deployment" && o.Name == "istiod-istio-1-18-5" && o.Namespace == "istio-1-18-5");
        Assert.Contains(manifest.Objects, o => o.Kind == "ConfigMap" && o.Name == "istio-istio-1-18-5" && o.Namespace == "istio-1-18-5");
        var namespaced = manifest.Objects.Where(o => o.Namespace.Length > 0).ToList();
        Assert.NotEmpty(namespaced);
        Assert.All(namespaced, o => Assert.Equal("istio-1-18-5", o.Namespace));
        var webhook = Assert.Single(manifest.Objects, o => o.Kind == "MutatingWebhookConfiguration");
        Assert.Equal("istio-sidecar-injector-istio-1-18-5-istio-1-18-5", webhook.Name);
    }

    [SharedFact]
    public void ToYaml_IsOneDocumentPerObject_InIstioctlOrder()
    {
        var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { Example("my-config.yaml") }, ManifestsPath = SharedData.ReleaseManifests }, NullMeshHost.Instance);
        var yaml = manifest.ToYaml();
        Assert.Equal(manifest.Objects.Count, yaml.Split("\n---\n").Length - 1 + (yaml.StartsWith("---", StringComparison.Ordinal) ? 1 : 0));
        Assert.EndsWith("---\n", yaml);
        var scores = manifest.Objects.Select(ObjectOrder.Score).ToList();
        Assert.Equal(scores.OrderBy(s => s), scores);
        Assert.Equal("CustomResourceDefinition", manifest.Objects[0].Kind);
    }

    [SharedFact]
    public void WriteToDirectory_LaysOutComponentsLikeIstioctl()
    {
        var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, ManifestsPath = SharedData.ReleaseManifests }, NullMeshHost.Instance);
        var dir = Path.Combine(Path.GetTempPath(), "meshops-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = manifest.WriteToDirectory(dir);
            Assert.Contains(Path.Combine(dir, "Base", "Base.yaml"), files);
            Assert.Contains(Path.Combine(dir, "Base", "Pilot", "Pilot.yaml"), files);
            Assert.Contains(Path.Combine(dir, "Base", "Pilot", "IngressGateways", "IngressGateways.yaml"), files);
            Assert.Contains("kind: Deployment", File.ReadAllText(Path.Combine(dir, "Base", "Pilot", "IngressGateways", "IngressGateways.yaml")));
            Assert.Equal("", File.ReadAllText(Path.Combine(dir, "Base", "Pilot", "EgressGateways", "EgressGateways.yaml")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string> Examples() => new() { "my-config.yaml", "default-with-ingress.yaml", "revision-canary.yaml", "values-only.yaml" };

    [SharedTheory]
    [MemberData(nameof(Examples))]
    public void EveryExample_Generates(string example)
    {
        var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { Example(example) }, ManifestsPath = SharedData.ReleaseManifests }, NullMeshHost.Instance);
        Assert.Contains(manifest.Objects, o => o.Kind == "Deployment" && o.Name.StartsWith("istiod", StringComparison.Ordinal));
    }

    [SharedFact]
    public void DefaultWithIngress_AppliesK8sSettings()
    {
        var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { Example("default-with-ingress.yaml") }, ManifestsPath = SharedData.ReleaseManifests }, NullMeshHost.Instance);
        var gw = manifest.Objects.Single(o => o.Kind == "Deployment" && o.Name == "istio-ingressgateway");
        Assert.True(TreeOps.TryFind(gw.Value, "spec.template.spec.nodeSelector", out var ns));
        Assert.Equal("linux", ((Dictionary<string, object?>)ns!)["kubernetes.io/os"]);
        var svc = manifest.Objects.Single(o => o.Kind == "Service" && o.Name == "istio-ingressgateway");
        Assert.True(TreeOps.TryFind(svc.Value, "metadata.annotations", out var ann));
        Assert.Equal("nlb", ((Dictionary<string, object?>)ann!)["service.beta.kubernetes.io/aws-load-balancer-type"]);
        var hpa = manifest.Objects.Single(o => o.Kind == "HorizontalPodAutoscaler" && o.Name == "istio-ingressgateway");
        Assert.True(TreeOps.TryFind(hpa.Value, "spec.minReplicas", out var min));
        Assert.Equal(2.0, min);
        var istiod = manifest.Objects.Single(o => o.Kind == "Deployment" && o.Name == "istiod");
        // values.pilot.autoscaleEnabled is true in the default profile, so replicaCount is not applied (istioctl skips it).
        Assert.False(TreeOps.TryFind(istiod.Value, "spec.replicas", out _));
        Assert.Contains(manifest.Objects, o => o.Kind == "PodDisruptionBudget" && o.Name == "istiod");
    }

    [SharedFact]
    public void ComponentFilter_KeepsOnlyThoseComponents()
    {
        var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, ManifestsPath = SharedData.ReleaseManifests, Components = new[] { "Base" } }, NullMeshHost.Instance);
        Assert.All(manifest.Objects, o => Assert.Equal("Base", o.Component));
        Assert.Contains(manifest.Objects, o => o.Kind == "CustomResourceDefinition");
    }
}
