using System.Text.Json.Nodes;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Kube;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// Get-MeshRevision's Version and Profile: from MeshOps' install record when MeshOps installed the revision, else from
/// what istioctl or Helm left on the istiod Deployment and the installed-state; empty when nothing tells.
/// </summary>
public sealed class RevisionVersionTests : ClusterTestBase
{
    [SharedFact]
    public async Task TwoReleasesInstalled_EachRevisionShowsItsReleaseAndProfile()
    {
        using var cluster = new MeshCluster(Connect());
        var installer = new ControlPlaneInstaller(cluster, Host);
        async Task InstallAsync(GenerateRequest generate) => await installer.InstallAsync(new InstallRequest
        {
            Manifest = generate, SkipWait = true, PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(60),
        }, default);

        await InstallAsync(new GenerateRequest
        {
            Version = SharedData.Release1185, ManifestsPath = SharedData.ReleaseManifests, Profile = "minimal", Revision = "old",
        });
        // No profile given: the record says "default". A mirrored image with a build tag: the version comes from the record, not the tag.
        await InstallAsync(new GenerateRequest
        {
            Version = IstioVersion.Parse("1.28.10"),
            ManifestsPath = Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests"),
            Revision = "new",
            SetValues = new[] { "hub=registry.example.com/istio", "tag=build-42" },
        });

        var revisions = await new RevisionReader(cluster, Host).ListAsync(default);
        Assert.Equal(
            new[] { ("new", "1.28.10", "default", Installer.MeshOps), ("old", "1.18.5", "minimal", Installer.MeshOps) },
            revisions.Select(r => (r.Name, r.IstioVersion, r.Profile, r.Installer)));
        var image = Server.Objects.Get("apps/v1", "Deployment", "istio-system", "istiod-new")!
            .At("spec", "template", "spec", "containers") is JsonArray containers ? containers[0].Str("image") : null;
        Assert.Equal("registry.example.com/istio/pilot:build-42", image);
    }

    [Fact]
    public async Task RevisionsOthersInstalled_VersionFromImageTagOrLabels_ProfileFromInstalledState()
    {
        Seed("tagged", "docker.io/istio/pilot:1.20.8-distroless@sha256:" + new string('a', 64), null);
        Seed("labelled", "example.com/pilot:latest", "\"operator.istio.io/version\":\"1.22.8\"");
        Seed("charted", "example.com/pilot:latest", "\"app.kubernetes.io/version\":\"1.24.6\",\"app.kubernetes.io/managed-by\":\"Helm\"");
        Seed("unknown", "example.com/pilot:latest", null);
        // Charts from Istio's source tree say 1.0.0 whatever release they are: that tells nothing.
        Seed("development", "gcr.io/istio-testing/pilot:latest", "\"app.kubernetes.io/version\":\"1.0.0\"");
        SeedIstioOperatorCrd();
        SeedInstalledState("tagged", "demo");
        SeedInstalledState("labelled", null);
        using var cluster = new MeshCluster(Connect());

        var revisions = await new RevisionReader(cluster, Host).ListAsync(default);

        Assert.Equal(
            new[] { ("charted", "1.24.6", ""), ("development", "", ""), ("labelled", "1.22.8", "default"), ("tagged", "1.20.8", "demo"), ("unknown", "", "") },
            revisions.Select(r => (r.Name, r.IstioVersion, r.Profile)));
    }

    private void Seed(string revision, string image, string? extraLabels)
    {
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-system"}}""");
        var labels = $$"""{"app":"istiod","istio.io/rev":"{{revision}}"{{(extraLabels == null ? "" : "," + extraLabels)}}}""";
        Server.Objects.Seed($$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"istiod-{{{revision}}}","namespace":"istio-system","labels":{{{labels}}}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"istiod"}},"template":{"metadata":{"labels":{"app":"istiod"}},"spec":{"containers":[{"name":"discovery","image":"{{{image}}}"}]} } } }
            """);
    }

    private void SeedIstioOperatorCrd()
    {
        Server.Objects.Seed("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"istiooperators.install.istio.io"},
             "spec":{"group":"install.istio.io","scope":"Namespaced","names":{"plural":"istiooperators","singular":"istiooperator","kind":"IstioOperator","listKind":"IstioOperatorList"},
              "versions":[{"name":"v1alpha1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """);
        // The CRD is established after a short delay, longer on a loaded machine.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try { Server.Objects.List("install.istio.io/v1alpha1", "IstioOperator"); return; }
            catch (ArgumentException) { Thread.Sleep(10); }
        }
    }

    private void SeedInstalledState(string revision, string? profile)
    {
        var spec = new JsonObject { ["revision"] = revision };
        if (profile != null) spec["profile"] = profile;
        Server.Objects.Seed(new JsonObject
        {
            ["apiVersion"] = "install.istio.io/v1alpha1", ["kind"] = "IstioOperator",
            ["metadata"] = new JsonObject { ["name"] = "installed-state-" + revision, ["namespace"] = "istio-system" },
            ["spec"] = spec,
        });
    }
}
