using System.Text;
using System.Text.Json;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public sealed class ResponseJsonTests
{
    private static Task<System.Text.Json.Nodes.JsonObject> Read(byte[] body) => ResponseJson.ReadObjectAsync(new ByteArrayContent(body), default);

    [Fact]
    public async Task ParsesAnObjectFromUtf8()
    {
        var obj = await Read(Encoding.UTF8.GetBytes("""{"metadata":{"name":"café"},"items":[1,2]}"""));
        Assert.Equal("café", (string?)obj["metadata"]!["name"]);
        Assert.Equal(2, obj["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task SkipsAByteOrderMark()
    {
        var obj = await Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{"a":1}""")]);
        Assert.Equal(1, (int)obj["a"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public async Task EmptyBlankOrNonObjectAnswersAreAnEmptyObject(string body) =>
        Assert.Empty(await Read(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task TextThatIsNotJsonThrows() =>
        await Assert.ThrowsAnyAsync<JsonException>(() => Read(Encoding.UTF8.GetBytes("<html>not an API server</html>")));
}
