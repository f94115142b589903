using k8s;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// Which HTTP version MeshOps' calls use, read from the server's request log (what Kestrel negotiated, per request).
/// The test server offers HTTP/1.1 only unless <see cref="TestApiServerOptions.Http2"/> is set; bench/README.md (Labels)
/// says why MeshOps' own calls stay on HTTP/1.1.
/// </summary>
public sealed class Http2Tests : ClusterTestBase
{
    protected override TestApiServerOptions Options => new() { Http2 = true };

    [Fact]
    public async Task TypedCallsNegotiateHttp2AndRawCallsStayOnHttp11()
    {
        using var connection = Connect();
        await connection.GetAsync("/api/v1/namespaces/default", default);
        await connection.Client.CoreV1.ReadNamespaceAsync("kube-system");

        Assert.Equal("HTTP/1.1", Protocol("/api/v1/namespaces/default"));
        Assert.Equal("HTTP/2", Protocol("/api/v1/namespaces/kube-system"));
    }

    private string Protocol(string path) => Assert.Single(Server.RequestLog.Entries, e => e.Path == path).Protocol;
}

/// <summary>The default test server (HTTP/1.1 only): typed calls, which ask for HTTP/2, fall back and work.</summary>
public sealed class Http11ServerTests : ClusterTestBase
{
    [Fact]
    public async Task RawAndTypedCallsUseHttp11()
    {
        using var connection = Connect();
        await connection.GetAsync("/api/v1/namespaces/default", default);
        await connection.Client.CoreV1.ReadNamespaceAsync("kube-system");

        var calls = Server.RequestLog.Entries.Where(e => e.Path.StartsWith("/api/v1/namespaces/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, e => Assert.Equal("HTTP/1.1", e.Protocol));
    }
}
