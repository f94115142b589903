using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Tests.Kube;
using MeshOps.Engine.Yaml;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

public sealed class MeshConfigEditorTests : ClusterTestBase
{
    private const string Rev = "istio-1-18-5";

    private static Dictionary<string, object?> Mesh() => (Dictionary<string, object?>)GoYaml.Parse(MeshConfigDriftTests.ChartMesh)!;

    [Fact]
    public void Apply_changes_only_the_asked_key_and_serializes_every_other_line_unchanged()
    {
        var mesh = Mesh();
        var edit = Assert.Single(MeshConfigEditor.Apply(mesh, [new("enablePrometheusMerge", false)]));
        Assert.True(edit.Changed);
        Assert.Equal(true, edit.OldValue);
        var before = MeshConfigDriftTests.ChartMesh.Split('\n');
        var after = GoYaml.Serialize(mesh).TrimEnd('\n').Split('\n');
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(["enablePrometheusMerge: false"], after.Except(before).ToArray());
    }

    [Fact]
    public void Apply_reports_an_equal_value_as_unchanged_but_a_string_is_not_a_bool()
    {
        var mesh = Mesh();
        Assert.False(MeshConfigEditor.Apply(mesh, [new("accessLogFile", "/dev/stdout")]).Single().Changed);
        Assert.True(MeshConfigEditor.Apply(mesh, [new("enablePrometheusMerge", "true")]).Single().Changed);
        Assert.False(MeshConfigEditor.Apply(mesh, [new("defaultConfig.discoveryAddress", "istiod-istio-1-18-5.istio-1-18-5.svc:15012")]).Single().Changed);
    }

    [Fact]
    public void Apply_keeps_sibling_keys_when_setting_deep_paths_and_the_last_value_of_a_repeated_path_wins()
    {
        var mesh = Mesh();
        var edits = MeshConfigEditor.Apply(mesh, [new("defaultConfig.concurrency", 2), new("defaultConfig.concurrency", 4), new("unknownThing", null)]);
        Assert.Equal(2, edits.Count);
        Assert.Equal(4, edits[0].NewValue);
        Assert.False(edits[1].Changed); // removing an absent key changes nothing
        Assert.True(MeshConfigPaths.TryGet(mesh, "defaultConfig.tracing.zipkin.address", out _));
        Assert.True(MeshConfigPaths.TryGet(mesh, "defaultConfig.discoveryAddress", out _));
    }

    private static string Pod(string name, string revision, Dictionary<string, string> annotations, params (string Name, string Value)[] env)
    {
        var ann = new JsonObject { ["sidecar.istio.io/status"] = $$"""{"initContainers":["istio-init"],"containers":["istio-proxy"],"revision":"{{revision}}"}""" };
        foreach (var (k, v) in annotations) ann[k] = v;
        var envArray = new JsonArray(env.Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["value"] = e.Value }).ToArray());
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = "test", ["annotations"] = ann,
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = "web-5d9", ["uid"] = "u1", ["controller"] = true }),
            },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(
                new JsonObject { ["name"] = "app", ["image"] = "app" },
                new JsonObject { ["name"] = "istio-proxy", ["image"] = "proxyv2:1.18.5", ["env"] = envArray }) },
        }.ToJsonString();
    }

    private static readonly Dictionary<string, string> Merged = new()
    {
        ["prometheus.io/port"] = "15020", ["prometheus.io/path"] = "/stats/prometheus", ["prometheus.io/scrape"] = "true",
    };

    private void SeedRevision(bool withRecord, bool withState, string image = "docker.io/istio/pilot:1.18.5")
    {
        if (withState)
        {
            Server.Objects.Seed("""
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"istiooperators.install.istio.io"},
                 "spec":{"group":"install.istio.io","scope":"Namespaced","names":{"plural":"istiooperators","singular":"istiooperator","kind":"IstioOperator","listKind":"IstioOperatorList"},
                  "versions":[{"name":"v1alpha1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
                """);
            // The CRD is established after a short delay; a loaded CI machine can stretch it well past a second.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!Served() && DateTime.UtcNow < deadline) Thread.Sleep(10);
        }
        // The pods below name owners by a uid that does not exist; the simulated garbage collector would delete them
        // (as a real one would) at a moment that depends on machine load. Nothing here needs a controller after this.
        Server.Controllers.Enabled = false;
        Server.Objects.Seed($$$$$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{{{{Rev}}}}}}"}}""");
        Server.Objects.Seed($$$$$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"test"}}""");
        Server.Objects.Seed(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "istio-" + Rev, ["namespace"] = Rev, ["labels"] = new JsonObject { ["istio.io/rev"] = Rev } },
            ["data"] = new JsonObject { ["mesh"] = MeshConfigDriftTests.ChartMesh, ["meshNetworks"] = "networks: {}" },
        }.ToJsonString());
        Server.Objects.Seed($$$$$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"istiod-{{{{{{Rev}}}}}}","namespace":"{{{{{{Rev}}}}}}","labels":{"app":"istiod","istio.io/rev":"{{{{{{Rev}}}}}}"}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"istiod"}},"template":{"metadata":{"labels":{"app":"istiod"}},"spec":{"containers":[{"name":"discovery","image":"{{{{{{image}}}}}}"}]}}}}
            """);
        Server.Objects.Seed("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"test"},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"app"}]}}}}
            """);
        Server.Objects.Seed("""
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web-5d9","namespace":"test","ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"u0","controller":true}]},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"app"}]}}}}
            """);
        Server.Objects.Seed(Pod("merged", Rev, Merged, ("ISTIO_PROMETHEUS_ANNOTATIONS", """{"scrape":"true","path":"/metrics","port":"8080"}"""),
            ("PROXY_CONFIG", """{"discoveryAddress":"istiod-istio-1-18-5.istio-1-18-5.svc:15012","concurrency":2}""")));
        Server.Objects.Seed(Pod("own-choice", Rev, new() { ["prometheus.istio.io/merge-metrics"] = "true" }, ("PROXY_CONFIG", """{"concurrency":4}""")));
        Server.Objects.Seed(Pod("other-revision", "canary", Merged));
        if (withRecord)
        {
            var record = new InstallRecord
            {
                Revision = Rev, Namespace = Rev, Profile = "minimal", IstioVersion = "1.18.5", MeshOpsVersion = "0.1.0", InstalledAt = DateTimeOffset.UtcNow,
                IstioOperator = (Dictionary<string, object?>)GoYaml.Parse($"apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata:\n  namespace: {Rev}\nspec:\n  profile: minimal\n  revision: {Rev}\n  meshConfig:\n    accessLogFile: /dev/stdout\n")!,
            };
            Server.Objects.Seed(record.ToConfigMap().ToJsonString());
        }
        if (withState)
        {
            Server.Objects.Seed($$$$$$"""
                {"apiVersion":"install.istio.io/v1alpha1","kind":"IstioOperator","metadata":{"name":"installed-state-{{{{{{Rev}}}}}}","namespace":"{{{{{{Rev}}}}}}","annotations":{"install.istio.io/ignoreReconcile":"true"}},
                 "spec":{"profile":"minimal","revision":"{{{{{{Rev}}}}}}","meshConfig":{"accessLogFile":"/dev/stdout","enablePrometheusMerge":true,"defaultConfig":{"proxyMetadata":{}}}}}
                """);
        }
    }

    private bool Served()
    {
        try { Server.Objects.List("install.istio.io/v1alpha1", "IstioOperator"); return true; }
        catch (ArgumentException) { return false; }
    }

    private async Task<MeshConfigUpdateResult> SetAsync(bool dryRun = false, bool restart = false, params KeyValuePair<string, object?>[] settings)
    {
        using var connection = Connect();
        using var cluster = new MeshCluster(connection);
        return await new MeshConfigEditor(cluster, Host).SetAsync(new MeshConfigUpdate { Revision = Rev, Settings = settings, DryRun = dryRun, RestartWorkloads = restart }, default);
    }

    private string LiveMesh() => Get("v1", "ConfigMap", Rev, "istio-" + Rev)!["data"]!["mesh"]!.GetValue<string>();

    [Fact]
    public async Task Set_writes_one_key_keeps_the_rest_updates_record_and_installed_state_and_lists_affected_pods()
    {
        SeedRevision(withRecord: true, withState: true);
        Server.RequestLog.Clear();
        var result = await SetAsync(settings: new KeyValuePair<string, object?>("enablePrometheusMerge", false));

        var change = Assert.Single(result.Changes);
        Assert.True(change.Changed);
        Assert.Equal(MeshConfigTakesEffect.NextInjection, change.TakesEffect);
        Assert.Equal(["test/merged"], change.AffectedPods);
        Assert.True(result.RecordUpdated);
        Assert.Equal(MeshConfigDriftTests.ChartMesh.Replace("enablePrometheusMerge: true", "enablePrometheusMerge: false"), LiveMesh());
        var configMap = Get("v1", "ConfigMap", Rev, "istio-" + Rev)!;
        Assert.Equal("networks: {}", configMap["data"]!["meshNetworks"]!.GetValue<string>());
        Assert.Equal(Rev, configMap["metadata"]!["labels"]!["istio.io/rev"]!.GetValue<string>());
        // One write of the mesh ConfigMap (a merge patch), one apply of the record.
        Assert.Single(Server.RequestLog.Entries, r => r.Verb == "patch" && r.Name == "istio-" + Rev);
        Assert.Single(Server.RequestLog.Entries, r => r.Verb == "patch" && r.Name == "meshops-install-" + Rev);

        var record = InstallRecord.FromConfigMap(Get("v1", "ConfigMap", Rev, "meshops-install-" + Rev)!)!;
        Assert.Equal(false, record.MeshConfigChanges["enablePrometheusMerge"]);
        Assert.Equal(false, record.MeshConfig["enablePrometheusMerge"]);
        Assert.Equal("/dev/stdout", record.MeshConfig["accessLogFile"]);
        Assert.NotNull(record.MeshConfigChangedAt);
        var state = Get("install.istio.io/v1alpha1", "IstioOperator", Rev, "installed-state-" + Rev)!;
        Assert.False(state["spec"]!["meshConfig"]!["enablePrometheusMerge"]!.GetValue<bool>());
        Assert.Equal("/dev/stdout", state["spec"]!["meshConfig"]!["accessLogFile"]!.GetValue<string>());

        // The same change again writes nothing.
        Server.RequestLog.Clear();
        var again = await SetAsync(settings: new KeyValuePair<string, object?>("enablePrometheusMerge", false));
        Assert.False(Assert.Single(again.Changes).Changed);
        Assert.Equal(0, RealWrites());
    }

    [Fact]
    public async Task Dry_run_reports_and_writes_nothing()
    {
        SeedRevision(withRecord: true, withState: false);
        Server.RequestLog.Clear();
        var result = await SetAsync(dryRun: true, settings: [new("accessLogEncoding", "JSON"), new("defaultConfig.concurrency", 2)]);
        Assert.Equal(0, RealWrites());
        Assert.Equal(MeshConfigDriftTests.ChartMesh, LiveMesh());
        Assert.Equal(MeshConfigTakesEffect.Immediate, result.Changes[0].TakesEffect);
        Assert.Empty(result.Changes[0].AffectedPods);
        Assert.Equal(["test/own-choice"], result.Changes[1].AffectedPods); // PROXY_CONFIG concurrency 4, not 2
        Assert.False(result.RecordUpdated);
    }

    [Fact]
    public async Task A_revision_without_record_changes_the_live_config_only_and_restart_patches_the_owning_deployment()
    {
        SeedRevision(withRecord: false, withState: true);
        var result = await SetAsync(restart: true, settings: new KeyValuePair<string, object?>("enablePrometheusMerge", false));
        Assert.False(result.RecordUpdated);
        Assert.Null(Get("v1", "ConfigMap", Rev, "meshops-install-" + Rev));
        Assert.Contains("enablePrometheusMerge: false", LiveMesh());
        Assert.Equal(["Deployment test/web"], result.RestartedWorkloads);
        Assert.NotNull(Get("apps/v1", "Deployment", "test", "web")!["spec"]!["template"]!["metadata"]!["annotations"]!["kubectl.kubernetes.io/restartedAt"]);
    }

    [Fact]
    public async Task Drift_after_a_hand_edit_of_installed_state_and_none_after_Set()
    {
        SeedRevision(withRecord: true, withState: true);
        using var connection = Connect();
        using var cluster = new MeshCluster(connection);
        Assert.Empty(Assert.Single(await DriftFinder.ReadAsync(cluster, Host, Rev, default)).Drift);

        var state = Get("install.istio.io/v1alpha1", "IstioOperator", Rev, "installed-state-" + Rev)!;
        state["spec"]!["meshConfig"]!["enablePrometheusMerge"] = false;
        Server.Objects.Seed(state.ToJsonString());
        var drift = Assert.Single(Assert.Single(await DriftFinder.ReadAsync(cluster, Host, null, default)).Drift);
        Assert.Equal(DriftSource.InstalledState, drift.Source);
        Assert.Equal("enablePrometheusMerge", drift.Path);
        Assert.Equal(DriftFinder.InstalledStateMessage, drift.Message);

        await new MeshConfigEditor(cluster, Host).SetAsync(new MeshConfigUpdate { Revision = Rev, Settings = [new("enablePrometheusMerge", false)] }, default);
        Assert.Empty(Assert.Single(await DriftFinder.ReadAsync(cluster, Host, Rev, default)).Drift);
    }

    [Fact]
    public async Task An_unknown_or_mistyped_setting_is_refused_before_anything_is_written()
    {
        SeedRevision(withRecord: true, withState: false);
        Server.RequestLog.Clear();
        var e = await Assert.ThrowsAsync<MeshException>(() => SetAsync(settings: [new("enablePrometheusMerge", false), new("accessLogFormatt", "%START_TIME%"), new("defaultConfig.concurrency", "two")]));
        Assert.Equal("InvalidMeshConfigSetting", e.ErrorId);
        Assert.Contains("meshConfig.accessLogFormatt", e.Message);
        Assert.Contains("did you mean \"accessLogFormat\"", e.Message);
        Assert.Contains("meshConfig.defaultConfig.concurrency", e.Message);
        // The revision is read (its release decides what is valid); nothing is written.
        Assert.Equal(0, RealWrites());
        Assert.Equal(MeshConfigDriftTests.ChartMesh, LiveMesh());
    }

    private static readonly KeyValuePair<string, object?> ServerHeader = new("defaultConfig.proxyHeaders.server.disabled", true);

    [Fact]
    public async Task A_field_a_later_release_added_is_refused_on_an_older_revision_naming_that_release_and_nothing_is_written()
    {
        SeedRevision(withRecord: false, withState: false);
        Server.RequestLog.Clear();
        var e = await Assert.ThrowsAsync<MeshException>(() => SetAsync(settings: ServerHeader));
        Assert.Equal("InvalidMeshConfigSetting", e.ErrorId);
        Assert.Contains("meshConfig.defaultConfig.proxyHeaders", e.Message);
        Assert.Contains("Istio 1.19 added it, and these are Istio 1.18's rules", e.Message);
        Assert.Equal(0, RealWrites());
        Assert.Equal(MeshConfigDriftTests.ChartMesh, LiveMesh());
    }

    [Fact]
    public async Task The_revisions_release_decides_what_is_valid_read_from_istiods_image_without_a_record()
    {
        SeedRevision(withRecord: false, withState: false, image: "docker.io/istio/pilot:1.28.10-distroless");
        var result = await SetAsync(settings: ServerHeader);
        Assert.True(Assert.Single(result.Changes).Changed);
        Assert.Empty(result.Warnings);
        Assert.Contains("  proxyHeaders:\n    server:\n      disabled: true", LiveMesh());

        // A value of an enum a later release extended names that release too.
        var e = await Assert.ThrowsAsync<MeshException>(() => SetAsync(settings: new KeyValuePair<string, object?>("outboundTrafficPolicy.mode", "ALLOW_ANY_DYNAMIC_DNS")));
        Assert.Equal("InvalidMeshConfigSetting", e.ErrorId);
        Assert.Contains("Istio 1.30 added it, and these are Istio 1.28's rules", e.Message);

        // 1.24+ pass a mesh config field they do not know on (istioctl ignores it): a warning naming the likely field.
        var typo = await SetAsync(dryRun: true, settings: new KeyValuePair<string, object?>("accessLogFormatt", "x"));
        Assert.Contains(typo.Warnings, w => w.Contains("meshConfig.accessLogFormatt", StringComparison.Ordinal) && w.Contains("did you mean \"accessLogFormat\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_install_records_version_wins_over_the_image()
    {
        SeedRevision(withRecord: true, withState: false, image: "docker.io/istio/pilot:1.28.10");
        var e = await Assert.ThrowsAsync<MeshException>(() => SetAsync(settings: ServerHeader));
        Assert.Contains("Istio 1.19 added it", e.Message);
    }

    [Fact]
    public async Task A_revision_that_does_not_tell_its_release_is_checked_with_the_newest_rules_and_says_so()
    {
        SeedRevision(withRecord: false, withState: false, image: "example.com/istio/pilot:latest");
        var result = await SetAsync(settings: new KeyValuePair<string, object?>("outboundTrafficPolicy.mode", "ALLOW_ANY_DYNAMIC_DNS"));
        Assert.True(Assert.Single(result.Changes).Changed);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains($"Revision {Rev} does not tell its Istio release", warning);
        Assert.Contains($"Istio 1.{MeshOps.Engine.Operator.MeshConfigSchemaChanges.NewestMinor}'s mesh config rules", warning);
        Assert.Contains("mode: ALLOW_ANY_DYNAMIC_DNS", LiveMesh());
        // Still a check: what no release has is refused.
        var e = await Assert.ThrowsAsync<MeshException>(() => SetAsync(settings: new KeyValuePair<string, object?>("enablePrometheusMerge", "yes")));
        Assert.Equal("InvalidMeshConfigSetting", e.ErrorId);
    }

    [Fact]
    public async Task Missing_config_map_is_a_stable_error()
    {
        SeedRevision(withRecord: false, withState: false);
        Server.Objects.Delete("v1", "ConfigMap", Rev, "istio-" + Rev);
        var e = await Assert.ThrowsAsync<MeshException>(() => SetAsync(settings: new KeyValuePair<string, object?>("enablePrometheusMerge", false)));
        Assert.Equal("MeshConfigMapNotFound", e.ErrorId);
    }

    [Fact]
    public void Export_folds_recorded_changes_into_the_users_operator()
    {
        var record = new InstallRecord
        {
            Revision = Rev, Namespace = Rev, Profile = "minimal", IstioVersion = "1.18.5", MeshOpsVersion = "0", InstalledAt = DateTimeOffset.UnixEpoch,
            IstioOperator = (Dictionary<string, object?>)GoYaml.Parse("kind: IstioOperator\nspec:\n  profile: minimal\n")!,
            MeshConfigChanges = new Dictionary<string, object?> { ["enablePrometheusMerge"] = false, ["defaultConfig.concurrency"] = 2 },
        };
        Assert.Equal("kind: IstioOperator\nspec:\n  meshConfig:\n    defaultConfig:\n      concurrency: 2\n    enablePrometheusMerge: false\n  profile: minimal\n",
            GoYaml.Serialize(MeshConfigExporter.FromRecord(record)));
        Assert.False(record.IstioOperator.ContainsKey("meshConfig"));
    }
}
