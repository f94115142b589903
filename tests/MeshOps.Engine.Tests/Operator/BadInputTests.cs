using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>
/// A corpus of bad IstioOperator inputs: each must fail with its stable ErrorId (as a MeshException), with a line
/// number when it comes from a file, and never with any other exception type.
/// </summary>
public class BadInputTests
{
    private const string Head = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n";

    /// <summary>
    /// name, file content, expected ErrorId, expected line (0 = not checked). A value that is a block map or list is
    /// reported at the line of its key. Duplicate keys are not here: sigs.k8s.io/yaml (go-yaml v2) keeps the last one.
    /// </summary>
    public static TheoryData<string, string, string, int> BadFiles() => new()
    {
        { "sequence-document", "- a\n- b\n", "IstioOperatorInvalid", 1 },
        { "scalar-document", "hello\n", "IstioOperatorInvalid", 1 },
        { "kind-missing", "apiVersion: install.istio.io/v1alpha1\nspec:\n  profile: demo\n", "IstioOperatorInvalid", 0 },
        { "kind-wrong", "apiVersion: install.istio.io/v1alpha1\nkind: Deployment\nspec: {}\n", "IstioOperatorInvalid", 2 },
        { "apiversion-wrong", "apiVersion: install.istio.io/v1beta1\nkind: IstioOperator\n", "IstioOperatorInvalid", 1 },
        { "top-level-unknown", Head + "specs:\n  profile: demo\n", "IstioOperatorUnknownField", 3 },
        { "spec-list", Head + "spec:\n- a\n", "IstioOperatorWrongType", 3 },
        { "spec-string", Head + "spec: minimal\n", "IstioOperatorWrongType", 3 },
        { "spec-unknown-field", Head + "spec:\n  profiles: demo\n", "IstioOperatorUnknownField", 4 },
        { "spec-typo-revison", Head + "spec:\n  revison: canary\n", "IstioOperatorUnknownField", 4 },
        { "component-unknown", Head + "spec:\n  components:\n    gateways:\n      enabled: true\n", "IstioOperatorUnknownField", 5 },
        { "component-telemetry-removed", Head + "spec:\n  components:\n    telemetry:\n      enabled: true\n", "IstioOperatorUnknownField", 5 },
        { "k8s-unknown-field", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        replicas: 2\n", "IstioOperatorUnknownField", 7 },
        { "replicacount-string", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        replicaCount: two\n", "IstioOperatorWrongType", 7 },
        { "replicacount-negative", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        replicaCount: -1\n", "IstioOperatorWrongType", 7 },
        { "replicacount-fraction", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        replicaCount: 1.5\n", "IstioOperatorWrongType", 7 },
        { "enabled-string", Head + "spec:\n  components:\n    pilot:\n      enabled: sure\n", "IstioOperatorWrongType", 6 },
        { "enabled-quoted-true", Head + "spec:\n  components:\n    pilot:\n      enabled: \"true\"\n", "IstioOperatorWrongType", 6 },
        { "component-namespace-number", Head + "spec:\n  components:\n    pilot:\n      namespace: 123\n", "IstioOperatorWrongType", 6 },
        { "hub-number", Head + "spec:\n  hub: 42\n", "IstioOperatorWrongType", 4 },
        { "revision-number", Head + "spec:\n  revision: 1.18\n", "IstioOperatorWrongType", 4 },
        { "revision-uppercase", Head + "spec:\n  revision: Canary\n", "RevisionInvalid", 4 },
        { "revision-underscore", Head + "spec:\n  revision: canary_1\n", "RevisionInvalid", 4 },
        { "revision-leading-dash", Head + "spec:\n  revision: \"-canary\"\n", "RevisionInvalid", 4 },
        { "revision-too-long", Head + "spec:\n  revision: " + new string('a', 64) + "\n", "RevisionInvalid", 4 },
        { "revision-dots", Head + "spec:\n  revision: \"1.18.5\"\n", "RevisionInvalid", 4 },
        { "hub-invalid", Head + "spec:\n  hub: \"docker.io/Istio Bad\"\n", "HubInvalid", 4 },
        { "tag-invalid", Head + "spec:\n  tag: \"bad tag\"\n", "TagInvalid", 4 },
        { "gateway-without-name", Head + "spec:\n  components:\n    ingressGateways:\n    - enabled: true\n", "GatewayNameInvalid", 0 },
        { "gateway-name-uppercase", Head + "spec:\n  components:\n    ingressGateways:\n    - name: Ingress\n", "GatewayNameInvalid", 6 },
        { "gateways-map", Head + "spec:\n  components:\n    ingressGateways:\n      name: x\n", "IstioOperatorWrongType", 5 },
        { "gateway-item-string", Head + "spec:\n  components:\n    egressGateways:\n    - istio-egressgateway\n", "IstioOperatorWrongType", 6 },
        { "gateway-item-null", Head + "spec:\n  components:\n    egressGateways:\n    -\n", "IstioOperatorWrongType", 0 },
        { "gateway-label-number", Head + "spec:\n  components:\n    ingressGateways:\n    - name: gw\n      label:\n        version: 2\n", "IstioOperatorWrongType", 8 },
        { "nodeselector-bool", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        nodeSelector:\n          master: true\n", "IstioOperatorWrongType", 8 },
        { "podannotations-list", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        podAnnotations:\n        - a\n", "IstioOperatorWrongType", 7 },
        { "env-map", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        env:\n          A: b\n", "IstioOperatorWrongType", 7 },
        { "tolerations-map", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        tolerations:\n          key: a\n", "IstioOperatorWrongType", 7 },
        { "overlays-map", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        overlays:\n          kind: Deployment\n", "IstioOperatorWrongType", 7 },
        { "overlay-unknown-field", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        overlays:\n        - kind: Deployment\n          patch: []\n", "IstioOperatorUnknownField", 9 },
        { "overlay-path-number", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        overlays:\n        - kind: Deployment\n          name: istiod\n          patches:\n          - path: 5\n", "IstioOperatorWrongType", 11 },
        { "meshconfig-list", Head + "spec:\n  meshConfig:\n  - accessLogFile\n", "IstioOperatorWrongType", 4 },
        { "values-list", Head + "spec:\n  values:\n  - a\n", "IstioOperatorWrongType", 4 },
        { "values-unknown-top", Head + "spec:\n  values:\n    globals:\n      hub: x\n", "IstioOperatorUnknownField", 5 },
        { "values-global-unknown", Head + "spec:\n  values:\n    global:\n      hubb: x\n", "IstioOperatorUnknownField", 6 },
        { "values-bool-wrong", Head + "spec:\n  values:\n    pilot:\n      autoscaleEnabled: maybe\n", "IstioOperatorWrongType", 6 },
        { "values-include-ip-ranges", Head + "spec:\n  values:\n    global:\n      proxy:\n        includeIPRanges: \"10.0.0.0/33\"\n", "IstioOperatorInvalidValue", 0 },
        { "values-exclude-inbound-ports", Head + "spec:\n  values:\n    global:\n      proxy:\n        excludeInboundPorts: \"80,abc\"\n", "IstioOperatorInvalidValue", 0 },
        { "values-uint-negative", Head + "spec:\n  values:\n    gateways:\n      istio-ingressgateway:\n        autoscaleMax: -2\n", "IstioOperatorWrongType", 7 },
        { "values-string-number", Head + "spec:\n  values:\n    global:\n      jwtPolicy: 3\n", "IstioOperatorWrongType", 6 },
        { "values-resources-number", Head + "spec:\n  values:\n    pilot:\n      resources:\n        requests:\n          cpu: 1\n", "IstioOperatorWrongType", 0 },
        { "metadata-list", Head + "metadata:\n- a\n", "IstioOperatorWrongType", 0 },
        { "metadata-name-number", Head + "metadata:\n  name: 5\n", "IstioOperatorWrongType", 4 },
        { "metadata-label-number", Head + "metadata:\n  labels:\n    a: 1\n", "IstioOperatorWrongType", 5 },
        { "unvalidatedvalues-list", Head + "spec:\n  unvalidatedValues:\n  - a\n", "IstioOperatorWrongType", 4 },
        { "components-list", Head + "spec:\n  components:\n  - pilot\n", "IstioOperatorWrongType", 4 },
        { "installpackagepath-number", Head + "spec:\n  installPackagePath: 7\n", "IstioOperatorWrongType", 4 },
        { "yaml-tab-indent", Head + "spec:\n\tprofile: demo\n", "IstioOperatorYamlInvalid", 0 },
        { "yaml-unclosed-quote", Head + "spec:\n  profile: \"demo\n", "IstioOperatorYamlInvalid", 0 },
        { "enabled-number", Head + "spec:\n  components:\n    cni:\n      enabled: 1\n", "IstioOperatorWrongType", 6 },
        { "multiple-iops", Head + "spec: {}\n---\n" + Head + "spec: {}\n", "MultipleIstioOperators", 5 },
        { "base-namespace-unknown", Head + "spec:\n  components:\n    base:\n      namespace: x\n", "IstioOperatorUnknownField", 6 },
        { "base-hub-unknown", Head + "spec:\n  components:\n    base:\n      hub: x\n", "IstioOperatorUnknownField", 6 },
        { "service-not-map", Head + "spec:\n  components:\n    ingressGateways:\n    - name: gw\n      k8s:\n        service: LoadBalancer\n", "IstioOperatorWrongType", 8 },
        { "readinessprobe-list", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        readinessProbe: []\n", "IstioOperatorWrongType", 7 },
        { "imagepullpolicy-bool", Head + "spec:\n  components:\n    pilot:\n      k8s:\n        imagePullPolicy: true\n", "IstioOperatorWrongType", 7 },
        { "values-meshnetworks-list", Head + "spec:\n  values:\n    global:\n      meshNetworks: []\n", "IstioOperatorWrongType", 6 },
        // meshConfig, as istioctl's validateMeshConfig (strict jsonpb into MeshConfig, then ValidateMeshConfig) rejects it.
        { "meshconfig-unknown-field", Head + "spec:\n  meshConfig:\n    accessLogFormatt: x\n", "IstioOperatorUnknownField", 5 },
        { "meshconfig-defaultconfig-unknown", Head + "spec:\n  meshConfig:\n    defaultConfig:\n      concurency: 2\n", "IstioOperatorUnknownField", 6 },
        { "meshconfig-extension-provider-unknown", Head + "spec:\n  meshConfig:\n    extensionProviders:\n    - name: otel\n      opentelemetryy:\n        service: x\n", "IstioOperatorUnknownField", 7 },
        { "meshconfig-reserved-field", Head + "spec:\n  meshConfig:\n    mixerCheckServer: x\n", "IstioOperatorUnknownField", 5 },
        { "meshconfig-bool-quoted", Head + "spec:\n  meshConfig:\n    enableTracing: \"true\"\n", "IstioOperatorWrongType", 5 },
        { "meshconfig-port-string", Head + "spec:\n  meshConfig:\n    proxyListenPort: fifteen\n", "IstioOperatorWrongType", 5 },
        { "meshconfig-port-int32-overflow", Head + "spec:\n  meshConfig:\n    proxyListenPort: 99999999999\n", "IstioOperatorWrongType", 5 },
        { "meshconfig-duration-number", Head + "spec:\n  meshConfig:\n    connectTimeout: 10\n", "IstioOperatorWrongType", 5 },
        { "meshconfig-proxymetadata-bool", Head + "spec:\n  meshConfig:\n    defaultConfig:\n      proxyMetadata:\n        ISTIO_META_DNS_CAPTURE: true\n", "IstioOperatorWrongType", 7 },
        { "meshconfig-discoveryselectors-map", Head + "spec:\n  meshConfig:\n    discoverySelectors:\n      matchLabels: {a: b}\n", "IstioOperatorWrongType", 5 },
        { "meshconfig-enum-lowercase", Head + "spec:\n  meshConfig:\n    accessLogEncoding: json\n", "IstioOperatorInvalidValue", 5 },
        { "meshconfig-outbound-mode-bad", Head + "spec:\n  meshConfig:\n    outboundTrafficPolicy:\n      mode: ALLOW_ALL\n", "IstioOperatorInvalidValue", 6 },
        { "meshconfig-duration-words", Head + "spec:\n  meshConfig:\n    connectTimeout: 10 seconds\n", "IstioOperatorInvalidValue", 5 },
        { "meshconfig-listen-port-range", Head + "spec:\n  meshConfig:\n    proxyListenPort: 70000\n", "IstioOperatorInvalidValue", 5 },
        { "meshconfig-connect-timeout-long", Head + "spec:\n  meshConfig:\n    connectTimeout: 1m\n", "IstioOperatorInvalidValue", 5 },
        { "meshconfig-discovery-address-no-port", Head + "spec:\n  meshConfig:\n    defaultConfig:\n      discoveryAddress: istiod.istio-system.svc\n", "IstioOperatorInvalidValue", 6 },
        { "meshconfig-drain-fraction", Head + "spec:\n  meshConfig:\n    defaultConfig:\n      drainDuration: 1.5s\n", "IstioOperatorInvalidValue", 6 },
        { "meshconfig-trust-domain", Head + "spec:\n  meshConfig:\n    trustDomain: my_domain.local\n", "IstioOperatorInvalidValue", 5 },
        { "meshconfig-zipkin-address", Head + "spec:\n  meshConfig:\n    defaultConfig:\n      tracing:\n        zipkin:\n          address: zipkin:port\n", "IstioOperatorInvalidValue", 8 },
        { "values-meshconfig-unknown", Head + "spec:\n  values:\n    meshConfig:\n      enableTracingg: true\n", "IstioOperatorUnknownField", 6 },
        { "values-meshconfig-string", Head + "spec:\n  values:\n    meshConfig: enableTracing\n", "IstioOperatorWrongType", 5 },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFile_FailsWithItsId(string name, string yaml, string errorId, int line)
    {
        using var m = new TestManifests();
        var file = m.WriteFile(name + ".yaml", yaml);
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file } }));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(name + ".yaml", e.Message);
        if (line > 0) Assert.Equal(line, e.Issues[0].Line);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    /// <summary>name, --set flags, extra request tweak, expected ErrorId.</summary>
    public static TheoryData<string, string[], string> BadSetFlags() => new()
    {
        { "no-equals", new[] { "values.global.hub" }, "SetSyntaxInvalid" },
        { "two-equals", new[] { "values.global.proxy.excludeIPRanges=a=b" }, "SetSyntaxInvalid" },
        { "empty-path", new[] { "=x" }, "SetSyntaxInvalid" },
        { "infinity", new[] { "values.pilot.traceSampling=inf" }, "SetSyntaxInvalid" },
        { "unknown-values-key", new[] { "values.globl.hub=x" }, "IstioOperatorUnknownField" },
        { "unknown-spec-key", new[] { "meshconfig.accessLogFile=x" }, "IstioOperatorUnknownField" },
        { "wrong-type", new[] { "components.pilot.k8s.replicaCount=abc" }, "IstioOperatorWrongType" },
        { "bad-revision", new[] { "revision=Bad_Rev" }, "RevisionInvalid" },
        // --set applies to the files' overlay, not the profile: with no file there is no list to select in (istioctl
        // fails too, later, on a map where a list belongs); the error says that the selector matched nothing.
        { "gateway-selector-without-file", new[] { "components.ingressGateways.[name:nosuch].enabled=true" }, "SetSelectorNoMatch" },
        { "unknown-profile", new[] { "profile=prod" }, "ProfileNotFound" },
        { "missing-profile-file", new[] { "profile=./nope.yaml" }, "ProfileNotFound" },
        { "bool-into-string", new[] { "values.global.hub=true" }, "IstioOperatorWrongType" },
        { "meshconfig-unknown", new[] { "meshConfig.accessLogFormatt=x" }, "IstioOperatorUnknownField" },
        { "meshconfig-enum", new[] { "meshConfig.accessLogEncoding=json" }, "IstioOperatorInvalidValue" },
        { "meshconfig-duration-number", new[] { "meshConfig.defaultConfig.drainDuration=45" }, "IstioOperatorWrongType" },
        { "meshconfig-status-port", new[] { "meshConfig.defaultConfig.statusPort=0" }, "IstioOperatorInvalidValue" },
    };

    [Theory]
    [MemberData(nameof(BadSetFlags))]
    public void BadSetFlag_FailsWithItsId(string name, string[] flags, string errorId)
    {
        using var m = new TestManifests();
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new GenerateRequest { Version = SharedData.Release1185, SetValues = flags }));
        Assert.True(errorId == e.ErrorId, $"{name}: expected {errorId}, got {e.ErrorId}: {e.Message}");
    }

    [Fact]
    public void SetSelector_NotInTheFilesList_IsSetSelectorNoMatch()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("gw.yaml", Head + "spec:\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: true\n");
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file }, SetValues = new[] { "components.ingressGateways.[name:nosuch].enabled=false" } }));
        Assert.Equal("SetSelectorNoMatch", e.ErrorId);
        Assert.Contains("the selector [name:nosuch] matched none of the 1 entries of spec.components.ingressGateways (their names: istio-ingressgateway)", e.Message);
    }

    [Fact]
    public void ManifestsPath_Missing_IsManifestsNotFound()
    {
        var e = Assert.Throws<IstioOperatorException>(() =>
            OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185 }, NullMeshHost.Instance));
        Assert.Equal("ManifestsNotFound", e.ErrorId);
        e = Assert.Throws<IstioOperatorException>(() =>
            OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, ManifestsPath = "/nonexistent/manifests" }, NullMeshHost.Instance));
        Assert.Equal("ManifestsNotFound", e.ErrorId);
    }

    [Fact]
    public void InstallPackagePathInFile_IsUsed_AndChecked()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("p.yaml", Head + "spec:\n  installPackagePath: /nonexistent/x\n");
        var e = Assert.Throws<IstioOperatorException>(() => OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file } }, NullMeshHost.Instance));
        Assert.Equal("ManifestsNotFound", e.ErrorId);
        var ok = m.WriteFile("q.yaml", Head + "spec:\n  installPackagePath: " + m.Root + "\n");
        Assert.Equal(m.Root, OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { ok } }, NullMeshHost.Instance).ManifestsPath);
    }

    [Fact]
    public void MissingFile_IsFileNotFound()
    {
        using var m = new TestManifests();
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { Path.Combine(m.Root, "nope.yaml") } }));
        Assert.Equal("IstioOperatorFileNotFound", e.ErrorId);
        Assert.Equal(MeshErrorKind.ObjectNotFound, e.Kind);
    }

    [Fact]
    public void UnknownComponentFilter_IsComponentNotFound()
    {
        using var m = new TestManifests();
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new GenerateRequest { Version = SharedData.Release1185, Components = new[] { "Foo" } }));
        Assert.Equal("ComponentNotFound", e.ErrorId);
        Assert.Contains("IngressGateways", e.Message);
    }

    [Fact]
    public void SeveralProblems_AreAllReported_FirstIdWins()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("many.yaml", Head + "spec:\n  revison: x\n  hub: 1\n  components:\n    pilot:\n      enabled: maybe\n");
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file } }));
        Assert.Equal(3, e.Issues.Count);
        Assert.Equal("IstioOperatorUnknownField", e.ErrorId);
        Assert.Equal(new[] { 4, 5, 8 }, e.Issues.Select(i => i.Line));
        Assert.Contains("spec.components.pilot.enabled", e.Message);
    }

    [Fact]
    public void UnknownField_MessageListsWhatIsAllowed()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("c.yaml", Head + "spec:\n  components:\n    pilots:\n      enabled: true\n");
        var e = Assert.Throws<IstioOperatorException>(() => Generate(m, new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file } }));
        Assert.Contains("allowed: base, pilot, cni, ztunnel, istiodRemote, ingressGateways, egressGateways", e.Message);
        Assert.Equal("spec.components.pilots", e.Issues[0].FieldPath);
    }

    [Fact]
    public void Corpus_IsLargeEnough()
    {
        Assert.True(BadFiles().Count + BadSetFlags().Count >= 60);
    }

    // Rendering is not reached: every case fails while merging/validating, so an empty charts folder is enough.
    private static GeneratedManifest Generate(TestManifests m, GenerateRequest r) =>
        ManifestGenerator.Generate(new GenerateRequest
        {
            Version = SharedData.Release1185,
            Files = r.Files,
            SetValues = r.SetValues,
            Components = r.Components,
            ManifestsPath = m.Root,
        }, NullMeshHost.Instance, new FailingRenderer(), CancellationToken.None);

    private sealed class FailingRenderer : IChartRenderer
    {
        public string Render(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("bad input reached rendering");
    }
}
