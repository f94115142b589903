using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// .Capabilities as Helm 4.1.4's helm template gives them, pinned without the helm binary: its BuildInfo, its
/// default Kubernetes version and API versions, --kube-version parsing and --api-versions splitting.
/// </summary>
public class HelmCapabilitiesTests
{
    private static string Render(string template, RenderOptions? options = null)
    {
        using var chart = new TempChart("caps");
        chart.Write("templates/t.yaml", template);
        var result = HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), options ?? new RenderOptions());
        return result.Templates.Single(t => t.Path.EndsWith("t.yaml", StringComparison.Ordinal)).Content;
    }

    [Fact]
    public void Defaults_are_helm_4_1_4s()
    {
        Assert.Equal("v1.35.0|v1.35.0|1|35|57",
            Render("{{ .Capabilities.KubeVersion }}|{{ .Capabilities.KubeVersion.Version }}|{{ .Capabilities.KubeVersion.Major }}|{{ .Capabilities.KubeVersion.Minor }}|{{ len .Capabilities.APIVersions }}"));
        Assert.Equal("version.BuildInfo{Version:\"v4.1.4\", GitCommit:\"05fa37973dc9e42b76e1d2883494c87174b6074f\", GitTreeState:\"clean\", GoVersion:\"go1.25.9\", KubeClientVersion:\"v1.35\"}",
            Render("{{ printf \"%#v\" .Capabilities.HelmVersion }}"));
        Assert.Equal("*common.Capabilities common.KubeVersion common.VersionSet version.BuildInfo",
            Render("{{ typeOf .Capabilities }} {{ typeOf .Capabilities.KubeVersion }} {{ typeOf .Capabilities.APIVersions }} {{ typeOf .Capabilities.HelmVersion }}"));
    }

    [Fact]
    public void Default_api_versions_are_client_go_0_35s_in_priority_order()
    {
        var versions = HelmBuild.Helm4_1_4.DefaultApiVersions;
        Assert.Equal(57, versions.Count);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.Equal(new[] { "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1" }, versions.Take(3));
        Assert.Equal(new[] { "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1" }, versions.TakeLast(3));
        foreach (var v in new[] { "coordination.k8s.io/v1alpha2", "flowcontrol.apiserver.k8s.io/v1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2", "resource.k8s.io/v1alpha3" })
            Assert.Contains(v, versions);
        // Gone from client-go since v0.27 (istioctl's list still has them).
        foreach (var v in new[] { "flowcontrol.apiserver.k8s.io/v1alpha1", "networking.k8s.io/v1alpha1", "resource.k8s.io/v1alpha2" })
            Assert.DoesNotContain(v, versions);
        var list = versions.ToList();
        Assert.Equal(list.IndexOf("resource.k8s.io/v1") + 1, list.IndexOf("resource.k8s.io/v1beta2"));
    }

    [Theory]
    // --kube-version, Version, String(), Major, Minor
    [InlineData("1.27.3", "v1.27.3", "v1.27.3", "1", "27")]
    [InlineData("v1.27.3-gke.100", "v1.27.3-gke.100", "v1.27.3", "1", "27")]
    [InlineData("1.27", "v1.27", "v1.27", "1", "27")]
    [InlineData("v1.27.3-gke.100+build.5", "v1.27.3-gke.100+build.5", "v1.27.3", "1", "27")]
    [InlineData("1.27.x", "v1.27.x", "v1.27", "1", "27")]
    [InlineData("1.027.03", "v1.027.03", "v1.27.3", "1", "27")]
    [InlineData("2.3.4.5", "v2.3.4.5", "v2.3.4.5", "2", "3")]
    [InlineData(" 1.20.1", "v 1.20.1", "v1.20.1", "1", "20")]
    [InlineData("18446744073709551615.1", "v18446744073709551615.1", "v18446744073709551615.1", "18446744073709551615", "1")]
    public void Kube_version_is_read_as_helm_4_reads_it(string text, string version, string normalized, string major, string minor)
    {
        var kube = HelmKubeVersion.Parse(text);
        Assert.Equal((version, normalized, major, minor), (kube.Version, kube.ToString(), kube.Major, kube.Minor));
        Assert.Equal(normalized + "|" + version, Render("{{ .Capabilities.KubeVersion }}|{{ .Capabilities.KubeVersion.GitVersion }}", new RenderOptions { KubeVersion = text }));
    }

    [Theory]
    [InlineData("1", "illegal version string \"1\"")]
    [InlineData("abc", "could not parse \"abc\" as version")]
    [InlineData("V1.27", "could not parse \"V1.27\" as version")]
    [InlineData("1.27\n", "could not parse \"1.27\\n\" as version")]
    [InlineData("01.27", "illegal zero-prefixed version component \"01\" in \"01.27\"")]
    [InlineData("1..2", "illegal version string \"1..2\"")]
    [InlineData("18446744073709551616.1", "illegal non-numeric version component \"18446744073709551616\" in \"18446744073709551616.1\": strconv.ParseUint: parsing \"18446744073709551616\": value out of range")]
    public void Invalid_kube_versions_fail_in_apimachinerys_words(string text, string reason)
    {
        var e = Assert.Throws<MeshException>(() => Render("x: 1\n", new RenderOptions { KubeVersion = text }));
        Assert.Equal("KubeVersionInvalid", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        Assert.Equal($"invalid kube version '{text}': {reason}; give one such as v1.27.3", e.Message);
    }

    [Fact]
    public void Api_versions_follow_the_built_in_ones_in_order_with_duplicates()
    {
        var options = new RenderOptions { ApiVersions = HelmStringSlice.ApiVersions(new[] { "foo/v1/Bar,x/v2", "apps/v1" }) };
        Assert.Equal("60 foo/v1/Bar,x/v2,apps/v1 false true true",
            Render("{{ len .Capabilities.APIVersions }} {{ slice .Capabilities.APIVersions 57 | join \",\" }} {{ .Capabilities.APIVersions.Has \"foo/v1\" }} " +
                   "{{ .Capabilities.APIVersions.Has \"foo/v1/Bar\" }} {{ .Capabilities.APIVersions.Has \"x/v2\" }}", options));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a/v1", new[] { "a/v1" })]
    [InlineData("a/v1,b/v1", new[] { "a/v1", "b/v1" })]
    [InlineData("a,,b", new[] { "a", "", "b" })]
    [InlineData(",", new[] { "", "" })]
    [InlineData(" x/v1 , y ", new[] { " x/v1 ", " y " })]
    [InlineData("\"a,b/v1\",c/v1", new[] { "a,b/v1", "c/v1" })]
    [InlineData("\"a\"\"b\",c", new[] { "a\"b", "c" })]
    [InlineData("\"a\",", new[] { "a", "" })]
    [InlineData("a\nb", new[] { "a" })]
    [InlineData("\na,b", new[] { "a", "b" })]
    [InlineData("\"a\nb\",c", new[] { "a\nb", "c" })]
    [InlineData("a\r\nb", new[] { "a" })]
    public void Api_versions_values_split_as_pflag_string_slices(string value, string[] expected) =>
        Assert.Equal(expected, HelmStringSlice.Split(value));

    [Theory]
    [InlineData("a\"b", "parse error on line 1, column 2: bare \" in non-quoted-field")]
    [InlineData("é\"", "parse error on line 1, column 3: bare \" in non-quoted-field")]
    [InlineData(" \"a\"", "parse error on line 1, column 2: bare \" in non-quoted-field")]
    [InlineData("\"a\"b", "parse error on line 1, column 3: extraneous or missing \" in quoted-field")]
    [InlineData("\"ab", "parse error on line 1, column 4: extraneous or missing \" in quoted-field")]
    [InlineData("x/v1,\"a\"b", "parse error on line 1, column 8: extraneous or missing \" in quoted-field")]
    [InlineData("\"a\nb", "record on line 1; parse error on line 2, column 2: extraneous or missing \" in quoted-field")]
    public void Api_versions_values_that_are_not_csv_fail(string value, string reason)
    {
        var e = Assert.Throws<MeshException>(() => HelmStringSlice.ApiVersions(new[] { "ok/v1", value }));
        Assert.Equal(ChartErrors.ApiVersionsInvalid, e.ErrorId);
        Assert.Contains(": " + reason + "; separate versions with commas", e.Message);
    }
}
