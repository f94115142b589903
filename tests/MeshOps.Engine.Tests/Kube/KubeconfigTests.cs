using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("meshops-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Config(string current, params (string Context, string Cluster, string Server, string Token, bool Insecure)[] entries) =>
        $"""
        apiVersion: v1
        kind: Config
        {(current.Length > 0 ? "current-context: " + current : "")}
        clusters:
        {string.Concat(entries.Select(e => $"- name: {e.Cluster}\n  cluster:\n    server: {e.Server}\n{(e.Insecure ? "    insecure-skip-tls-verify: true\n" : "")}"))}
        users:
        {string.Concat(entries.Select(e => $"- name: user-{e.Context}\n  user:\n    token: {e.Token}\n"))}
        contexts:
        {string.Concat(entries.Select(e => $"- name: {e.Context}\n  context:\n    cluster: {e.Cluster}\n    user: user-{e.Context}\n    namespace: ns-{e.Context}\n"))}
        """;

    private static KubeconfigLoader.Loaded Load(ConnectionOptions o) => KubeconfigLoader.Load(o with { HomeDirectory = o.HomeDirectory ?? "/nonexistent-home" });

    [Fact]
    public void KubeconfigListIsMergedFirstFileWinsPerEntry()
    {
        var a = Write("a.yaml", Config("alpha", ("alpha", "c1", "https://10.0.0.1:6443", "tok-a", false), ("shared", "c1", "https://10.0.0.1:6443", "tok-shared-a", false)));
        var b = Write("b.yaml", Config("beta", ("beta", "c2", "https://10.0.0.2:6443", "tok-b", false), ("shared", "c9", "https://10.9.9.9:6443", "tok-shared-b", false)));
        var list = $"{a}{Path.PathSeparator}{Path.Combine(dir, "missing.yaml")}{Path.PathSeparator}{b}";

        var current = Load(new ConnectionOptions { KubeconfigVariable = list });
        Assert.Equal("alpha", current.ContextName); // current-context of the first file that sets one
        Assert.Equal("https://10.0.0.1:6443", current.Configuration.Host);
        Assert.Equal("tok-a", current.Configuration.AccessToken);
        Assert.Equal("ns-alpha", current.Configuration.Namespace);

        var beta = Load(new ConnectionOptions { KubeconfigVariable = list, Context = "beta" });
        Assert.Equal("https://10.0.0.2:6443", beta.Configuration.Host);
        Assert.Equal("tok-b", beta.Configuration.AccessToken);

        var shared = Load(new ConnectionOptions { KubeconfigVariable = list, Context = "shared" });
        Assert.Equal("https://10.0.0.1:6443", shared.Configuration.Host); // a.yaml's entry wins
        Assert.Equal("tok-shared-a", shared.Configuration.AccessToken);
    }

    [Fact]
    public void ContextListIsTheMergedKubeconfigInFileOrderWithoutRunningCredentials()
    {
        var a = Write("a.yaml", Config("alpha", ("alpha", "c1", "https://10.0.0.1:6443", "tok-a", false), ("shared", "c1", "https://10.0.0.1:6443", "tok-shared-a", false)));
        var b = Write("b.yaml", Config("beta", ("beta", "c2", "https://10.0.0.2:6443", "tok-b", true), ("shared", "c9", "https://10.9.9.9:6443", "tok-shared-b", false))
            // A plugin that would fail: listing must not run it.
            .Replace("    token: tok-b\n", "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /nonexistent/plugin\n"));
        var list = KubeContextList.Read(new ConnectionOptions { KubeconfigVariable = $"{a}{Path.PathSeparator}{Path.Combine(dir, "missing.yaml")}{Path.PathSeparator}{b}", HomeDirectory = "/nonexistent-home" });

        Assert.Equal(["alpha", "shared", "beta"], list.Contexts.Select(c => c.Name));
        Assert.Equal("alpha, shared, beta", list.Names);
        Assert.False(list.InCluster);
        Assert.Equal($"{a}, {b}", list.Source);
        var alpha = list.Contexts[0];
        Assert.True(alpha.Current);
        Assert.Equal(("c1", "https://10.0.0.1:6443", "ns-alpha", "user-alpha"), (alpha.ClusterName, alpha.Server, alpha.Namespace, alpha.UserName));
        Assert.Equal("https://10.0.0.1:6443", list.Contexts[1].Server); // a.yaml's "shared" wins
        var beta = list.Contexts[2];
        Assert.False(beta.Current);
        Assert.True(beta.InsecureSkipTlsVerify);
        Assert.False(alpha.InsecureSkipTlsVerify);
    }

    [Fact]
    public void ContextListWithoutAnyKubeconfigOutsideAPodIsKubeconfigNotFound()
    {
        var error = Assert.Throws<MeshException>(() => KubeContextList.Read(new ConnectionOptions
        {
            KubeconfigVariable = Path.Combine(dir, "missing.yaml"), HomeDirectory = "/nonexistent-home",
        }));
        Assert.Equal("KubeconfigNotFound", error.ErrorId);
    }

    [Fact]
    public void CurrentContextComesFromTheFirstFileThatSetsIt()
    {
        var a = Write("a.yaml", Config("", ("alpha", "c1", "https://10.0.0.1:6443", "tok-a", false)));
        var b = Write("b.yaml", Config("beta", ("beta", "c2", "https://10.0.0.2:6443", "tok-b", false)));
        Assert.Equal("beta", Load(new ConnectionOptions { KubeconfigVariable = $"{a}{Path.PathSeparator}{b}" }).ContextName);
    }

    [Fact]
    public void ExplicitPathWinsOverTheVariable()
    {
        var a = Write("a.yaml", Config("alpha", ("alpha", "c1", "https://10.0.0.1:6443", "tok-a", false)));
        var b = Write("b.yaml", Config("beta", ("beta", "c2", "https://10.0.0.2:6443", "tok-b", false)));
        var loaded = Load(new ConnectionOptions { KubeconfigPath = b, KubeconfigVariable = a });
        Assert.Equal("beta", loaded.ContextName);
    }

    [Fact]
    public void DefaultFileInHomeIsUsedWithoutVariable()
    {
        Write("home/.kube/config", Config("h", ("h", "c", "https://10.1.1.1", "tok-h", false)));
        var loaded = KubeconfigLoader.Load(new ConnectionOptions { KubeconfigVariable = "", HomeDirectory = Path.Combine(dir, "home") });
        Assert.Equal("https://10.1.1.1", loaded.Configuration.Host);
    }

    [Fact]
    public void UnknownContextNamesTheKnownOnes()
    {
        var a = Write("a.yaml", Config("alpha", ("alpha", "c1", "https://10.0.0.1:6443", "tok-a", false)));
        var e = Assert.Throws<MeshException>(() => Load(new ConnectionOptions { KubeconfigPath = a, Context = "Alpha" })); // exact match, as kubectl
        Assert.Equal("KubeContextNotFound", e.ErrorId);
        Assert.Contains("alpha", e.Message);
    }

    [Fact]
    public void MissingExplicitFileAndNoCurrentContextAreReported()
    {
        Assert.Equal("KubeconfigNotFound", Assert.Throws<MeshException>(() => Load(new ConnectionOptions { KubeconfigPath = Path.Combine(dir, "nope") })).ErrorId);
        var a = Write("a.yaml", Config("", ("alpha", "c1", "https://10.0.0.1:6443", "tok-a", false)));
        Assert.Equal("KubeContextNotSet", Assert.Throws<MeshException>(() => Load(new ConnectionOptions { KubeconfigPath = a })).ErrorId);
    }

    [Fact]
    public void AFolderInKubeconfigOrAsTheDefaultFileIsPathIsDirectory()
    {
        var a = Write("a.yaml", Config("alpha", ("alpha", "c1", "https://10.0.0.1:6443", "tok-a", false)));
        var folder = Directory.CreateDirectory(Path.Combine(dir, "folder")).FullName;
        var e = Assert.Throws<MeshException>(() => Load(new ConnectionOptions { KubeconfigVariable = $"{a}{Path.PathSeparator}{folder}" }));
        Assert.Equal("PathIsDirectory", e.ErrorId);
        Assert.Contains(folder, e.Message);
        Directory.CreateDirectory(Path.Combine(dir, "home", ".kube", "config"));
        e = Assert.Throws<MeshException>(() => KubeconfigLoader.Load(new ConnectionOptions { KubeconfigVariable = "", HomeDirectory = Path.Combine(dir, "home") }));
        Assert.Equal("PathIsDirectory", e.ErrorId);
    }

    [Fact]
    public void AKubeconfigWithoutEndIsInputFileTooLarge()
    {
        // /dev/zero has no length and never ends: the cap counts bytes as they are read.
        if (!File.Exists("/dev/zero")) return;
        var e = Assert.Throws<MeshException>(() => Load(new ConnectionOptions { KubeconfigPath = "/dev/zero" }));
        Assert.Equal("InputFileTooLarge", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
    }

    [Fact]
    public void TlsIsVerifiedUnlessTheClusterSaysInsecure()
    {
        var a = Write("a.yaml", Config("secure", ("secure", "c1", "https://10.0.0.1", "tok-a", false), ("insecure", "c2", "https://10.0.0.2", "tok-b", true)));
        Assert.False(Load(new ConnectionOptions { KubeconfigPath = a }).Configuration.SkipTlsVerify);
        Assert.True(Load(new ConnectionOptions { KubeconfigPath = a, Context = "insecure" }).Configuration.SkipTlsVerify);
    }

    [Fact]
    public void RelativeCertificatePathsResolveAgainstTheirOwnFile()
    {
        var sub = Write("sub/conf.yaml", """
            apiVersion: v1
            kind: Config
            current-context: x
            clusters:
            - name: c
              cluster:
                server: https://10.0.0.1
                certificate-authority: certs/ca.crt
            users:
            - name: u
              user:
                client-certificate: certs/client.crt
                client-key: /abs/client.key
            contexts:
            - name: x
              context: {cluster: c, user: u}
            """);
        var other = Write("other.yaml", Config("", ("y", "c2", "https://10.0.0.2", "tok-y", false)));
        var files = KubeconfigLoader.ResolveFiles(new ConnectionOptions { KubeconfigVariable = $"{other}{Path.PathSeparator}{sub}" }, out _);
        var merged = KubeconfigLoader.Merge(files);
        Assert.Equal(Path.Combine(dir, "sub", "certs", "ca.crt"), merged.Clusters.Single(c => c.Name == "c").ClusterEndpoint.CertificateAuthority);
        var user = merged.Users.Single(u => u.Name == "u").UserCredentials;
        Assert.Equal(Path.Combine(dir, "sub", "certs", "client.crt"), user.ClientCertificate);
        Assert.Equal("/abs/client.key", user.ClientKey);
    }

    [Fact]
    public void AnUnreadableFileDoesNotEchoItsContent()
    {
        var bad = Write("bad.yaml", "users: [ {name: u, user: {token: leaked-token-9999} ");
        var e = Assert.Throws<MeshException>(() => Load(new ConnectionOptions { KubeconfigPath = bad }));
        Assert.Equal("KubeconfigInvalid", e.ErrorId);
        Assert.DoesNotContain("leaked-token-9999", e.ToString());
    }

    [Fact]
    public void ConnectReportsTheContextButNeverTheToken()
    {
        var a = Write("a.yaml", Config("alpha", ("alpha", "c1", "https://10.0.0.1:6443", "very-secret-token-1", true)));
        var host = new RecordingHost();
        using var connection = ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = a, HomeDirectory = "/nonexistent" }, host);
        Assert.Equal("alpha", connection.ContextName);
        Assert.True(connection.SkipTlsVerify);
        Assert.Equal("ns-alpha", connection.DefaultNamespace);
        Assert.Contains("TLS verification DISABLED", host.AllText);
        Assert.DoesNotContain("very-secret-token-1", host.AllText);
    }
}
