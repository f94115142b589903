namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>Helm 4's duration helpers.</summary>
public class HelmDurationTests
{
    [Theory]
    [InlineData("{{ mustToDuration \"1h30m\" }}", "1h30m0s")]
    [InlineData("{{ mustToDuration \"90\" }}", "1m30s")]
    [InlineData("{{ mustToDuration 90 }}", "1m30s")]
    [InlineData("{{ mustToDuration 1.5 }}", "1.5s")]
    [InlineData("{{ typeOf (mustToDuration \"1s\") }}", "time.Duration")]
    [InlineData("{{ durationSeconds \"1m30s\" }}", "90")]
    [InlineData("{{ durationSeconds \"bad\" }}", "0")]
    [InlineData("{{ durationMilliseconds \"1.5s\" }}", "1500")]
    [InlineData("{{ durationMicroseconds \"1ms\" }}", "1000")]
    [InlineData("{{ durationNanoseconds \"1us\" }}", "1000")]
    [InlineData("{{ durationMinutes \"90s\" }}", "1.5")]
    [InlineData("{{ durationHours \"90m\" }}", "1.5")]
    [InlineData("{{ durationDays \"36h\" }}", "1.5")]
    [InlineData("{{ durationWeeks \"84h\" }}", "0.5")]
    [InlineData("{{ durationRoundTo \"1h29m31s\" \"1m\" }}", "1h30m0s")]
    [InlineData("{{ durationRoundTo \"-90s\" \"1m\" }}", "-2m0s")]
    [InlineData("{{ durationRoundTo \"90s\" \"bad\" }}", "1m30s")]
    [InlineData("{{ durationTruncateTo \"1h29m31s\" \"1h\" }}", "1h0m0s")]
    [InlineData("{{ durationTruncateTo \"bad\" \"1h\" }}", "0s")]
    public void Duration_helpers(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void MustToDuration_reports_bad_input()
    {
        Assert.Equal("could not parse duration \"soon\"", CallFails("mustToDuration", "soon"));
        Assert.Equal("empty duration", CallFails("mustToDuration", " "));
        Assert.Equal("invalid duration", CallFails("mustToDuration", new object?[] { null }));
        Assert.Equal("unsupported duration type []interface {}", CallFails("mustToDuration", List()));
    }

    [Fact]
    public void FromToml_reports_that_it_is_unsupported_in_the_error_key()
    {
        Assert.Contains("not supported", Render("{{ (fromToml \"a = 1\").Error }}"));
    }
}
