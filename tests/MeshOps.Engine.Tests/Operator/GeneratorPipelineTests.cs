using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>The generator's steps after rendering (k8s settings, overlays, order) with a stand-in chart renderer.</summary>
public class GeneratorPipelineTests
{
    private const string Head = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n";

    /// <summary>Renders a fixed Deployment/Service/PDB per chart, named after the component's main resource.</summary>
    private sealed class FakeRenderer : IChartRenderer
    {
        public List<(string Chart, string Namespace, Dictionary<string, object?> Values)> Calls { get; } = new();

        public string Render(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace, CancellationToken cancellationToken)
        {
            Calls.Add((chartDirectory, @namespace, values));
            var chart = Path.GetFileName(chartDirectory);
            var name = chart switch
            {
                "istio-discovery" => "istiod" + (values.GetValueOrDefault("revision") is string { Length: > 0 } r ? "-" + r : ""),
                "istio-ingress" => (string)((Dictionary<string, object?>)((Dictionary<string, object?>)values["gateways"]!)["istio-ingressgateway"]!)["name"]!,
                _ => chart,
            };
            var container = chart == "istio-discovery" ? "discovery" : "istio-proxy";
            return $"""
                apiVersion: v1
                kind: Service
                metadata:
                  name: {name}
                  namespace: {@namespace}
                spec:
                  ports:
                  - name: grpc
                    port: 15010
                    protocol: TCP
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {name}
                  namespace: {@namespace}
                spec:
                  template:
                    spec:
                      containers:
                      - name: {container}
                        env:
                        - name: A
                          value: a
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: {name}-role
                ---
                """;
        }
    }

    private static GeneratedManifest Generate(TestManifests m, FakeRenderer renderer, string? yaml, params string[] set) =>
        ManifestGenerator.Generate(new GenerateRequest
        {
            Version = SharedData.Release1185,
            Files = yaml == null ? Array.Empty<string>() : new[] { m.WriteFile("in.yaml", Head + yaml) },
            SetValues = set,
            ManifestsPath = m.Root,
        }, NullMeshHost.Instance, renderer, CancellationToken.None);

    [Fact]
    public void RendersEnabledComponents_InTheirNamespaces_AndOrdersObjects()
    {
        using var m = new TestManifests();
        var renderer = new FakeRenderer();
        var manifest = Generate(m, renderer, null);
        Assert.Equal(new[] { "base", "istio-discovery", "istio-ingress" }, renderer.Calls.Select(c => Path.GetFileName(c.Chart)));
        Assert.All(renderer.Calls, c => Assert.Equal("istio-system", c.Namespace));
        Assert.Equal(new[] { "ClusterRole", "ClusterRole", "ClusterRole" }, manifest.Objects.Take(3).Select(o => o.Kind));
        Assert.Equal("Service", manifest.Objects[^1].Kind);
        Assert.Equal(new[] { true, true, false, false, false, true, false }, manifest.Components.Select(c => c.Enabled));
    }

    [Fact]
    public void K8sEnvAndResources_PatchTheMainContainer()
    {
        using var m = new TestManifests();
        var manifest = Generate(m, new FakeRenderer(), "spec:\n  components:\n    pilot:\n      k8s:\n        env:\n        - name: B\n          value: b\n        resources:\n          requests:\n            cpu: 10m\n");
        var istiod = manifest.Objects.Single(o => o.Kind == "Deployment" && o.Name == "istiod");
        Assert.True(TreeOps.TryFind(istiod.Value, "spec.template.spec.containers", out var containers));
        var discovery = (Dictionary<string, object?>)((List<object?>)containers!)[0]!;
        // Strategic merge puts patch items that are new before the original ones (apimachinery mergeSortedSlice).
        Assert.Equal(new object?[] { "B", "A" }, ((List<object?>)discovery["env"]!).Cast<Dictionary<string, object?>>().Select(e => e["name"]));
        Assert.True(TreeOps.TryFind(discovery, "resources.requests.cpu", out var cpu));
        Assert.Equal("10m", cpu);
    }

    [Fact]
    public void ReplicaCount_IsSkippedWhileAutoscaling_AndAppliedOtherwise()
    {
        using var m = new TestManifests();
        var manifest = Generate(m, new FakeRenderer(), null, "components.pilot.k8s.replicaCount=3");
        Assert.False(TreeOps.TryFind(manifest.Objects.Single(o => o.Kind == "Deployment" && o.Name == "istiod").Value, "spec.replicas", out _));
        manifest = Generate(m, new FakeRenderer(), null, "components.pilot.k8s.replicaCount=3", "values.pilot.autoscaleEnabled=false");
        Assert.True(TreeOps.TryFind(manifest.Objects.Single(o => o.Kind == "Deployment" && o.Name == "istiod").Value, "spec.replicas", out var replicas));
        Assert.Equal(3.0, replicas);
    }

    [Fact]
    public void Revision_TargetsIstiodRev()
    {
        using var m = new TestManifests();
        var manifest = Generate(m, new FakeRenderer(), null, "revision=canary", "components.pilot.k8s.nodeSelector.disk=ssd");
        var istiod = manifest.Objects.Single(o => o.Kind == "Deployment" && o.Name == "istiod-canary");
        Assert.True(TreeOps.TryFind(istiod.Value, "spec.template.spec.nodeSelector.disk", out var disk));
        Assert.Equal("ssd", disk);
    }

    [Fact]
    public void ServicePorts_MergeByPortAndProtocol()
    {
        using var m = new TestManifests();
        var manifest = Generate(m, new FakeRenderer(), """
            spec:
              components:
                ingressGateways:
                - name: istio-ingressgateway
                  enabled: true
                  k8s:
                    service:
                      ports:
                      - name: grpc-udp
                        port: 15010
                        protocol: UDP
                      - name: http
                        port: 80
                        targetPort: 8080
            """);
        var svc = manifest.Objects.Single(o => o.Kind == "Service" && o.Name == "istio-ingressgateway");
        Assert.True(TreeOps.TryFind(svc.Value, "spec.ports", out var ports));
        var list = ((List<object?>)ports!).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(new object?[] { "grpc", "grpc-udp", "http" }, list.Select(p => p["name"]));
        Assert.Equal(new object?[] { "TCP", "UDP", "TCP" }, list.Select(p => p["protocol"]));
        Assert.Equal(0.0, list[1]["targetPort"]);
    }

    [Fact]
    public void Overlays_PatchSetAndDelete()
    {
        using var m = new TestManifests();
        var manifest = Generate(m, new FakeRenderer(), """
            spec:
              components:
                pilot:
                  k8s:
                    overlays:
                    - kind: Deployment
                      name: istiod
                      patches:
                      - path: spec.template.spec.containers.[name:discovery].env.[name:A].value
                        value: changed
                      - path: spec.template.spec.containers.[name:discovery].image
                        value: my/image:1
                    - kind: ClusterRole
                      name: istiod-role
                      patches:
                      - path: metadata.labels
            """);
        var istiod = manifest.Objects.Single(o => o.Kind == "Deployment" && o.Name == "istiod");
        Assert.True(TreeOps.TryFind(istiod.Value, "spec.template.spec.containers", out var containers));
        var c = (Dictionary<string, object?>)((List<object?>)containers!)[0]!;
        Assert.Equal("my/image:1", c["image"]);
        Assert.Equal("changed", ((Dictionary<string, object?>)((List<object?>)c["env"]!)[0]!)["value"]);
    }

    [Fact]
    public void Overlay_ThatMatchesNothing_Fails()
    {
        using var m = new TestManifests();
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new FakeRenderer(),
            "spec:\n  components:\n    pilot:\n      k8s:\n        overlays:\n        - kind: Deployment\n          name: nosuch\n          patches: []\n"));
        Assert.Equal("OverlayNoMatch", e.ErrorId);
        Assert.Contains("Deployment:istio-system:istiod", e.Message);
    }

    [Fact]
    public void BaseK8sSettings_OtherThanOverlays_Fail()
    {
        using var m = new TestManifests();
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new FakeRenderer(), null, "components.base.k8s.nodeSelector.a=b"));
        Assert.Equal("K8sSettingsNotSupported", e.ErrorId);
    }

    [Fact]
    public void GatewayValues_CarryNameLabelsAndPorts()
    {
        using var m = new TestManifests();
        var renderer = new FakeRenderer();
        Generate(m, renderer, "spec:\n  components:\n    ingressGateways:\n    - name: my-gw\n      enabled: true\n      label:\n        app: mine\n");
        var calls = renderer.Calls.Where(c => c.Chart.EndsWith("istio-ingress", StringComparison.Ordinal)).ToList();
        // The new gateway merges into the profile's list by name and, as strategic merge does, goes first.
        Assert.Equal(2, calls.Count);
        Assert.True(TreeOps.TryFind(calls[0].Values, "gateways.istio-ingressgateway.name", out var name));
        Assert.Equal("my-gw", name);
        Assert.True(TreeOps.TryFind(calls[0].Values, "gateways.istio-ingressgateway.labels.app", out var app));
        Assert.Equal("mine", app);
    }
}
