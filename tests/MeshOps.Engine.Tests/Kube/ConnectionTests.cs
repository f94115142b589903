using k8s;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class ConnectionTests : ClusterTestBase
{
    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string OtherCluster(string context) => $"""
        apiVersion: v1
        kind: Config
        current-context: {context}
        clusters:
        - name: {context}
          cluster:
            server: https://127.0.0.1:1
        users:
        - name: {context}
          user:
            token: unrelated-token-0000
        contexts:
        - name: {context}
          context:
            cluster: {context}
            user: {context}
        """;

    [Fact]
    public async Task SeveralKubeconfigFilesAndAContextNameReachTheRightServer()
    {
        var other = WriteFile("other.yaml", OtherCluster("elsewhere"));
        var list = $"{other}{Path.PathSeparator}{KubeconfigPath}";
        using var connection = ClusterConnection.Connect(new ConnectionOptions { KubeconfigVariable = list, Context = "meshops-test", Retry = FastRetry, HomeDirectory = Dir }, Host);
        Assert.Equal("meshops-test", connection.ContextName);
        Assert.False(connection.SkipTlsVerify);
        var list2 = await connection.Client.CoreV1.ListNamespaceAsync();
        Assert.Contains(list2.Items, n => n.Metadata.Name == "kube-system");
    }

    [Fact]
    public async Task TheCurrentContextOfTheFirstFileIsUsedWithoutAContextName()
    {
        var other = WriteFile("other.yaml", OtherCluster("elsewhere"));
        using var connection = ClusterConnection.Connect(new ConnectionOptions
        {
            KubeconfigVariable = $"{other}{Path.PathSeparator}{KubeconfigPath}", HomeDirectory = Dir,
            Retry = FastRetry with { MaxAttempts = 1 },
        }, Host);
        Assert.Equal("elsewhere", connection.ContextName);
        var e = await Assert.ThrowsAsync<MeshException>(() => new ManifestApplier(connection).ApplyAsync(Request(Component("Pilot", ConfigMap("a"))), Host, default));
        Assert.Equal("KubeConnectionFailed", e.ErrorId);
        Assert.Contains("127.0.0.1:1", e.Message);
    }

    [Fact]
    public async Task TlsIsVerifiedAgainstTheKubeconfigsCa()
    {
        // Without certificate-authority-data the server's private CA is not trusted.
        var noCa = string.Join("\n", File.ReadAllLines(KubeconfigPath).Where(l => !l.Contains("certificate-authority-data")));
        var path = WriteFile("noca.yaml", noCa);
        using (var untrusted = ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = path, Retry = FastRetry with { MaxAttempts = 1 }, HomeDirectory = Dir }, Host))
        {
            var e = await Assert.ThrowsAsync<MeshException>(() => new ManifestApplier(untrusted).ApplyAsync(Request(Component("Pilot", ConfigMap("a"))), Host, default));
            Assert.Equal("KubeCertificateUntrusted", e.ErrorId);
        }
        // insecure-skip-tls-verify in the kubeconfig turns verification off.
        var insecure = WriteFile("insecure.yaml", noCa.Replace("    server:", "    insecure-skip-tls-verify: true\n    server:"));
        using var skip = ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = insecure, Retry = FastRetry, HomeDirectory = Dir }, Host);
        Assert.True(skip.SkipTlsVerify);
        await new ManifestApplier(skip).ApplyAsync(Request(Component("Pilot", ConfigMap("a"))), Host, default);
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "a"));
    }

    [Fact]
    public async Task EveryApiCallIsLoggedVerboseAndTheTokenNeverAppears()
    {
        Server.Faults.Seed = 11;
        Server.Faults.TooManyRequestsRate = 0.1;
        await ApplyAsync(Request(Component("Pilot", ConfigMap("a"), Deployment("istiod-canary"))));
        Server.Faults.Reset();
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"istio-system"},"data":{"key":"x"}}""", manager: "kubectl");
        var conflict = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(Component("Pilot", ConfigMap("a", "mine")))));

        Assert.Contains(Host.Verbose, l => l.StartsWith("PATCH /api/v1/namespaces/istio-system/configmaps/a?fieldManager=meshops ->") && l.Contains("-> 201"));
        Assert.Contains(Host.Verbose, l => l.StartsWith("PATCH /api/v1/namespaces/istio-system/configmaps/a?fieldManager=meshops&dryRun=All -> 409"));
        // The rollout wait watches the Deployment from the resourceVersion its apply returned.
        Assert.Contains(Host.Verbose, l => l.StartsWith("GET /apis/apps/v1/namespaces/istio-system/deployments?watch=true") && l.Contains("fieldSelector=metadata.name%3Distiod-canary"));
        Assert.Contains(Host.Verbose, l => l.Contains("-> 429"));
        var everything = Host.AllText + conflict.ToString();
        Assert.DoesNotContain(Server.Token, everything);
        Assert.DoesNotContain("Bearer", everything);
        Assert.DoesNotContain("Authorization", everything);
    }

    [Fact]
    public async Task AWrongTokenIsPermissionDeniedAndItsValueIsNotShown()
    {
        var wrong = File.ReadAllText(KubeconfigPath).Replace(Server.Token, "wrong-token-123456789");
        var path = WriteFile("wrong.yaml", wrong);
        using var connection = ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = path, Retry = FastRetry, HomeDirectory = Dir }, Host);
        var e = await Assert.ThrowsAsync<KubeApiException>(() => new ManifestApplier(connection).ApplyAsync(Request(Component("Pilot", ConfigMap("a"))), Host, default));
        Assert.Equal(MeshErrorKind.PermissionDenied, e.Kind);
        Assert.Equal(401, (int)e.StatusCode);
        Assert.DoesNotContain("wrong-token-123456789", e.ToString() + Host.AllText);
        Assert.DoesNotContain(Server.Token, e.ToString() + Host.AllText);
    }

    [Fact]
    public async Task TheLibraryClientSharesTheLoggingPipeline()
    {
        using var connection = Connect();
        await connection.Client.CoreV1.ReadNamespaceAsync("default");
        Assert.Contains(Host.Verbose, l => l.StartsWith("GET /api/v1/namespaces/default -> 200"));
    }
}
