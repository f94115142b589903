using System.Net;
using k8s;
using k8s.Models;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class TlsAndAuthTests : ApiServerTestBase
{
    [Fact]
    public async Task KubeconfigFromFileWorksWithVerifiedTls()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        Assert.Equal(Server.BaseUri.GetLeftPart(UriPartial.Authority), config.Host.TrimEnd('/'));
        Assert.False(config.SkipTlsVerify);
        Assert.NotNull(config.SslCaCerts);
        var list = await Client.CoreV1.ListNamespaceAsync();
        Assert.Contains(list.Items, n => n.Metadata.Name == "default");
        Assert.Contains(list.Items, n => n.Metadata.Name == "kube-system");
    }

    [Fact]
    public void KubeconfigHasContextTokenAndCaData()
    {
        var text = File.ReadAllText(KubeconfigPath);
        Assert.Contains("current-context: meshops-test", text);
        Assert.Contains("token: " + Server.Token, text);
        Assert.Contains("certificate-authority-data: ", text);
        Assert.StartsWith("https://127.0.0.1:", Server.BaseUri.ToString());
    }

    [Fact]
    public async Task ServerWithAnotherCaIsRejected()
    {
        await using var other = await TestApiServer.StartAsync();
        // Our kubeconfig's CA with the other server's address and token: the TLS check must fail.
        var text = File.ReadAllText(KubeconfigPath).Replace(Server.BaseUri.GetLeftPart(UriPartial.Authority), other.BaseUri.GetLeftPart(UriPartial.Authority)).Replace(Server.Token, other.Token);
        var path = Path.GetTempFileName();
        File.WriteAllText(path, text);
        try
        {
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.CoreV1.ListNamespaceAsync());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task MissingTokenIs401WithStatusBody()
    {
        using var http = RawClient(withToken: false);
        using var resp = await http.GetAsync("api/v1/namespaces");
        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
        Assert.Equal("Status", body["kind"]!.ToString());
        Assert.Equal("Unauthorized", body["reason"]!.ToString());
        Assert.Equal(401, body["code"]!.GetValue<int>());
        Assert.Equal(401, Server.RequestLog.Entries.Last().Status);
    }

    [Fact]
    public async Task WrongTokenIs401()
    {
        using var http = RawClient(withToken: false);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong");
        using var resp = await http.GetAsync("version");
        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
    }

    [Fact]
    public async Task ProcessModePrintsReadyAndServesUntilStdinCloses()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MeshOps.TestApiServer.dll");
        Assert.True(File.Exists(dll), dll);
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"meshops-proc-{Guid.NewGuid():N}.kubeconfig");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--kubeconfig", kubeconfig, "--port", "0", "--ready-delay-ms", "10" }) psi.ArgumentList.Add(a);
        using var proc = System.Diagnostics.Process.Start(psi)!;
        try
        {
            var line = await proc.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.NotNull(line);
            Assert.Matches(@"^READY https://127\.0\.0\.1:\d+$", line);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            var created = await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("from-process"), "default");
            Assert.Equal("from-process", created.Metadata.Name);
            proc.StandardInput.Close();
            await proc.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, proc.ExitCode);
        }
        finally
        {
            if (!proc.HasExited) proc.Kill();
            File.Delete(kubeconfig);
        }
    }
}
