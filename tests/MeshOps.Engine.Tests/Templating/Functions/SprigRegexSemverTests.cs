namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>Go regexp (RE2) semantics on .NET, and Masterminds/semver constraints.</summary>
public class SprigRegexSemverTests
{
    [Theory]
    [InlineData("{{ regexMatch \"^[a-z]+\\\\d$\" \"abc1\" }}", "true")]
    [InlineData("{{ regexMatch \"^abc$\" \"abc\\n\" }}", "false")]
    [InlineData("{{ regexMatch \"(?m)^b$\" \"a\\nb\\nc\" }}", "true")]
    [InlineData("{{ regexMatch \"^\\\\d+$\" \"\u0661\u0662\" }}", "false")]
    [InlineData("{{ regexMatch \"^\\\\w+$\" \"h\u00e9\" }}", "false")]
    // RE2: a '-' after a class escape is literal (redis-ha's masterGroupName check); verified with helm.
    [InlineData("{{ regexMatch \"^[\\\\w-\\\\.]+$\" \"a-b.c\" }} {{ regexMatch \"^[\\\\d-z]+$\" \"-\" }} {{ regexMatch \"^[[:alpha:]-1]+$\" \"-\" }} {{ regexMatch \"^[\\\\pL-1]+$\" \"-\" }}", "true true true true")]
    [InlineData("{{ regexMatch \"^[[:alpha:]]+$\" \"abc\" }}", "true")]
    [InlineData("{{ regexMatch \"^\\\\pL+$\" \"h\u00e9\" }}", "true")]
    [InlineData("{{ regexMatch \"a(\" \"a\" }}", "false")]
    [InlineData("{{ regexFind \"[a-z]+\" \"123abc456def\" }}", "abc")]
    [InlineData("{{ regexFind \"x\" \"abc\" }}", "")]
    [InlineData("{{ regexFindAll \"[a-z]\" \"abcd\" 2 }}", "[a b]")]
    [InlineData("{{ regexFindAll \"[a-z]\" \"abcd\" -1 }}", "[a b c d]")]
    [InlineData("{{ regexFindAll \"[a-z]\" \"abcd\" 0 }}", "[]")]
    [InlineData("{{ regexFindAll \"a*\" \"baaac\" -1 | len }}", "3")]
    [InlineData("{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}", "-W-xxW-")]
    [InlineData("{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1W\" }}", "---")]
    [InlineData("{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1\" }}", "--xx-")]
    [InlineData("{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$$1\" }}", "-$1-$1-")]
    [InlineData("{{ regexReplaceAll \"(?P<first>\\\\w+) (?P<last>\\\\w+)\" \"John Smith\" \"${last}, ${first}\" }}", "Smith, John")]
    [InlineData("{{ regexReplaceAll \"a*\" \"baaac\" \"-\" }}", "-b-c-")]
    [InlineData("{{ regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"${1}\" }}", "-${1}-${1}-")]
    [InlineData("{{ regexSplit \"z+\" \"pizza\" -1 }}", "[pi a]")]
    [InlineData("{{ regexSplit \"a*\" \"abaabaccadaaae\" 5 }}", "[ b b c cadaaae]")]
    [InlineData("{{ regexSplit \"x\" \"\" -1 | len }}", "1")]
    [InlineData("{{ regexSplit \"\" \"abc\" -1 }}", "[a b c]")]
    [InlineData("{{ regexSplit \"/\" \"a/b/c\" 2 }}", "[a b/c]")]
    [InlineData("{{ regexQuoteMeta \"1.5-2.0?\" }}", "1\\.5-2\\.0\\?")]
    [InlineData("{{ regexFind \"\\\\Qa.b\\\\E\" \"xa.by\" }}", "a.b")]
    [InlineData("{{ regexFind \"\\\\x{41}+\" \"xAAy\" }}", "AA")]
    [InlineData("{{ regexMatch \"^\\\\s$\" \"\\v\" }}", "false")]
    [InlineData("{{ regexMatch \"^[\\\\s]+$\" \" \\t\" }}", "true")]
    [InlineData("{{ regexMatch \"^[^\\\\d]+$\" \"abc\" }}", "true")]
    [InlineData("{{ regexMatch \"^[]a]+$\" \"]a\" }}", "true")]
    [InlineData("{{ regexMatch \"(?i)^ABC$\" \"abc\" }}", "true")]
    [InlineData("{{ regexMatch \"(?s)^a.b$\" \"a\\nb\" }}", "true")]
    [InlineData("{{ regexMatch \"^a.b$\" \"a\\nb\" }}", "false")]
    [InlineData("{{ regexReplaceAll \"(?m)$\" \"a\\nb\" \";\" }}", "a;\nb;")]
    [InlineData("{{ regexReplaceAll \"[.]\" \"1.2.3\" \"-\" }}", "1-2-3")]
    public void Regex_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Invalid_patterns_fail_as_go_reports_them()
    {
        Assert.StartsWith("error parsing regexp: ", CallFails("mustRegexMatch", "a(", "a"));
        Assert.StartsWith("regexp: Compile(`a(`): error parsing regexp: ", CallFails("regexFind", "a(", "a"));
        Assert.Equal("error parsing regexp: invalid or unsupported Perl syntax: `(?=`", CallFails("mustRegexFind", "a(?=b)", "ab"));
        Assert.Equal("error parsing regexp: invalid escape sequence: `\\1`", CallFails("mustRegexReplaceAll", "(a)\\1", "aa", "x"));
    }

    [Theory]
    [InlineData(">= 1.2.3", "1.2.3", true)]
    [InlineData(">1.2.3", "1.2.3", false)]
    [InlineData("^1.2.3", "1.9.0", true)]
    [InlineData("^1.2.3", "2.0.0", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("~1", "1.9.9", true)]
    [InlineData("1.2.x", "1.2.5", true)]
    [InlineData("1.2.x", "1.3.0", false)]
    [InlineData("1.2", "1.2.7", true)]
    [InlineData("*", "3.0.0", true)]
    [InlineData("*", "1.0.0-alpha", false)]
    [InlineData("1.2 - 1.4.5", "1.4.5", true)]
    [InlineData("1.2 - 1.4.5", "1.4.6", false)]
    [InlineData(">=1.21-0", "v1.27.3-gke.100", true)]
    [InlineData(">=1.21", "v1.27.3-gke.100", false)]
    [InlineData(">=1.21-0", "v1.20.15", false)]
    [InlineData("<1.19", "v1.27.0", false)]
    [InlineData("<1.19", "v1.18.2", true)]
    [InlineData(">= 1.1, < 1.3", "1.2.0", true)]
    [InlineData(">= 1.1 < 1.3", "1.3.0", false)]
    [InlineData("1.1 || 1.3", "1.3.4", true)]
    [InlineData("!=1.2.3", "1.2.4", true)]
    [InlineData("!=1.2.3", "1.2.3", false)]
    [InlineData(">1.2", "1.3.0", true)]
    [InlineData(">1.2", "1.2.9", false)]
    [InlineData("<=1.2", "1.2.9", true)]
    [InlineData("<=1.2", "1.3.0", false)]
    [InlineData("=1.2.3-beta.2", "1.2.3-beta.2", true)]
    [InlineData(">1.2.3-alpha.2", "1.2.3-alpha.10", true)]
    [InlineData(">1.2.3-alpha", "1.2.3-beta", true)]
    [InlineData("<1.2.3", "1.2.3-beta", false)]
    [InlineData("<1.2.3-0", "1.2.3-beta", false)]
    public void SemverCompare_follows_masterminds_semver(string constraint, string version, bool expected)
    {
        Assert.Equal(expected, Call("semverCompare", constraint, version));
    }

    [Fact]
    public void SemverCompare_reports_bad_input()
    {
        Assert.Equal("improper constraint: badConstraint", CallFails("semverCompare", "badConstraint", "1.2.3"));
        Assert.Equal("invalid semantic version", CallFails("semverCompare", "1.2.0", "badVersion"));
        Assert.Equal("version segment starts with 0", CallFails("semver", "1.2.3-01"));
    }

    [Fact]
    public void SemverCompare_parses_each_text_once_and_never_keeps_failures()
    {
        // Constraints and versions of semverCompare are cached by text; the answers stay those of fresh parses.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(true, Call("semverCompare", ">=1.21-0", "v1.27.0"));
            Assert.Equal(false, Call("semverCompare", ">=1.21-0", "v1.20.0"));
            Assert.Equal("improper constraint: badConstraint", CallFails("semverCompare", "badConstraint", "1.2.3"));
        }
        Assert.Same(MeshOps.Engine.Versions.SemVersionConstraint.ParseCached(">=1.21-0"),
            MeshOps.Engine.Versions.SemVersionConstraint.ParseCached(">=1.21-0"));
        // The semver function still makes a new version each time (Go returns a new pointer).
        Assert.Equal("false", Render("{{ eq (semver \"1.2.3\") (semver \"1.2.3\") }}"));
    }

    [Theory]
    [InlineData("{{ (semver \"1.2.3-beta.1+b5\").Prerelease }}", "beta.1")]
    [InlineData("{{ (semver \"v1.2.3-beta.1+b5\").Metadata }}", "b5")]
    [InlineData("{{ (semver \"1.2\").Major }}.{{ (semver \"1.2\").Minor }}.{{ (semver \"1.2\").Patch }}", "1.2.0")]
    [InlineData("{{ semver \"v1.2\" }}", "1.2.0")]
    [InlineData("{{ (semver \"v1.2\").Original }}", "v1.2")]
    [InlineData("{{ (semver \"1.2.3\").Compare (semver \"1.2.4\") }}", "-1")]
    [InlineData("{{ (semver \"1.3.0\").GreaterThan (semver \"1.2.4\") }}", "true")]
    [InlineData("{{ typeOf (semver \"1.0.0\") }}", "*semver.Version")]
    public void Semver_objects(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
