using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>Dates (Go layouts, durations) and URLs. Only fixed instants and explicit zones: no test depends on the clock.</summary>
public class SprigDateUrlTests
{
    [Theory]
    [InlineData("{{ dateInZone \"2006-01-02T15:04:05Z07:00\" 1234567890 \"UTC\" }}", "2009-02-13T23:31:30Z")]
    [InlineData("{{ dateInZone \"Mon Jan _2 15:04:05 MST 2006\" 0 \"UTC\" }}", "Thu Jan  1 00:00:00 UTC 1970")]
    [InlineData("{{ dateInZone \"Monday, January 2, 2006 3:04:05 PM\" (int64 1234567890) \"UTC\" }}", "Friday, February 13, 2009 11:31:30 PM")]
    [InlineData("{{ dateInZone \"06/1/2 03pm .000 002 __2\" 1234567890 \"UTC\" }}", "09/2/13 11pm .000 044  44")]
    [InlineData("{{ dateInZone \"2006-01-02\" 1234567890 \"No/Such_Zone\" }}", "2009-02-13")]
    [InlineData("{{ htmlDateInZone 0 \"UTC\" }}", "1970-01-01")]
    [InlineData("{{ dateInZone \"15:04 -07:00\" 0 \"Asia/Kolkata\" }}", "05:30 +05:30")]
    [InlineData("{{ mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-13T23:31:30Z\" | unixEpoch }}", "1234567890")]
    [InlineData("{{ mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-14T01:31:30+02:00\" | unixEpoch }}", "1234567890")]
    [InlineData("{{ mustToDate \"2006-01-02 15:04:05.999999999 -0700 MST\" \"2009-02-13 23:31:30.5 +0000 UTC\" | unixEpoch }}", "1234567890")]
    [InlineData("{{ (mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-13T23:31:30.25Z\").UTC }}", "2009-02-13 23:31:30.25 +0000 UTC")]
    [InlineData("{{ toDate \"2006-01-02\" \"bad\" | unixEpoch }}", "-62135596800")]
    [InlineData("{{ duration \"95\" }}", "1m35s")]
    [InlineData("{{ duration (int64 3600) }}", "1h0m0s")]
    [InlineData("{{ duration 95 }}", "0s")]
    [InlineData("{{ duration \"0\" }}", "0s")]
    [InlineData("{{ durationRound \"2h10m5s\" }}", "2h")]
    [InlineData("{{ durationRound \"-3s\" }}", "3s")]
    [InlineData("{{ durationRound \"400h\" }}", "16d")]
    [InlineData("{{ durationRound \"9000h\" }}", "1y")]
    [InlineData("{{ durationRound \"1s\" }}", "0s")]
    [InlineData("{{ durationRound 12 }}", "0s")]
    public void Date_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void DateModify_adds_a_go_duration()
    {
        Assert.Equal("01:01:30",
            Render("{{ $t := mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-13T23:31:30Z\" }}{{ dateInZone \"15:04:05\" ($t | dateModify \"1h30m\") \"UTC\" }}"));
        Assert.Equal("23:31:29",
            Render("{{ $t := mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-13T23:31:30Z\" }}{{ dateInZone \"15:04:05\" ($t | dateModify \"-1s\") \"UTC\" }}"));
        Assert.Equal("23:31:30",
            Render("{{ $t := mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-13T23:31:30Z\" }}{{ dateInZone \"15:04:05\" ($t | dateModify \"bad\") \"UTC\" }}"));
    }

    [Fact]
    public void Bad_dates_and_durations_report_go_errors()
    {
        var t = (GoTime)Call("mustToDate", "2006-01-02", "2009-02-13")!;
        Assert.Equal("time: invalid duration \"bad\"", CallFails("mustDateModify", "bad", t));
        Assert.Equal("time: unknown unit \"d\" in duration \"1d\"", CallFails("mustDateModify", "1d", t));
        Assert.Equal("time: missing unit in duration \"1\"", CallFails("mustDateModify", "1", t));
        Assert.Equal("parsing time \"2009-13-01\" as \"2006-01-02\": cannot parse \"13-01\" as \"01\"", CallFails("mustToDate", "2006-01-02", "2009-13-01"));
        Assert.Equal("wrong type for value; expected time.Time; got string", CallFails("unixEpoch", "2009"));
    }

    [Fact]
    public void Go_time_methods_are_callable()
    {
        Assert.Equal("2009 13 44 10", Render("{{ $t := mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-13T10:00:00Z\" }}{{ $t.Year }} {{ $t.Day }} {{ $t.YearDay }} {{ $t.Hour }}"));
        Assert.Equal("time.Time", Render("{{ typeOf now }}"));
        Assert.Equal("February Friday 3", Render("{{ $t := mustToDate \"2006-01-02T15:04:05Z07:00\" \"2009-02-13T10:00:00Z\" }}{{ $t.Month }} {{ $t.Weekday }} {{ add1 $t.Month }}"));
    }

    [Fact]
    public void Ago_and_now_use_the_clock()
    {
        var text = Render("{{ ago (now | dateModify \"-90s\") }}");
        Assert.Matches("^1m3[01]s$", text);
    }

    [Fact]
    public void Duration_formatting_matches_go()
    {
        Assert.Equal("1.5s", GoDurationText(1_500_000_000));
        Assert.Equal("1.5ms", GoDurationText(1_500_000));
        Assert.Equal("1µs", GoDurationText(1_000));
        Assert.Equal("-2m3s", GoDurationText(-123_000_000_000));
        Assert.Equal("2562047h47m16.854775807s", GoDurationText(long.MaxValue));
    }

    private static string GoDurationText(long ns) => (string)typeof(GoTime).Assembly
        .GetType("MeshOps.Engine.Templating.Functions.GoDuration")!
        .GetMethod("Format")!.Invoke(null, new object[] { ns })!;

    [Theory]
    [InlineData("{{ (urlParse \"proto://auth@host:80/path?query#fragment\").host }}", "host:80")]
    [InlineData("{{ (urlParse \"proto://auth@host:80/path?query#fragment\").hostname }}", "host")]
    [InlineData("{{ urlParse \"https://u:p@example.com:8443/a%20b?x=1#frag\" }}",
        "map[fragment:frag host:example.com:8443 hostname:example.com opaque: path:/a b query:x=1 scheme:https userinfo:u:p]")]
    [InlineData("{{ (urlParse \"mailto:joe@example.com\").opaque }}", "joe@example.com")]
    [InlineData("{{ urlJoin (dict \"fragment\" \"fragment\" \"host\" \"host:80\" \"path\" \"/path\" \"query\" \"query\" \"scheme\" \"proto\") }}", "proto://host:80/path?query#fragment")]
    [InlineData("{{ urlJoin (dict \"host\" \"host\" \"path\" \"a b\" \"scheme\" \"http\" \"userinfo\" \"me\") }}", "http://me@host/a%20b")]
    [InlineData("{{ urlJoin (dict \"path\" \"a:b\") }}", "./a:b")]
    public void Url_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void UrlJoin_rejects_non_string_parts()
    {
        Assert.Equal("unable to parse host key, must be of type string, but int found", CallFails("urlJoin", Map("host", 1)));
    }

    [Fact]
    public void UrlParse_reports_bad_escapes()
    {
        Assert.Equal("unable to parse url: parse \"http://h/%zz\": invalid URL escape \"%zz\"", CallFails("urlParse", "http://h/%zz"));
    }
}
