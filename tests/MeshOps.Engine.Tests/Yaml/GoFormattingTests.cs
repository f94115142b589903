using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>Go's strconv float formatting, go-yaml's key order and resolver details used by the emitter.</summary>
public class GoFormattingTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(100000.0, "100000")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(123456789.0, "1.23456789e+08")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e100, "1e+100")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void FormatGShortest64(double value, string expected) => Assert.Equal(expected, GoNumbers.FormatG(value));

    [Theory]
    [InlineData(1e36, "1e+36")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789.0, "1.2345679e+08")]
    [InlineData(3.4028234663852886e38, "3.4028235e+38")]
    public void FormatGShortest32(double value, string expected) => Assert.Equal(expected, GoNumbers.FormatG(value, float32: true));

    [Fact]
    public void GoYamlSortedOutputOrderForStrings()
    {
        // The string part of go-yaml v2 encode_test.go TestSortedOutput, in its expected order.
        var order = new[]
        {
            "", ".1", ".2", ".a", "1", "2", "a!10", "a/0001", "a/002", "a/3", "a/10", "a/11", "a/0012", "a/100", "a~10",
            "ab/1", "b/1", "b/01", "b/2", "b/02", "b/3", "b/03", "b1", "b01", "b3", "c2.10", "c10.2", "d1", "d7", "d7abc",
            "d12", "d12a",
        };
        var shuffled = order.OrderBy(k => k.GetHashCode()).Reverse().ToList();
        Assert.Equal(order, GoKeyOrder.Sort(shuffled));
    }

    [Fact]
    public void LettersSortAfterOtherCharacters() =>
        Assert.Equal(new[] { "_x", "B", "Z", "a" }, GoKeyOrder.Sort(new List<string> { "a", "Z", "_x", "B" }));

    [Fact]
    public void SerializedKeysFollowGoYamlOrder()
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var k in new[] { "port10", "port9", "port100", "Port", "_p" }) map[k] = 1;
        Assert.Equal("_p: 1\nPort: 1\nport9: 1\nport10: 1\nport100: 1\n", GoYaml.Serialize(map));
    }

    [Theory]
    [InlineData("1:20", true)]
    [InlineData("190:20:30.15", true)]
    [InlineData("-1:2", true)]
    [InlineData("1_0:59", true)]
    [InlineData("1:60", false)]
    [InlineData("1:", false)]
    [InlineData("a:1", false)]
    [InlineData("1:2:", false)]
    public void Base60FloatsAreRecognized(string text, bool expected) => Assert.Equal(expected, GoResolver.IsBase60Float(text));

    [Theory]
    [InlineData("2001-12-14", true)]
    [InlineData("2001-12-14t21:59:43.10Z", true)]
    [InlineData("2001-12-14T21:59:43,5+05:30", true)]
    [InlineData("2001-12-14 21:59:43.10", true)]
    [InlineData("2001-1-1 1:2:3", true)]
    [InlineData("2001-12-14 21:59:43.10 -5", false)]
    [InlineData("2001-12-14T21:59:43", false)]
    [InlineData("2001-12-32", false)]
    [InlineData("2001-00-10", false)]
    [InlineData("2001-12-14 24:00:00", false)]
    [InlineData("20011-12-14", false)]
    [InlineData("2001-123-1", false)]
    public void TimestampsAsGoTimeParse(string text, bool expected) => Assert.Equal(expected, GoTimestamp.IsTimestamp(text));
}
