using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>
/// The Kubernetes version istioctl 1.18.5 renders with: 1.24.0 without a cluster (manifest generate), the cluster's
/// /version as given with one (install); Helm's default API versions either way. The istio-discovery, gateway and CNI
/// charts branch on it (HPA and PDB apiVersion, the GKE CNI bin folder).
/// </summary>
public class KubeVersionRenderTests
{
    [Fact]
    public void WithoutCluster_CapabilitiesAreIstioctls_Kubernetes124_AndClientGo027Versions()
    {
        var caps = HelmBuiltins.CreateCapabilities(new HelmChartRenderer().Options("istio-system", default));
        Assert.Equal(("v1.24.0", "1", "24"), (caps.KubeVersion.Version, caps.KubeVersion.Major, caps.KubeVersion.Minor));
        Assert.Equal(53, caps.ApiVersions.Count);
        Assert.Equal(caps.ApiVersions.Count, caps.ApiVersions.Distinct().Count());
        foreach (var v in new[] { "v1", "policy/v1beta1", "autoscaling/v2beta2", "resource.k8s.io/v1alpha2", "flowcontrol.apiserver.k8s.io/v1beta3", "apiextensions.k8s.io/v1" })
            Assert.True(caps.ApiVersions.Has(v), v);
        // client-go v0.27 has no v1 of these (later releases do); a discovered cluster list is never used.
        Assert.False(caps.ApiVersions.Has("flowcontrol.apiserver.k8s.io/v1"));
        Assert.False(caps.ApiVersions.Has("admissionregistration.k8s.io/v1beta1/ValidatingAdmissionPolicy"));
    }

    [Fact]
    public void WithCluster_KubeVersionIsTheServersAsWritten()
    {
        var caps = HelmBuiltins.CreateCapabilities(new HelmChartRenderer(new KubernetesVersion("v1.27.3-eks-a5565ad", "1", "27+")).Options("istio-system", default));
        Assert.Equal(("v1.27.3-eks-a5565ad", "1", "27+"), (caps.KubeVersion.Version, caps.KubeVersion.Major, caps.KubeVersion.Minor));
        Assert.Equal(53, caps.ApiVersions.Count);
    }

    [Fact]
    public void Capabilities_are_istioctls_helm_3_structs()
    {
        var caps = HelmBuiltins.CreateCapabilities(new HelmChartRenderer(new KubernetesVersion("v1.27.3-eks-a5565ad", "1", "27+")).Options("istio-system", default));
        var text = Templating.Functions.FunctionTestHost.Render(
            "{{ .C.KubeVersion }}|{{ .C.KubeVersion.GitVersion }}|{{ printf \"%v %T %T\" .C.KubeVersion .C .C.APIVersions }}|{{ .C.HelmVersion }}|{{ .C.HelmVersion | toJson }}",
            Templating.Functions.FunctionTestHost.Map("C", caps));
        // Helm 3's KubeVersion prints its Version as given; no normalizedVersion, no KubeClientVersion.
        Assert.Equal("v1.27.3-eks-a5565ad|v1.27.3-eks-a5565ad|{v1.27.3-eks-a5565ad 1 27+} *chartutil.Capabilities chartutil.VersionSet|" +
            "{v3.12.3   go1.20.7}|{\"version\":\"v3.12.3\",\"go_version\":\"go1.20.7\"}", text);
    }

    public static TheoryData<string, string, string, string> Versions() => new()
    {
        // cluster gitVersion (or none), HPA apiVersion, PDB apiVersion, CNI bin dir
        { "", "autoscaling/v2", "policy/v1", "/opt/cni/bin" },
        { "v1.27.3-eks-a5565ad", "autoscaling/v2", "policy/v1", "/opt/cni/bin" },
        { "v1.22.17-gke.1900", "autoscaling/v2beta2", "policy/v1", "/home/kubernetes/bin" },
        { "v1.20.15", "autoscaling/v2beta2", "policy/v1beta1", "/opt/cni/bin" },
    };

    [SharedTheory]
    [MemberData(nameof(Versions))]
    public void ChartBranches_FollowTheVersion(string gitVersion, string hpa, string pdb, string cniBinDir)
    {
        var cluster = gitVersion.Length == 0 ? null : new KubernetesVersion(gitVersion, "1", gitVersion.Split('.')[1]);
        var manifest = ManifestGenerator.Generate(new GenerateRequest
        {
            Version = SharedData.Release1185,
            ManifestsPath = SharedData.ReleaseManifests,
            SetValues = new[] { "components.cni.enabled=true" },
            KubernetesVersion = cluster,
        }, NullMeshHost.Instance);

        Assert.Equal(hpa, manifest.Objects.Single(o => o.Kind == "HorizontalPodAutoscaler" && o.Name == "istiod").ApiVersion);
        Assert.Equal(pdb, manifest.Objects.Single(o => o.Kind == "PodDisruptionBudget" && o.Name == "istiod").ApiVersion);
        Assert.Equal(hpa, manifest.Objects.Single(o => o.Kind == "HorizontalPodAutoscaler" && o.Name == "istio-ingressgateway").ApiVersion);
        var cniConfig = manifest.Objects.Single(o => o.Kind == "ConfigMap" && o.Name == "istio-cni-config");
        Assert.Contains($"\"cni_bin_dir\": \"{cniBinDir}\"", (string)((Dictionary<string, object?>)cniConfig.Value["data"]!)["cni_network_config"]!);
    }
}
