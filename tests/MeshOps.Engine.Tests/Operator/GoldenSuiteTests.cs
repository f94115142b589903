using Xunit.Abstractions;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>
/// istioctl's manifest-generate golden suites of every release in ../shared/istio (&lt;version&gt;/manifest-generate/cases.tsv),
/// through the engine. The Pester suite GoldenSuites.Tests.ps1 runs the same cases through Export-MeshManifest.
/// </summary>
public class GoldenSuiteTests
{
    private readonly ITestOutputHelper _output;

    public GoldenSuiteTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string> CaseNames()
    {
        var data = new TheoryData<string, string>();
        if (SharedData.Path == null)
        {
            data.Add("(no shared data)", "");
            return data;
        }
        foreach (var version in GoldenSuite.Versions)
            foreach (var c in GoldenSuite.LoadCases(version)) data.Add(version, c.Name);
        return data;
    }

    [SharedTheory]
    [MemberData(nameof(CaseNames))]
    public void Case(string version, string name)
    {
        var c = GoldenSuite.LoadCases(version).Single(x => x.Name == name);
        var failure = GoldenSuite.Run(c);
        Assert.True(failure == null, $"{version}/{name}:\n{failure}");
    }

    /// <summary>Runs every case and reports how many pass; each case must end in a pass or a MeshException, never a crash.</summary>
    [SharedFact]
    public void Summary()
    {
        foreach (var version in GoldenSuite.Versions)
        {
            var cases = GoldenSuite.LoadCases(version);
            Assert.NotEmpty(cases);
            var passed = 0;
            foreach (var c in cases)
            {
                var failure = GoldenSuite.Run(c);
                if (failure == null) passed++;
                _output.WriteLine($"{(failure == null ? "PASS" : "FAIL")} {c}{(failure == null ? "" : ": " + failure.Split('\n')[0])}");
            }
            _output.WriteLine($"{version}: golden cases passed: {passed} of {cases.Count}");
        }
    }
}
