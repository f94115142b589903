using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Go strings as bytes: GoBytes' surrogate escape round-trips every byte sequence, and byte-level functions see the bytes.</summary>
public class GoBytesTests
{
    [Fact]
    public void Every_byte_sequence_round_trips()
    {
        var random = new Random(7);
        for (var n = 0; n < 200; n++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            Assert.Equal(data, GoBytes.Encode(GoBytes.Decode(data)));
            Assert.Equal(data.Length, GoBytes.ByteCount(GoBytes.Decode(data)));
        }
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        Assert.Equal(all, GoBytes.Encode(GoBytes.Decode(all)));
    }

    [Fact]
    public void Utf8_text_is_plain_text_and_invalid_bytes_are_escapes()
    {
        Assert.Equal("é€😀", GoBytes.Decode("é€😀"u8));
        var s = GoBytes.Decode(new byte[] { (byte)'a', 0xFF, 0xC3, (byte)'b', 0xE2, 0x82 });
        Assert.Equal("a\uDCFF\uDCC3b\uDCE2\uDC82", s);
        Assert.True(GoBytes.HasEscapes(s));
        Assert.False(GoBytes.HasEscapes("😀")); // a real pair is never an escape
        Assert.Equal(new byte[] { 0xEF, 0xBF, 0xBD }, GoBytes.Encode("\uDC00")); // another lone surrogate: U+FFFD
    }

    private static string Render(string text, string data)
    {
        var set = new TemplateSet(HelmFunctionTable.Create(new HelmFunctionOptions()));
        set.Parse("t", text);
        return set.Execute("t", new Dictionary<string, object?> { ["B"] = data });
    }

    [Theory]
    [InlineData("{{ .B | b64enc }}", "Yf/DYg==")]
    [InlineData("{{ .B | b64enc | b64dec | b64enc }}", "Yf/DYg==")]
    [InlineData("{{ .B | b32enc }}", "MH74GYQ=")]
    [InlineData("{{ len .B }}", "4")]
    [InlineData("{{ printf \"%x\" .B }}", "61ffc362")]
    [InlineData("{{ .B | quote }}", "\"a\\xff\\xc3b\"")]
    [InlineData("{{ .B | toJson }}", "\"a\\ufffd\\ufffdb\"")]
    [InlineData("{{ trunc 2 .B | b64enc }}", "Yf8=")]
    [InlineData("{{ index .B 1 }}", "255")]
    [InlineData("{{ .B | adler32sum }}", "107807366")]
    public void Byte_functions_see_the_bytes(string text, string expected)
    {
        Assert.Equal(expected, Render(text, GoBytes.Decode(new byte[] { (byte)'a', 0xFF, 0xC3, (byte)'b' })));
    }

    [Fact]
    public void Yaml_refuses_bytes_that_are_not_utf8_as_libyaml_does()
    {
        var e = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: " + GoBytes.Decode(new byte[] { 0xFF })));
        Assert.Equal("invalid leading UTF-8 octet", e.GoText);
        e = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: " + GoBytes.Decode(new byte[] { 0xC3, (byte)'x' })));
        Assert.Equal("invalid trailing UTF-8 octet", e.GoText);
        e = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: x\u007f"));
        Assert.Equal("control characters are not allowed", e.GoText);
    }
}
