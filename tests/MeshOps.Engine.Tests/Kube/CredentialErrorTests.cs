using System.Text;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Testing.KubeApi.Hosting;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// Failures that used to hide their cause: an untrusted server certificate (it said "check the network"), a missing
/// tokenFile ("no appropriate auth credentials"), a folder as kubeconfig ("access denied") and a failing exec plugin
/// (15 .NET stack frames, no exit code or stderr).
/// </summary>
public class CredentialErrorTests : ClusterTestBase
{
    private string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Kubeconfig => File.ReadAllText(KubeconfigPath);

    private ClusterConnection ConnectWith(string path) =>
        ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = path, Retry = FastRetry, HomeDirectory = Dir }, Host);

    private static string WithCa(string kubeconfig, string replacementLine) =>
        string.Join("\n", kubeconfig.Split('\n').Select(l => l.TrimStart().StartsWith("certificate-authority-data:") ? replacementLine : l));

    private string WithUser(string userBlock) =>
        string.Join("\n", Kubeconfig.Split('\n').Select(l => l.TrimStart().StartsWith("token:") ? userBlock : l));

    [Fact]
    public async Task AnotherCasDataIsReportedAsAnUntrustedCertificateNamingTheData()
    {
        using var other = ServerCertificates.Create();
        var data = Convert.ToBase64String(Encoding.ASCII.GetBytes(other.CaPem));
        using var connection = ConnectWith(Write("wrongca.yaml", WithCa(Kubeconfig, "    certificate-authority-data: " + data)));
        var e = await Assert.ThrowsAsync<MeshException>(() => connection.GetServerVersionAsync(default));
        Assert.Equal("KubeCertificateUntrusted", e.ErrorId);
        Assert.Equal(MeshErrorKind.SecurityError, e.Kind);
        Assert.Contains("not trusted", e.Message);
        Assert.Contains("certificate-authority-data", e.Message);
        Assert.DoesNotContain("Check the network", e.Message);
        Assert.Empty(Server.RequestLog.Entries); // refused before any request reached the server, and not retried
    }

    [Fact]
    public void AClientKeyFileThatIsMissingIsKubeconfigInvalidNamingIt()
    {
        var path = Write("missing-key.yaml", WithUser("    client-certificate: missing.crt\n    client-key: missing.key"));
        var e = Assert.Throws<MeshException>(() => ConnectWith(path));
        Assert.Equal("KubeconfigInvalid", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidData, e.Kind);
        Assert.Contains("missing.", e.Message);
        Assert.Contains("client-certificate", e.Message);
    }

    [Fact]
    public async Task AWrongCaFileIsNamedInTheMessage()
    {
        using var other = ServerCertificates.Create();
        var caFile = Write("other-ca.crt", other.CaPem);
        using var connection = ConnectWith(Write("wrongcafile.yaml", WithCa(Kubeconfig, "    certificate-authority: other-ca.crt")));
        var e = await Assert.ThrowsAsync<MeshException>(() => connection.GetServerVersionAsync(default));
        Assert.Equal("KubeCertificateUntrusted", e.ErrorId);
        Assert.Contains(caFile, e.Message);
    }

    [Fact]
    public async Task NoCaAtAllSaysTheSystemRootsWereUsed()
    {
        using var connection = ConnectWith(Write("noca.yaml", WithCa(Kubeconfig, "")));
        var e = await Assert.ThrowsAsync<MeshException>(() => connection.GetServerVersionAsync(default));
        Assert.Equal("KubeCertificateUntrusted", e.ErrorId);
        Assert.Contains("system's trusted root", e.Message);
    }

    [Fact]
    public async Task ATokenFileIsReadRelativeToTheKubeconfig()
    {
        Write("token.txt", Server.Token + "\n");
        using var connection = ConnectWith(Write("tokenfile.yaml", WithUser("    tokenFile: token.txt")));
        var version = await connection.GetServerVersionAsync(default);
        Assert.NotNull(version);
        Assert.DoesNotContain(Server.Token, Host.AllText);
    }

    [Fact]
    public void AMissingTokenFileSaysSo()
    {
        var path = Write("missingtoken.yaml", WithUser("    tokenFile: nowhere/token.txt"));
        var e = Assert.Throws<MeshException>(() => ConnectWith(path));
        Assert.Equal("KubeTokenFileNotFound", e.ErrorId);
        Assert.Equal(MeshErrorKind.ObjectNotFound, e.Kind);
        Assert.Contains(Path.Combine(Dir, "nowhere", "token.txt"), e.Message);
        Assert.DoesNotContain("appropriate auth credentials", e.Message);
    }

    [Fact]
    public void AFolderAsTokenFileOrKubeconfigIsPathIsDirectory()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "tokens"));
        var e = Assert.Throws<MeshException>(() => ConnectWith(Write("dirtoken.yaml", WithUser("    tokenFile: tokens"))));
        Assert.Equal("PathIsDirectory", e.ErrorId);
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "config-folder")).FullName;
        e = Assert.Throws<MeshException>(() => ConnectWith(folder));
        Assert.Equal("PathIsDirectory", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("is a directory", e.Message);
        Assert.DoesNotContain("denied", e.Message);
    }

    private static string Exec(string script) => $"""
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: /bin/sh
              args:
              - -c
              - '{script.Replace("'", "''")}'
              env:
              - name: PLUGIN_GREETING
                value: hello there
        """;

    [Fact]
    public void AFailingExecPluginKeepsItsExitCodeAndStderrAndNoStackFrames()
    {
        if (OperatingSystem.IsWindows()) return; // the plugin is a /bin/sh script
        var path = Write("execfail.yaml", WithUser(Exec("echo \"$PLUGIN_GREETING: login expired, run sso login\" >&2; exit 3")));
        var e = Assert.Throws<MeshException>(() => ConnectWith(path));
        Assert.Equal("KubeExecPluginFailed", e.ErrorId);
        Assert.Equal(MeshErrorKind.AuthenticationError, e.Kind);
        Assert.Contains("exited with code 3", e.Message);
        Assert.Contains("hello there: login expired, run sso login", e.Message);
        Assert.DoesNotContain("   at ", e.Message);
        Assert.DoesNotContain("Exception", e.Message);
    }

    [Fact]
    public void AMissingPluginAndBadOutputAreKubeExecPluginFailed()
    {
        if (OperatingSystem.IsWindows()) return;
        var missing = Write("execmissing.yaml", WithUser("    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /nonexistent/kubelogin\n      installHint: Install kubelogin first."));
        var e = Assert.Throws<MeshException>(() => ConnectWith(missing));
        Assert.Equal("KubeExecPluginFailed", e.ErrorId);
        Assert.Contains("Install kubelogin first.", e.Message);
        var garbage = Write("execgarbage.yaml", WithUser(Exec("echo not json")));
        e = Assert.Throws<MeshException>(() => ConnectWith(garbage));
        Assert.Equal("KubeExecPluginFailed", e.ErrorId);
        Assert.Contains("no ExecCredential JSON", e.Message);
    }

    [Fact]
    public void CancellationStopsAHangingExecPluginPromptly()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Write("exechang.yaml", WithUser(Exec("sleep 60")));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ClusterConnection.Connect(new ConnectionOptions { KubeconfigPath = path, Retry = FastRetry, HomeDirectory = Dir }, Host, cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task AWorkingExecPluginsTokenAuthenticates()
    {
        if (OperatingSystem.IsWindows()) return;
        var json = "{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + Server.Token + "\"}}";
        using var connection = ConnectWith(Write("execok.yaml", WithUser(Exec($"echo '{json}'"))));
        var namespaces = await connection.ListAsync("/api/v1/namespaces", null, default);
        Assert.Contains(namespaces, n => (string?)n["metadata"]?["name"] == "kube-system");
        Assert.DoesNotContain(Server.Token, Host.AllText);
    }
}
