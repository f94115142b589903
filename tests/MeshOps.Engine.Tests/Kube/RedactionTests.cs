using System.Net;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class RedactionTests
{
    [Fact]
    public void KnownSecretsAndAuthorizationValuesAreMasked()
    {
        var r = new SecretRedactor(["s3cr3t-token-value", null, "ab"]);
        var text = r.Redact("token s3cr3t-token-value; Authorization: Bearer eyJhbGciOi.x-y_z; basic Basic dXNlcjpwdw== ab");
        Assert.DoesNotContain("s3cr3t", text);
        Assert.DoesNotContain("eyJhbGciOi", text);
        Assert.DoesNotContain("dXNlcjpwdw", text);
        Assert.EndsWith(" ab", text); // too short to be a secret; ordinary words stay
    }

    private sealed class Ok : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    [Fact]
    public async Task TheLoggingHandlerWritesMethodAndPathButNoHeaders()
    {
        var log = new List<string>();
        var handler = new ApiCallLoggingHandler(log.Add, new SecretRedactor(["tok-123456"])) { InnerHandler = new Ok() };
        var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:6443/api/v1/namespaces/x?limit=1");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "tok-123456");
        using var _ = await new HttpMessageInvoker(handler).SendAsync(request, CancellationToken.None);
        var line = Assert.Single(log);
        Assert.StartsWith("GET /api/v1/namespaces/x?limit=1 -> 200 (", line);
        Assert.DoesNotContain("tok-123456", line);
        Assert.DoesNotContain("Bearer", line);
    }
}
