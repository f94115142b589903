using MeshOps.Engine.Charts;
using MeshOps.Engine.Tests.Charts;
using MeshOps.Engine.Versions;

namespace MeshOps.Engine.Tests.Versions;

/// <summary>
/// The engine's one semantic version, as Masterminds/semver v3 reads and orders versions and checks constraints
/// (semver's own test tables, then Helm 4.1.4 itself for the constraint rules).
/// </summary>
public class SemVersionTests
{
    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("v1.2.3", "1.2.3")]
    [InlineData("1.2", "1.2.0")]
    [InlineData("v1", "1.0.0")]
    [InlineData("01.02.03", "1.2.3")] // v3.4 coerces leading zeros in the numbers (CoerceNewVersion, Helm keeps it on)
    [InlineData("1.02.3", "1.2.3")]
    [InlineData("1.2.03", "1.2.3")]
    [InlineData("v01.002.0003", "1.2.3")]
    [InlineData("00", "0.0.0")]
    [InlineData("1.02.3-0a+01", "1.2.3-0a+01")] // "0a" is no number, and metadata may start with 0
    [InlineData("1.2.3-beta.1+build.5", "1.2.3-beta.1+build.5")]
    [InlineData("1.2-rc.0", "1.2.0-rc.0")]
    public void NewVersion_reads_loosely_and_keeps_the_original(string text, string normalized)
    {
        var v = SemVersion.Parse(text);
        Assert.Equal(normalized, v.ToString());
        Assert.Equal(text, v.Original);
    }

    [Theory]
    [InlineData("", "invalid semantic version")]
    [InlineData("V1.2.3", "invalid semantic version")]
    [InlineData("1.2.3.4", "invalid semantic version")]
    [InlineData("1.2.3-01", "version segment starts with 0")] // coercion stops at the numbers: pre-release ones stay strict
    [InlineData("1.2.3-rc.01", "version segment starts with 0")]
    [InlineData("1.2.3-00.1", "version segment starts with 0")]
    [InlineData("01.2.3-rc.01", "version segment starts with 0")]
    [InlineData("1.2.3-a..b", "invalid semantic version")]
    [InlineData("18446744073709551616.0.0", "error parsing version segment: strconv.ParseUint: parsing \"18446744073709551616\": value out of range")]
    public void NewVersion_fails_with_the_library_text(string text, string error)
    {
        Assert.False(SemVersion.TryParse(text, out _, out var actual));
        Assert.Equal(error, actual);
        Assert.Equal(error, Assert.Throws<FormatException>(() => SemVersion.Parse(text)).Message);
    }

    [Theory]
    [InlineData("1.2.3", null)]
    [InlineData("1.2.3-rc.0+b.1", null)]
    [InlineData("v1.2.3", "invalid characters in version")]
    [InlineData("1.2", "invalid semantic version")]
    [InlineData("01.2.3", "version segment starts with 0")]
    [InlineData("1.02.3", "version segment starts with 0")]
    [InlineData("1.2.03", "version segment starts with 0")]
    [InlineData("1.2.3-rc.01", "version segment starts with 0")]
    [InlineData("1.2.3-0a+01", null)]
    [InlineData("1.2.3-", "invalid prerelease string")]
    [InlineData("1.2.3+", "invalid metadata string")]
    [InlineData("1..3", "strconv.ParseUint: parsing \"\": invalid syntax")]
    [InlineData("", "version string empty")]
    public void StrictNewVersion_takes_SemVer_2_only(string text, string? error)
    {
        Assert.Equal(error == null, SemVersion.TryParseStrict(text, out var v, out var actual));
        if (error == null) Assert.Equal(text, v!.ToString());
        else Assert.Equal(error, actual);
    }

    [Theory]
    [InlineData("1.2.3", "1.2.4", -1)]
    [InlineData("1.2.3-alpha", "1.2.3", -1)]
    [InlineData("1.2.3-alpha.1", "1.2.3-alpha.beta", -1)]
    [InlineData("1.2.3-rc.9", "1.2.3-rc.10", -1)]
    [InlineData("1.2.3-alpha", "1.2.3-alpha.1", -1)]
    [InlineData("1.2.3+a", "1.2.3+b", 0)]
    [InlineData("v2", "1.9.9", 1)]
    public void Orders_as_Compare(string a, string b, int expected)
    {
        Assert.Equal(expected, SemVersion.Parse(a).CompareTo(SemVersion.Parse(b)));
        Assert.Equal(-expected, SemVersion.Parse(b).CompareTo(SemVersion.Parse(a)));
    }

    [Fact]
    public void Increments_keep_the_v_of_the_original()
    {
        Assert.Equal("v1.2.4", SemVersion.Parse("v1.2.3").IncPatch().Original);
        Assert.Equal("1.2.3", SemVersion.Parse("1.2.3-rc.1+b").IncPatch().Original);
        Assert.Equal("v1.3.0", SemVersion.Parse("v1.2.3").IncMinor().Original);
        Assert.Equal("2.0.0", SemVersion.Parse("1.2.3").IncMajor().Original);
    }

    [Theory]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("~1", "1.9.0", true)]
    [InlineData("^1.2", "1.9.0", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("1.2 - 1.4.5", "1.4.5", true)]
    [InlineData("1.2 - 1.4.5", "1.4.6", false)]
    [InlineData(">1.x", "1.9.0", false)]
    [InlineData(">1.x", "2.0.0", true)]
    [InlineData("<=1.2.x", "1.2.9", true)]
    [InlineData("!=1.2.x", "1.2.5", false)]
    [InlineData("1.x || >=3", "3.1.0", true)]
    [InlineData(">= 1.2, < 2", "1.5.0", true)]
    [InlineData("*", "4.5.6", true)]
    [InlineData(">=1.21-0", "1.27.3-gke.100", true)]
    [InlineData(">=1.21", "1.27.3-gke.100", false)]
    [InlineData("^1.02.3", "1.2.4", true)] // a constraint's numbers go through NewVersion: leading zeros coerced
    [InlineData("~1.2.03", "1.2.9", true)]
    [InlineData("1.02.x", "1.2.9", true)]
    [InlineData("=1.2.03", "1.2.3", true)]
    [InlineData(">=01.2.3", "1.1.9", false)]
    public void Checks_constraints(string constraint, string version, bool expected)
    {
        Assert.Equal(expected, SemVersionConstraint.Parse(constraint).Check(SemVersion.Parse(version)));
    }

    [Theory]
    [InlineData(">=1.21-0, <1.30", "1.25.0-gke.1", true, false)]
    [InlineData(">=1.21-0 || <1.30", "1.25.0-gke.1", true, true)]
    [InlineData("!=1.2.3", "1.2.4-beta", false, true)]
    [InlineData("!=1.2.x", "1.2.4-beta", false, false)]
    public void A_pre_release_is_let_in_by_the_group_from_v3_4_and_by_the_comparison_before(
        string constraint, string version, bool current, bool v33)
    {
        var c = SemVersionConstraint.Parse(constraint);
        Assert.Equal(current, c.Check(SemVersion.Parse(version), SemverCompatibility.Current));
        Assert.Equal(v33, c.Check(SemVersion.Parse(version), SemverCompatibility.V3_3));
    }

    [Theory]
    [InlineData("badConstraint", "improper constraint: badConstraint")]
    [InlineData(">=1.2 ||", "improper constraint: ")]
    [InlineData("", "improper constraint: ")]
    [InlineData(">=1.2.3-01", "constraint parser error")] // the constraint regex lets it in, NewVersion does not
    [InlineData("1.2.3-rc.01 - 2", "constraint parser error")]
    public void Rejects_improper_constraints(string constraint, string error)
    {
        Assert.Equal(error, Assert.Throws<FormatException>(() => SemVersionConstraint.Parse(constraint)).Message);
        Assert.Null(SemVersionConstraint.TryParse(constraint));
    }

    private static readonly (string Constraint, string Version)[] HelmCases =
    {
        (">=1.21-0, <1.30", "1.25.0-gke.1"), (">=1.21-0, <1.30", "1.31.0-gke.1"), ("!=1.2.3", "1.2.4-beta"),
        ("~1.2.3", "1.2.9"), ("^0.2.3", "0.3.0"), ("1.2 - 1.4.5", "v1.4.5"), (">1.x", "1.9.0"), ("<=1.2.x", "1.2.9"),
        ("!=1.2.x", "1.2.5"), ("1.x || >=3", "3.1.0-rc.1"), ("1.x || >=3-0", "3.1.0-rc.1"), ("*", "01.02.03"),
    };

    /// <summary>Helm 4.1.4 (Masterminds/semver v3.4) answers semverCompare and the semver methods as we do.</summary>
    [HelmFact]
    public void Matches_helm_template()
    {
        var template = string.Concat(HelmCases.Select((c, i) => $"c{i}: {{{{ semverCompare {Quote(c.Constraint)} {Quote(c.Version)} }}}}\n")) +
            "inc: {{ (semver \"v1.2.3-rc.1\").IncPatch }} {{ (semver \"v1.2.3\").IncMinor.String }} {{ (semver \"1.2.3\").IncMajor.Major }}\n" +
            "orig: {{ (semver \"v1.2\").Original }} {{ (semver \"v1.2\").String }}\n";
        using var chart = new TempChart("semver");
        chart.Write("templates/t.yaml", template);
        AssertRendersAsHelm(chart);
    }

    /// <summary>IncPatch returns a Version value: Original is a pointer method, out of its reach (helm's error).</summary>
    [HelmFact]
    public void Pointer_methods_are_out_of_reach_of_an_incremented_value()
    {
        using var chart = new TempChart("semver");
        chart.Write("templates/t.yaml", "x: {{ (semver \"1.2.3\").IncPatch.Original }}\n");
        var (helm, ours) = FailsInBoth(chart, () => HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Contains("can't evaluate field Original in type semver.Version", helm.Stderr);
        Assert.Contains("can't evaluate field Original in type semver.Version", ours.Message);
    }

    private static readonly string[] ZeroPadded = { "1.02.3", "01.2.3", "1.2.03", "v01.002.0003", "00", "1.2.3-0a+01" };

    /// <summary>
    /// Helm 4.1.4 reads leading zeros in a version's numbers, as semver and as constraint, as the number (NewVersion
    /// coerces) and keeps the text as the original.
    /// </summary>
    [HelmFact]
    public void Leading_zeros_in_the_numbers_read_as_helm_template()
    {
        var template = string.Concat(ZeroPadded.Select((v, i) =>
            $"v{i}: {{{{ $v := semver {Quote(v)} }}}}{{{{ $v }}}} {{{{ $v.Original }}}} {{{{ semverCompare \">=1.2\" {Quote(v)} }}}}\n")) +
            "c: {{ semverCompare \"^1.02.3\" \"1.2.4\" }} {{ semverCompare \"1.02.x\" \"1.3.0\" }} {{ semverCompare \"=1.2.03\" \"1.2.3\" }}\n";
        using var chart = new TempChart("semver");
        chart.Write("templates/t.yaml", template);
        AssertRendersAsHelm(chart);
    }

    /// <summary>A pre-release number with a leading zero fails in Helm 4.1.4 with the library's text, as it does here.</summary>
    [HelmBinaryTheory]
    [InlineData("semver \"1.2.3-01\"", "error calling semver: version segment starts with 0")]
    [InlineData("semver \"1.2.3-rc.01\"", "error calling semver: version segment starts with 0")]
    [InlineData("semverCompare \">=1.2\" \"1.2.3-00.1\"", "error calling semverCompare: version segment starts with 0")]
    [InlineData("semverCompare \">=1.2.3-01\" \"1.2.3\"", "error calling semverCompare: constraint parser error")]
    public void A_pre_release_number_with_a_leading_zero_fails_as_in_helm_template(string call, string error)
    {
        using var chart = new TempChart("semver");
        chart.Write("templates/t.yaml", $"x: {{{{ {call} }}}}\n");
        var (helm, ours) = FailsInBoth(chart, () => HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Contains(error, helm.Stderr);
        Assert.Contains(error, ours.Message);
    }

    /// <summary>
    /// A chart's version is checked with NewVersion (Metadata.Validate's isValidSemver): zero-padded numbers load, a
    /// zero-padded pre-release number is invalid, in Helm 4.1.4 and here.
    /// </summary>
    [HelmBinaryTheory]
    [InlineData("01.02.03", null)]
    [InlineData("1.2.3-rc.01", "validation: chart.metadata.version \"1.2.3-rc.01\" is invalid")]
    public void A_chart_version_is_read_by_NewVersion_as_in_helm(string version, string? error)
    {
        using var chart = new TempChart("semver");
        chart.Write("Chart.yaml", $"apiVersion: v2\nname: semver\nversion: \"{version}\"\n");
        chart.Write("templates/t.yaml", "x: {{ .Chart.Version }}\n");
        if (error == null)
        {
            Assert.Contains("x: " + version, AssertRendersAsHelm(chart));
            return;
        }
        var (helm, ours) = FailsInBoth(chart, () => ChartLoader.Load(chart.Dir));
        Assert.Contains(error, helm.Stderr);
        Assert.Contains(error, ours.Message);
    }

    /// <summary>helm template of the chart and our render of it, which must be the same text; returns it.</summary>
    private static string AssertRendersAsHelm(TempChart chart)
    {
        var expected = HelmBinary.Run(new[] { "template", chart.Dir });
        var actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Equal(expected, actual);
        return actual;
    }

    /// <summary>helm template of the chart fails, and so does <paramref name="ours"/>: both failures, to compare.</summary>
    private static (HelmFailedException Helm, Exception Ours) FailsInBoth(TempChart chart, Func<object?> ours) =>
        (Assert.Throws<HelmFailedException>(() => HelmBinary.Run(new[] { "template", chart.Dir })), Assert.ThrowsAny<Exception>(ours));

    private static string Quote(string s) => "\"" + s + "\"";
}
