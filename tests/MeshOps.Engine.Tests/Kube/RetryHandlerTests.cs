using System.Net;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class RetryHandlerTests
{
    private static readonly RetryPolicy Fast = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxRetryAfter = TimeSpan.FromMilliseconds(50) };

    /// <summary>Answers each attempt from a script: a status code or an exception.</summary>
    private sealed class Scripted(params object[] script) : HttpMessageHandler
    {
        public int Calls;
        public List<string?> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
            var step = script[Math.Min(Calls++, script.Length - 1)];
            return step switch
            {
                Exception e => throw e,
                HttpResponseMessage r => r,
                HttpStatusCode code => new HttpResponseMessage(code),
                _ => throw new InvalidOperationException(),
            };
        }
    }

    private static HttpMessageInvoker Invoker(HttpMessageHandler inner, List<string> log, RetryPolicy? policy = null) =>
        new(new RetryHandler(policy ?? Fast, log.Add) { InnerHandler = inner });

    private static HttpRequestMessage Patch() => new(HttpMethod.Patch, "http://127.0.0.1/api/v1/namespaces/a/configmaps/b") { Content = new StringContent("{\"x\":1}") };

    [Fact]
    public async Task RetriesTransientStatusesAndConnectionFailuresThenSucceeds()
    {
        var inner = new Scripted(HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable, new HttpRequestException("connection reset"), HttpStatusCode.OK);
        var log = new List<string>();
        using var response = await Invoker(inner, log).SendAsync(Patch(), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, inner.Calls);
        Assert.All(inner.Bodies, b => Assert.Equal("{\"x\":1}", b)); // the body is resent intact
        Assert.Equal(3, log.Count);
        Assert.Contains("429", log[0]);
    }

    [Fact]
    public async Task GivesUpAfterMaxAttemptsAndReturnsTheLastResponse()
    {
        var inner = new Scripted(HttpStatusCode.InternalServerError);
        using var response = await Invoker(inner, []).SendAsync(Patch(), CancellationToken.None);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public async Task ConnectionFailuresBeyondTheLimitPropagate()
    {
        var inner = new Scripted(new IOException("dropped"));
        await Assert.ThrowsAsync<IOException>(() => Invoker(inner, []).SendAsync(Patch(), CancellationToken.None));
        Assert.Equal(4, inner.Calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task ClientErrorsAreNotRetried(HttpStatusCode code)
    {
        var inner = new Scripted(code, HttpStatusCode.OK);
        using var response = await Invoker(inner, []).SendAsync(Patch(), CancellationToken.None);
        Assert.Equal(code, response.StatusCode);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task RetryAfterIsHonouredUpToTheCap()
    {
        var busy = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
        var inner = new Scripted(busy, HttpStatusCode.OK);
        var log = new List<string>();
        var policy = Fast with { MaxRetryAfter = TimeSpan.FromMilliseconds(300) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await Invoker(inner, log, policy).SendAsync(Patch(), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("in 300 ms", log.Single()); // the server's 1 s, capped
        Assert.True(watch.ElapsedMilliseconds >= 250);
    }

    [Fact]
    public async Task CancellationStopsWaitingPromptly()
    {
        var inner = new Scripted(HttpStatusCode.ServiceUnavailable);
        var slow = Fast with { BaseDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1), MaxAttempts = 10 };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Invoker(inner, [], slow).SendAsync(Patch(), cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    /// <summary>Never answers: waits until the attempt is cancelled.</summary>
    private sealed class Silent : HttpMessageHandler
    {
        public int Calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>Sends headers at once, then a body that never ends.</summary>
    private sealed class StalledBody : HttpMessageHandler
    {
        private sealed class NeverEndingContent : HttpContent
        {
            protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => await Task.Delay(Timeout.Infinite);
            protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
                await Task.Delay(Timeout.Infinite, cancellationToken);
            protected override bool TryComputeLength(out long length) { length = 0; return false; }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new NeverEndingContent() });
    }

    [Fact]
    public async Task AnAttemptWithoutAnswerFailsWithKubeRequestTimeoutAndIsNotRetried()
    {
        var inner = new Silent();
        var policy = Fast with { RequestTimeout = TimeSpan.FromMilliseconds(100) };
        var e = await Assert.ThrowsAsync<MeshOps.Engine.Hosting.MeshException>(() => Invoker(inner, [], policy).SendAsync(Patch(), CancellationToken.None));
        Assert.Equal("KubeRequestTimeout", e.ErrorId);
        Assert.Equal(MeshOps.Engine.Hosting.MeshErrorKind.OperationTimeout, e.Kind);
        Assert.StartsWith("PATCH /api/v1/namespaces/a/configmaps/b:", e.Message);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task ABodyThatNeverEndsIsCoveredByTheRequestTimeout()
    {
        var policy = Fast with { RequestTimeout = TimeSpan.FromMilliseconds(100) };
        var e = await Assert.ThrowsAsync<MeshOps.Engine.Hosting.MeshException>(() => Invoker(new StalledBody(), [], policy).SendAsync(Patch(), CancellationToken.None));
        Assert.Equal("KubeRequestTimeout", e.ErrorId);
    }

    [Fact]
    public async Task RetriesStopAtTheDeadlineWithKubeDeadlineExceeded()
    {
        var inner = new Scripted(HttpStatusCode.ServiceUnavailable);
        var policy = Fast with { MaxAttempts = 1000, BaseDelay = TimeSpan.FromMilliseconds(40), MaxDelay = TimeSpan.FromMilliseconds(40), Deadline = TimeSpan.FromMilliseconds(300) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<MeshOps.Engine.Hosting.MeshException>(() => Invoker(inner, [], policy).SendAsync(Patch(), CancellationToken.None));
        Assert.Equal("KubeDeadlineExceeded", e.ErrorId);
        Assert.Equal(MeshOps.Engine.Hosting.MeshErrorKind.OperationTimeout, e.Kind);
        Assert.Contains("503", e.Message);
        Assert.InRange(inner.Calls, 2, 50);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ARetryAfterBeyondTheDeadlineStopsAtOnce()
    {
        var busy = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(20));
        var inner = new Scripted(busy, HttpStatusCode.OK);
        var policy = Fast with { MaxRetryAfter = TimeSpan.FromSeconds(30), Deadline = TimeSpan.FromSeconds(5) };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<MeshOps.Engine.Hosting.MeshException>(() => Invoker(inner, [], policy).SendAsync(Patch(), CancellationToken.None));
        Assert.Equal("KubeDeadlineExceeded", e.ErrorId);
        Assert.Equal(1, inner.Calls);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}"); // did not sleep 20 s first
    }

    [Fact]
    public async Task CancellationWinsOverTheRequestTimeout()
    {
        var policy = Fast with { RequestTimeout = TimeSpan.FromMinutes(5) };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Invoker(new Silent(), [], policy).SendAsync(Patch(), cts.Token));
    }

    [Fact]
    public void BackoffGrowsAndStaysWithinBounds()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(1000) };
        var random = new Random(1);
        for (var attempt = 2; attempt < 10; attempt++)
        {
            var ceiling = Math.Min(1000, 100 * Math.Pow(2, attempt - 2));
            var d = policy.Backoff(attempt, random).TotalMilliseconds;
            Assert.InRange(d, ceiling / 2, ceiling);
        }
    }
}
