using k8s;
using System.Diagnostics;
using System.Net;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// -RequestTimeout and the retry deadline: a server that accepts and never answers fails after one request timeout
/// (not MaxAttempts of them), retries stop at the deadline, and Ctrl+C still wins over both.
/// </summary>
public sealed class RequestTimeoutTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("meshops-timeout-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private ClusterConnection ConnectTo(SilentServer server, TimeSpan requestTimeout, RecordingHost host, string scheme = "https")
    {
        var path = Path.Combine(dir, "kubeconfig");
        File.WriteAllText(path, server.Kubeconfig(scheme));
        return ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = path, HomeDirectory = dir, RequestTimeout = requestTimeout }, host);
    }

    [Theory]
    [InlineData("https")] // stuck in the TLS handshake
    [InlineData("http")]  // request sent, no response
    public async Task ASilentServerFailsAfterOneRequestTimeoutWithKubeRequestTimeout(string scheme)
    {
        using var server = new SilentServer();
        var host = new RecordingHost();
        using var connection = ConnectTo(server, TimeSpan.FromMilliseconds(400), host, scheme);
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<MeshException>(() => connection.GetServerVersionAsync(CancellationToken.None));
        Assert.Equal("KubeRequestTimeout", e.ErrorId);
        Assert.Equal(MeshErrorKind.OperationTimeout, e.Kind);
        Assert.Contains("400 ms", e.Message);
        Assert.Contains("-RequestTimeout", e.Message);
        Assert.Contains($"127.0.0.1:{server.Port}", e.Message);
        Assert.Equal(1, server.Accepted); // not retried: one connection, one attempt
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CancellationDuringAHangIsPromptAndNotATimeout()
    {
        using var server = new SilentServer();
        using var connection = ConnectTo(server, TimeSpan.FromMinutes(5), new RecordingHost());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.GetServerVersionAsync(cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task TheLibrarysTypedCallsHaveTheSameTimeout()
    {
        using var server = new SilentServer();
        using var connection = ConnectTo(server, TimeSpan.FromMilliseconds(300), new RecordingHost(), "http");
        var e = await Assert.ThrowsAsync<MeshException>(() => connection.Client.CoreV1.ListNamespaceAsync());
        Assert.Equal("KubeRequestTimeout", e.ErrorId);
    }

    [Fact]
    public void ANonPositiveRequestTimeoutIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(-60) }.EffectiveRetry);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionOptions { RequestTimeout = TimeSpan.Zero }.EffectiveRetry);
    }

    [Fact]
    public void TheDeadlineFollowsTheRequestTimeoutUnlessSet()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Default.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), RetryPolicy.Default.EffectiveDeadline);
        var options = new ConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(5) };
        Assert.Equal(TimeSpan.FromSeconds(20), options.EffectiveRetry.EffectiveDeadline);
        var fixedDeadline = new ConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(5), Retry = new RetryPolicy { Deadline = TimeSpan.FromSeconds(7) } };
        Assert.Equal(TimeSpan.FromSeconds(7), fixedDeadline.EffectiveRetry.EffectiveDeadline);
    }
}
