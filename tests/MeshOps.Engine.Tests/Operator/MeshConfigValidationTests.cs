using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>
/// spec.meshConfig and spec.values.meshConfig checked as istioctl 1.18.5's validateMeshConfig does: what istioctl
/// accepts passes (every release profile, istioctl's own test inputs, our examples, jsonpb's spellings), what it
/// rejects fails with the field's path. The bad-input corpus (BadInputTests) holds the error ids and lines.
/// </summary>
public class MeshConfigValidationTests
{
    private const string Head = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n";

    public static TheoryData<string> ProfileFiles() => Files(() => Path.Combine(SharedData.ReleaseManifests, "profiles"));

    public static TheoryData<string> GoldenInputFiles() => Files(() => Path.Combine(SharedData.ManifestGenerate, "input"));

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples"), "*.yaml").OrderBy(f => f, StringComparer.Ordinal)) data.Add(f);
        return data;
    }

    private static OperatorSchema Schema1185 => OperatorSchema.For(IstioctlRelease.For(MeshOps.Engine.Releases.IstioVersion.Parse("1.18.5")));

    public static TheoryData<string, string> EveryReleaseInput()
    {
        var data = new TheoryData<string, string>();
        if (SharedData.Path == null) { data.Add("none", "none"); return data; }
        foreach (var version in GoldenSuite.Versions)
        {
            var root = Path.Combine(SharedData.Path, "istio", version);
            foreach (var f in Directory.GetFiles(Path.Combine(root, "release", "manifests", "profiles"), "*.yaml")
                         .Concat(Directory.GetFiles(Path.Combine(root, "manifest-generate", "input"), "*.yaml")).OrderBy(f => f, StringComparer.Ordinal))
                data.Add(version, Path.GetRelativePath(root, f));
        }
        return data;
    }

    /// <summary>Each release's profiles and istioctl's inputs validate against that release's own schema (istioctl rejects the two skipped).</summary>
    [SharedTheory]
    [MemberData(nameof(EveryReleaseInput))]
    public void EveryReleasesInputs_ValidateAgainstItsOwnSchema(string version, string file)
    {
        var name = Path.GetFileName(file);
        if (name is "multiple_iops.yaml" or "flag_force.yaml" || name.StartsWith("bad", StringComparison.Ordinal)) return;
        var schema = OperatorSchema.For(IstioctlRelease.For(MeshOps.Engine.Releases.IstioVersion.Parse(version)));
        var issues = OperatorFileReader.ReadFile(Path.Combine(SharedData.Path!, "istio", version, file)).Validate(schema);
        Assert.Empty(issues.Where(i => !i.IsWarning));
    }

    [SharedTheory]
    [MemberData(nameof(ProfileFiles))]
    public void EveryReleaseProfile_HasNoProblem(string file) =>
        Assert.Empty(OperatorFileReader.ReadFile(file).Validate(Schema1185));

    /// <summary>istioctl's own inputs: flag_force.yaml has an unknown values key (run with --force), none a meshConfig problem.</summary>
    [SharedTheory]
    [MemberData(nameof(GoldenInputFiles))]
    public void EveryGoldenSuiteInput_HasNoMeshConfigProblem(string file)
    {
        if (Path.GetFileName(file) == "multiple_iops.yaml") return; // rejected before validation, as by istioctl
        var issues = OperatorFileReader.ReadFile(file).Validate(Schema1185);
        Assert.DoesNotContain(issues, i => i.FieldPath?.Contains("meshConfig", StringComparison.Ordinal) == true);
        if (Path.GetFileName(file) != "flag_force.yaml") Assert.Empty(issues);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void EveryExample_HasNoProblem(string file) =>
        Assert.Empty(OperatorFileReader.ReadFile(file).Validate(Schema1185));

    [SharedFact]
    public void ProfileWithMeshConfigSettings_GeneratesAndKeepsThem()
    {
        var file = WriteTemp(Head + "spec:\n  meshConfig:\n    accessLogFile: /dev/stdout\n    accessLogEncoding: JSON\n    connectTimeout: 5s\n    defaultConfig:\n      holdApplicationUntilProxyStarts: true\n      concurrency: 2\n");
        try
        {
            var manifest = ManifestGenerator.Generate(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file }, ManifestsPath = SharedData.ReleaseManifests, Components = new[] { "Pilot" } }, NullMeshHost.Instance);
            var configMap = manifest.Objects.Single(o => o.Kind == "ConfigMap" && o.Name == "istio");
            var mesh = (string)((Dictionary<string, object?>)configMap.Value["data"]!)["mesh"]!;
            Assert.Contains("accessLogEncoding: JSON", mesh);
            Assert.Contains("connectTimeout: 5s", mesh);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>What jsonpb reads without complaint must pass: proto names, enum numbers, quoted integers, wrappers, nulls.</summary>
    [Theory]
    [InlineData("access_log_file: /dev/stdout\nenable_prometheus_merge: false")]
    [InlineData("accessLogEncoding: 1\noutboundTrafficPolicy:\n  mode: 1")]
    [InlineData("proxyListenPort: \"15001\"\ndefaultConfig:\n  concurrency: \"4\"")]
    [InlineData("enableAutoMtls: false\nenablePrometheusMerge: true\ndefaultConfig:\n  holdApplicationUntilProxyStarts: true")]
    [InlineData("connectTimeout: 0.5s\nprotocolDetectionTimeout: 0s\ndnsRefreshRate: 1h30m\ndefaultConfig:\n  drainDuration: 45s\n  terminationDrainDuration: 500ms")]
    [InlineData("accessLogFile: null\ndefaultConfig: null\nextensionProviders:\n- null")]
    [InlineData("defaultConfig:\n  serviceCluster: \"\"\n  tracingServiceName: CANONICAL_NAME_ONLY")]
    [InlineData("defaultConfig:\n  tracing:\n    zipkin:\n      address: $(HOST_IP):9411\n    sampling: 100\n    customTags:\n      env:\n        environment:\n          name: POD_NAME")]
    [InlineData("defaultConfig:\n  discoveryAddress: \"[fd00::1]:15012\"\n  statsdUdpAddress: 10.0.0.1:8125\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: \"true\"")]
    [InlineData("trustDomain: Cluster.Local.\ntrustDomainAliases: [old.example.com]\nserviceSettings:\n- settings:\n    clusterLocal: true\n  hosts: ['*.svc.cluster.local', '*-foo.example.com']")]
    [InlineData("extensionProviders:\n- name: otel\n  envoyOtelAls:\n    service: otel.observability.svc.cluster.local\n    port: 4317\n- name: skywalking\n  skywalking:\n    service: tracing.istio-system.svc.cluster.local\n    port: 11800")]
    [InlineData("discoverySelectors:\n- matchLabels:\n    env: prod\n- matchExpressions:\n  - key: team\n    operator: In\n    values: [a, b]")]
    [InlineData("localityLbSetting:\n  enabled: true\n  distribute:\n  - from: us-west/zone1/*\n    to:\n      us-west/zone1/*: 80\n      us-west/zone2/*: 20")]
    [InlineData("meshMTLS:\n  minProtocolVersion: TLSV1_3\n  ecdhCurves: []\ntlsDefaults:\n  ecdhCurves: [P-256]")]
    [InlineData("defaultConfig:\n  privateKeyProvider:\n    cryptomb:\n      pollDelay: 10ms\n  controlPlaneAuthPolicy: MUTUAL_TLS\n  proxyStatsMatcher:\n    inclusionRegexps: ['.*outlier.*']")]
    public void AcceptedByIstioctl_Passes(string yaml) =>
        Assert.Empty(OperatorValidator.ValidateMeshConfig(Mesh(yaml), "spec.meshConfig", "t.yaml"));

    /// <summary>ValidateMeshConfig's checks: the path of each problem.</summary>
    [Theory]
    [InlineData("proxyListenPort: 0", "spec.meshConfig.proxyListenPort")]
    [InlineData("connectTimeout: 0s", "spec.meshConfig.connectTimeout")]
    [InlineData("connectTimeout: 1500us", "spec.meshConfig.connectTimeout")]
    [InlineData("protocolDetectionTimeout: 100us", "spec.meshConfig.protocolDetectionTimeout")]
    [InlineData("trustDomain: \"\"", "spec.meshConfig.trustDomain")]
    [InlineData("trustDomainAliases: [ok.example, bad..example]", "spec.meshConfig.trustDomainAliases[1]")]
    [InlineData("serviceSettings:\n- hosts: ['*.ok', 'foo.*']", "spec.meshConfig.serviceSettings[0].hosts[1]")]
    [InlineData("meshMTLS:\n  ecdhCurves: [P-256]", "spec.meshConfig.meshMTLS.ecdhCurves")]
    [InlineData("defaultConfig:\n  configPath: \"\"", "spec.meshConfig.defaultConfig.configPath")]
    [InlineData("defaultConfig:\n  serviceCluster: \"\"", "spec.meshConfig.defaultConfig.serviceCluster")]
    [InlineData("defaultConfig:\n  drainDuration: 2h", "spec.meshConfig.defaultConfig.drainDuration")]
    [InlineData("defaultConfig:\n  discoveryAddress: \"\"", "spec.meshConfig.defaultConfig.discoveryAddress")]
    [InlineData("defaultConfig:\n  discoveryAddress: istiod:99999", "spec.meshConfig.defaultConfig.discoveryAddress")]
    [InlineData("defaultConfig:\n  statsdUdpAddress: bad_host:8125", "spec.meshConfig.defaultConfig.statsdUdpAddress")]
    [InlineData("defaultConfig:\n  envoyAccessLogService:\n    address: als", "spec.meshConfig.defaultConfig.envoyAccessLogService.address")]
    [InlineData("defaultConfig:\n  tracing:\n    datadog:\n      address: datadog", "spec.meshConfig.defaultConfig.tracing.datadog.address")]
    [InlineData("defaultConfig:\n  tracing:\n    lightstep:\n      address: ls:443", "spec.meshConfig.defaultConfig.tracing.lightstep.accessToken")]
    [InlineData("defaultConfig:\n  proxyAdminPort: -1", "spec.meshConfig.defaultConfig.proxyAdminPort")]
    [InlineData("defaultConfig:\n  status_port: 65536", "spec.meshConfig.defaultConfig.status_port")]
    [InlineData("defaultConfig:\n  controlPlaneAuthPolicy: INHERIT", "spec.meshConfig.defaultConfig.controlPlaneAuthPolicy")]
    [InlineData("defaultConfig:\n  privateKeyProvider:\n    qat:\n      pollDelay: 0s", "spec.meshConfig.defaultConfig.privateKeyProvider.qat.pollDelay")]
    public void RejectedByValidateMeshConfig_NamesTheField(string yaml, string path)
    {
        var issue = Assert.Single(OperatorValidator.ValidateMeshConfig(Mesh(yaml), "spec.meshConfig", "t.yaml"));
        Assert.Equal("IstioOperatorInvalidValue", issue.ErrorId);
        Assert.Equal(path, issue.FieldPath);
        Assert.StartsWith(path + ": ", issue.Message);
    }

    [Fact]
    public void UnknownField_SuggestsTheCloseName_AndListsJsonNames()
    {
        var issue = Assert.Single(OperatorValidator.ValidateMeshConfig(Mesh("accessLogFormatt: x"), "spec.meshConfig", null));
        Assert.Equal("spec.meshConfig.accessLogFormatt", issue.FieldPath);
        Assert.Contains("did you mean \"accessLogFormat\"?", issue.Message);
        Assert.Contains("allowed: proxyListenPort, proxyInboundListenPort,", issue.Message);
        Assert.Contains("meshMTLS", issue.Message);

        var far = Assert.Single(OperatorValidator.ValidateMeshConfig(Mesh("somethingElse: x"), "spec.meshConfig", null));
        Assert.DoesNotContain("did you mean", far.Message);
    }

    [Fact]
    public void BadEnum_ListsTheValues_AndSuggestsTheCase()
    {
        var issue = Assert.Single(OperatorValidator.ValidateMeshConfig(Mesh("outboundTrafficPolicy:\n  mode: allow_any"), "spec.meshConfig", null));
        Assert.Equal("spec.meshConfig.outboundTrafficPolicy.mode", issue.FieldPath);
        Assert.Contains("did you mean \"ALLOW_ANY\"?", issue.Message);
        Assert.Contains("allowed: REGISTRY_ONLY, ALLOW_ANY", issue.Message);
    }

    [Fact]
    public void WrongTypes_InMapsAndLists_NameTheItem()
    {
        var issues = OperatorValidator.ValidateMeshConfig(Mesh("localityLbSetting:\n  distribute:\n  - to:\n      a: -1\ndefaultProviders:\n  tracing: [1]"), "spec.meshConfig", null);
        Assert.Equal(new[] { "spec.meshConfig.localityLbSetting.distribute[0].to.a", "spec.meshConfig.defaultProviders.tracing[0]" }, issues.Select(i => i.FieldPath));
        Assert.All(issues, i => Assert.Equal("IstioOperatorWrongType", i.ErrorId));
    }

    [Fact]
    public void Force_TurnsMeshConfigErrorsIntoWarnings()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("bad-mesh.yaml", Head + "spec:\n  meshConfig:\n    accessLogEncoding: json\n    connectTimeout: 1m\n");
        var request = new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file }, ManifestsPath = m.Root };
        var e = Assert.Throws<IstioOperatorException>(() => OperatorConfigBuilder.Build(request, NullMeshHost.Instance));
        Assert.Equal(2, e.Issues.Count);

        var host = new RecordingHost();
        var forced = OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, Files = request.Files, ManifestsPath = m.Root, Force = true }, host);
        Assert.Equal(new[] { "spec.meshConfig.accessLogEncoding", "spec.meshConfig.connectTimeout" }, forced.Warnings.Where(w => w.ErrorId != "DevelopmentImages").Select(w => w.FieldPath));
        Assert.Equal(2, host.Warnings.Count(w => w.Contains("-Force", StringComparison.Ordinal)));
    }

    [Fact]
    public void ValuesMeshConfig_IsCheckedToo()
    {
        using var m = new TestManifests();
        var file = m.WriteFile("values-mesh.yaml", Head + "spec:\n  values:\n    meshConfig:\n      defaultConfig:\n        discoveryAddress: istiod\n");
        var e = Assert.Throws<IstioOperatorException>(() => OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, Files = new[] { file }, ManifestsPath = m.Root }, NullMeshHost.Instance));
        Assert.Equal("IstioOperatorInvalidValue", e.ErrorId);
        Assert.Equal("spec.values.meshConfig.defaultConfig.discoveryAddress", e.Issues[0].FieldPath);
        Assert.Equal(7, e.Issues[0].Line);
    }

    /// <summary>istioctl turns --set values under proxyMetadata into strings before validating (convertIOPMapValues).</summary>
    [Fact]
    public void SetProxyMetadataNumber_IsAString_NotAnError()
    {
        using var m = new TestManifests();
        var merged = OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, ManifestsPath = m.Root, SetValues = new[] { "meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE=true", "meshConfig.defaultConfig.proxyMetadata.N=3" } }, NullMeshHost.Instance);
        Assert.True(TreeOps.TryFind(merged.IstioOperator, "spec.meshConfig.defaultConfig.proxyMetadata.N", out var n));
        Assert.Equal("3", n);
    }

    private static Dictionary<string, object?> Mesh(string yaml) =>
        (Dictionary<string, object?>)GoYaml.Parse(yaml, new YamlReadOptions { SourceName = "t.yaml", NumberMode = YamlNumberMode.Json })!;

    private static TheoryData<string> Files(Func<string> folder)
    {
        var data = new TheoryData<string>();
        if (SharedData.Path == null) { data.Add("none"); return data; }
        foreach (var f in Directory.GetFiles(folder(), "*.yaml").OrderBy(f => f, StringComparer.Ordinal)) data.Add(f);
        return data;
    }

    private static string WriteTemp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "meshops-mesh-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "build.ps1"))) return dir.FullName;
        throw new DirectoryNotFoundException("no build.ps1 above " + source);
    }

    private sealed class RecordingHost : IMeshHost
    {
        public List<string> Warnings { get; } = new();
        public void WriteVerbose(string message) { }
        public void WriteWarning(string message) => Warnings.Add(message);
        public void WriteDebug(string message) { }
        public void WriteProgress(MeshProgress progress) { }
    }
}
