using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Operator;

public class ProfileCatalogTests
{
    public static TheoryData<string> ReleaseProfiles() => new() { "default", "minimal", "demo", "empty", "remote", "ambient", "external", "openshift", "preview" };

    [SharedFact]
    public void List_GivesTheNineReleaseProfiles()
    {
        var names = ProfileCatalog.List(SharedData.ReleaseManifests);
        Assert.Equal(new[] { "ambient", "default", "demo", "empty", "external", "minimal", "openshift", "preview", "remote" }, names);
    }

    [SharedTheory]
    [MemberData(nameof(ReleaseProfiles))]
    public void Dump_EveryReleaseProfile_ValidatesAndKeepsTheFoldersOwnImages(string profile)
    {
        var dump = ProfileCatalog.Dump(SharedData.ReleaseManifests, profile, SharedData.Release1185);
        Assert.Equal(profile, dump.Profile);
        // ../shared's copy comes from the source tree: its development hub stays; no release hub is laid over it.
        Assert.True(TreeOps.TryFind(dump.IstioOperator, "spec.hub", out var hub));
        Assert.Equal("gcr.io/istio-testing", hub);
        Assert.Contains("kind: IstioOperator", dump.Yaml);
        Assert.Contains("profile: " + profile, dump.Yaml);
    }

    [SharedFact]
    public void Dump_Demo_EnablesEgress_OverDefault()
    {
        var dump = ProfileCatalog.Dump(SharedData.ReleaseManifests, "demo", SharedData.Release1185);
        var spec = (Dictionary<string, object?>)dump.IstioOperator["spec"]!;
        Assert.Equal(true, OperatorSpec.Gateways(spec, ComponentCatalog.Egress)[0]!["enabled"]);
        Assert.True(OperatorSpec.IsComponentEnabled(spec, ComponentCatalog.Pilot));
    }

    private static readonly MeshOps.Engine.Releases.IstioVersion Release12810 = MeshOps.Engine.Releases.IstioVersion.Parse("1.28.10");
    private static string Manifests12810 => Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests");

    /// <summary>
    /// 1.24+ (no istioctl profile dump): the profile over default as MergeInputs reads it, without the values
    /// translateIstioOperatorToHelm derives from other fields.
    /// </summary>
    [SharedFact]
    public void Dump_1_24_and_later_is_the_profiles_content_without_translation_artefacts()
    {
        var dump = ProfileCatalog.Dump(Manifests12810, "minimal", Release12810);
        Assert.True(TreeOps.TryFind(dump.IstioOperator, "spec.hub", out var hub));
        Assert.Equal("gcr.io/istio-testing", hub);
        Assert.True(TreeOps.TryFind(dump.IstioOperator, "spec.values.global.istioNamespace", out _)); // the profile's own
        foreach (var derived in new[] { "spec.values.pilot", "spec.values.global.hub", "spec.values.global.tag" })
            Assert.False(TreeOps.TryFind(dump.IstioOperator, derived, out _), derived);
        Assert.Equal(Manifests12810, TreeOps.FindMap(dump.IstioOperator, "spec")!["installPackagePath"]);
        Assert.Equal("minimal", TreeOps.FindMap(dump.IstioOperator, "spec")!["profile"]);
    }

    /// <summary>The dump used as an install file merges to what the profile alone does, and edits to it take effect.</summary>
    [SharedFact]
    public void Dump_1_24_and_later_round_trips_as_an_install_file_and_an_enabled_component_reaches_the_values()
    {
        var dump = ProfileCatalog.Dump(Manifests12810, "minimal", Release12810);
        var file = Path.Combine(Path.GetTempPath(), "meshops-dump-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, dump.Yaml);
        try
        {
            var fromProfile = OperatorConfigBuilder.Build(new GenerateRequest { ManifestsPath = Manifests12810, Profile = "minimal", Version = Release12810 }, NullMeshHost.Instance);
            var fromDump = OperatorConfigBuilder.Build(new GenerateRequest { ManifestsPath = Manifests12810, Files = [file], Version = Release12810 }, NullMeshHost.Instance);
            Assert.Equal(GoYaml.Serialize(fromProfile.IstioOperator), GoYaml.Serialize(fromDump.IstioOperator));
            // Had the dump carried values.pilot.cni.enabled: false, the file's values would win over the component.
            var withCni = OperatorConfigBuilder.Build(new GenerateRequest
            {
                ManifestsPath = Manifests12810, Files = [file], SetValues = ["components.cni.enabled=true", "hub=example.com/istio"], Version = Release12810,
            }, NullMeshHost.Instance);
            Assert.Equal(true, TreeOps.FindMap(withCni.IstioOperator, "spec.values.pilot.cni")!["enabled"]);
            Assert.Equal("example.com/istio", TreeOps.FindMap(withCni.IstioOperator, "spec.values.global")!["hub"]);
        }
        finally { File.Delete(file); }
    }

    [SharedFact]
    public void UnknownProfile_ListsTheAvailableOnes()
    {
        var e = Assert.Throws<IstioOperatorException>(() => ProfileCatalog.Dump(SharedData.ReleaseManifests, "prod", SharedData.Release1185));
        Assert.Equal("ProfileNotFound", e.ErrorId);
        Assert.Contains("minimal", e.Message);
    }

    public static TheoryData<string> GoldenInputs()
    {
        var data = new TheoryData<string>();
        if (SharedData.Path == null) { data.Add("none"); return data; }
        foreach (var f in Directory.GetFiles(Path.Combine(SharedData.ManifestGenerate, "input"), "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    /// <summary>Every input of istioctl's own suite merges and validates, except the ones istioctl rejects too.</summary>
    [SharedTheory]
    [MemberData(nameof(GoldenInputs))]
    public void GoldenSuiteInputs_MergeAndValidate(string input)
    {
        var request = new GenerateRequest
        {
            Version = SharedData.Release1185,
            Files = new[] { Path.Combine(SharedData.ManifestGenerate, "input", input) },
            ManifestsPath = Path.Combine(SharedData.ManifestGenerate, "snapshot"),
        };
        switch (input)
        {
            case "multiple_iops.yaml":
                Assert.Equal("MultipleIstioOperators", Assert.Throws<IstioOperatorException>(() => OperatorConfigBuilder.Build(request, NullMeshHost.Instance)).ErrorId);
                break;
            case "flag_force.yaml":
                // istioctl's suite runs it with --force: values.global.badKey is an unknown field.
                var e = Assert.Throws<IstioOperatorException>(() => OperatorConfigBuilder.Build(request, NullMeshHost.Instance));
                Assert.Equal("IstioOperatorUnknownField", e.ErrorId);
                Assert.Equal(10, e.Issues[0].Line);
                var forced = OperatorConfigBuilder.Build(new GenerateRequest { Version = SharedData.Release1185, Files = request.Files, ManifestsPath = request.ManifestsPath, Force = true },
                    NullMeshHost.Instance);
                Assert.Single(forced.Warnings, w => w.ErrorId != "DevelopmentImages");
                break;
            default:
                var merged = OperatorConfigBuilder.Build(request, NullMeshHost.Instance);
                Assert.NotNull(merged.Spec);
                break;
        }
    }
}
