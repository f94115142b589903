using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

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
