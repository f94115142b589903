using Xunit.Abstractions;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>istioctl 1.18.5's manifest-generate golden suite (../shared/istio/1.18.5/manifest-generate/cases.tsv).</summary>
public class GoldenSuiteTests
{
    private readonly ITestOutputHelper _output;

    public GoldenSuiteTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        if (SharedData.Path == null)
        {
            data.Add("(no shared data)");
            return data;
        }
        foreach (var c in GoldenSuite.LoadCases()) data.Add(c.Name);
        return data;
    }

    [SharedTheory]
    [MemberData(nameof(CaseNames))]
    public void Case(string name)
    {
        var c = GoldenSuite.LoadCases().Single(x => x.Name == name);
        var failure = GoldenSuite.Run(c);
        Assert.True(failure == null, $"{name}:\n{failure}");
    }

    /// <summary>Runs every case and reports how many pass; each case must end in a pass or a MeshException, never a crash.</summary>
    [SharedFact]
    public void Summary()
    {
        var cases = GoldenSuite.LoadCases();
        Assert.NotEmpty(cases);
        var passed = 0;
        foreach (var c in cases)
        {
            var failure = GoldenSuite.Run(c);
            if (failure == null) passed++;
            _output.WriteLine($"{(failure == null ? "PASS" : "FAIL")} {c.Name}{(failure == null ? "" : ": " + failure.Split('\n')[0])}");
        }
        _output.WriteLine($"golden cases passed: {passed} of {cases.Count}");
    }
}
