using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Authentication;
using k8s.KubeConfigModels;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Runs a kubeconfig's exec credential plugin (client.authentication.k8s.io ExecCredential) as kubectl does: the
/// arguments exactly as listed, KUBERNETES_EXEC_INFO and the configured env, stdout parsed as the credential. Ours
/// rather than the client library's because the library wraps every failure with the full .NET stack trace and
/// drops the plugin's exit code and stderr, which are what a user needs to fix a login.
/// </summary>
internal sealed class ExecCredentialPlugin
{
    /// <summary>A plugin gets this long to print its credential (the client library's own limit).</summary>
    internal static TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this much of the plugin's stderr goes into the message (its tail, where the error usually is).</summary>
    private const int MaxStderr = 2000;

    private readonly ExternalExecution exec;
    private readonly string user;

    public ExecCredentialPlugin(ExternalExecution exec, string user)
    {
        this.exec = exec;
        this.user = user;
    }

    /// <summary>What the plugin printed: a token and/or a client certificate (PEM), and when it expires.</summary>
    public sealed record Credential(string? Token, string? ClientCertificatePem, string? ClientKeyPem, DateTimeOffset? Expires);

    /// <summary>Runs the plugin once; <paramref name="cancellationToken"/> (Ctrl+C) kills it and throws OperationCanceledException.</summary>
    public Credential Run(CancellationToken cancellationToken)
    {
        var command = exec.Command;
        if (string.IsNullOrWhiteSpace(command)) throw Failed("names no command (users[].user.exec.command).");
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false, CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in exec.Arguments ?? []) start.ArgumentList.Add(argument);
        start.Environment["KUBERNETES_EXEC_INFO"] = new JsonObject
        {
            ["apiVersion"] = exec.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = new JsonObject { ["interactive"] = false },
        }.ToJsonString();
        foreach (var variable in exec.EnvironmentVariables ?? [])
        {
            if (variable.TryGetValue("name", out var name) && !string.IsNullOrEmpty(name)) start.Environment[name] = variable.GetValueOrDefault("value") ?? "";
            else throw Failed("has an env entry without a name (users[].user.exec.env[].name).");
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            var hint = string.IsNullOrWhiteSpace(exec.InstallHint) ? "" : " " + exec.InstallHint.Trim();
            throw Failed($"cannot be started ({e.Message}). Install it or fix users[].user.exec.command.{hint}");
        }
        using (process)
        {
            process.StandardInput.Close(); // not interactive: a plugin that prompts sees end of input
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(Timeout);
                try
                {
                    process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult(); // also drains the redirected streams
                }
                catch (OperationCanceledException)
                {
                    try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                    cancellationToken.ThrowIfCancellationRequested();
                    throw Failed($"did not finish within {RetryHandler.Describe(Timeout)}.", Finish(stderr));
                }
            }
            var output = Finish(stdout);
            var errors = Finish(stderr);
            if (process.ExitCode != 0)
                throw Failed($"exited with code {process.ExitCode}.", errors);
            return Parse(output, errors);
        }
    }

    private Credential Parse(string output, string errors)
    {
        JsonObject? json;
        try { json = JsonNode.Parse(output) as JsonObject; }
        catch (JsonException) { json = null; }
        if (json == null)
            throw Failed("exited with code 0 but printed no ExecCredential JSON on stdout.", errors);
        var apiVersion = (json["apiVersion"] as JsonValue)?.ToString();
        if (!string.IsNullOrEmpty(exec.ApiVersion) && apiVersion != exec.ApiVersion)
            throw Failed($"printed an ExecCredential of apiVersion '{apiVersion}', but the kubeconfig asks for '{exec.ApiVersion}' (users[].user.exec.apiVersion).");
        var status = json["status"] as JsonObject;
        string? Str(string key) => status?[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        var token = Str("token");
        var cert = Str("clientCertificateData");
        var key = Str("clientKeyData");
        if (token == null && (cert == null || key == null))
            throw Failed("printed an ExecCredential without status.token or status.clientCertificateData and clientKeyData.", errors);
        DateTimeOffset? expires = DateTimeOffset.TryParse(Str("expirationTimestamp"), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        return new Credential(token, cert, key, expires);
    }

    private static string Finish(Task<string> read) => read.Wait(TimeSpan.FromSeconds(5)) ? read.Result : "";

    /// <summary>
    /// "The exec credential plugin 'cmd' of kubeconfig user 'u' exited with code 1. ..." then the plugin's own stderr
    /// (its tail), which usually says what to do; never a .NET stack trace.
    /// </summary>
    private MeshException Failed(string what, string? stderr = null)
    {
        var message = new StringBuilder($"The exec credential plugin '{exec.Command}' of kubeconfig user '{user}' {what}");
        if (stderr != null)
        {
            var text = stderr.Trim();
            if (text.Length > MaxStderr) text = "..." + text[^MaxStderr..];
            message.Append(text.Length == 0
                ? " It wrote nothing to stderr; run it by hand to see why it cannot log in."
                : $" Its stderr follows; run it by hand to see more.{Environment.NewLine}{text}");
        }
        return new MeshException("KubeExecPluginFailed", MeshErrorKind.AuthenticationError, message.ToString(), exec.Command);
    }

    /// <summary>Bearer tokens from the plugin, run again shortly before the last one expires (as client-go does).</summary>
    internal sealed class TokenProvider : ITokenProvider
    {
        private readonly ExecCredentialPlugin plugin;
        private readonly SemaphoreSlim gate = new(1, 1);
        private Credential current;

        public TokenProvider(ExecCredentialPlugin plugin, Credential first)
        {
            this.plugin = plugin;
            current = first;
        }

        public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (current.Expires is { } expires && DateTimeOffset.UtcNow.AddSeconds(30) > expires)
                    current = await Task.Run(() => plugin.Run(cancellationToken), cancellationToken).ConfigureAwait(false);
                return new AuthenticationHeaderValue("Bearer", current.Token);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
