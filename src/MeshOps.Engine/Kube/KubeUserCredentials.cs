using System.Runtime.CompilerServices;
using System.Text;
using k8s.KubeConfigModels;
using MeshOps.Engine.Hosting;
using YamlDotNet.RepresentationModel;

namespace MeshOps.Engine.Kube;

/// <summary>
/// The kubeconfig credentials the client library gets wrong, handled as kubectl does: <c>tokenFile</c> (the library's
/// model has no such field, so a user with only a tokenFile "does not have appropriate auth credentials") and
/// <c>exec</c> plugins (run by <see cref="ExecCredentialPlugin"/>, so a failure keeps the plugin's exit code and stderr).
/// </summary>
internal static class KubeUserCredentials
{
    // tokenFile per user entry, kept beside the library's model (which would drop it) for as long as that entry lives.
    private static readonly ConditionalWeakTable<UserCredentials, StrongBox<string>> TokenFiles = new();

    /// <summary>Records each user's tokenFile from the kubeconfig text (the library's model has no field for it).</summary>
    public static void AttachTokenFiles(K8SConfiguration config, string text)
    {
        if (config.Users == null || !text.Contains("tokenFile", StringComparison.Ordinal)) return;
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return;
        if (!root.Children.TryGetValue(new YamlScalarNode("users"), out var usersNode) || usersNode is not YamlSequenceNode users) return;
        foreach (var entry in users.OfType<YamlMappingNode>())
        {
            var name = (entry.Children.TryGetValue(new YamlScalarNode("name"), out var n) ? n as YamlScalarNode : null)?.Value;
            if (!entry.Children.TryGetValue(new YamlScalarNode("user"), out var u) || u is not YamlMappingNode user) continue;
            if (!user.Children.TryGetValue(new YamlScalarNode("tokenFile"), out var t) || t is not YamlScalarNode { Value: { Length: > 0 } tokenFile }) continue;
            var model = config.Users.FirstOrDefault(x => x.Name == name);
            if (model == null) continue;
            model.UserCredentials ??= new UserCredentials();
            TokenFiles.AddOrUpdate(model.UserCredentials, new StrongBox<string>(tokenFile));
        }
    }

    /// <summary>Resolves a relative tokenFile against the kubeconfig's folder, as client-go's ResolvePaths does.</summary>
    public static void AbsolutizeTokenFile(UserCredentials credentials, Func<string?, string?> fix)
    {
        if (TokenFiles.TryGetValue(credentials, out var box)) box.Value = fix(box.Value);
    }

    /// <summary>
    /// For a user whose bearer token comes from a file (and who has no inline token, which wins as in kubectl): checks
    /// the file, puts its token into the model so the client authenticates, and returns its path for re-reading.
    /// </summary>
    public static string? ResolveTokenFile(User? user)
    {
        var credentials = user?.UserCredentials;
        if (credentials == null || !string.IsNullOrWhiteSpace(credentials.Token)) return null;
        if (!TokenFiles.TryGetValue(credentials, out var box) || string.IsNullOrEmpty(box.Value)) return null;
        var path = box.Value;
        var what = $"the tokenFile of kubeconfig user '{user!.Name}'";
        if (Directory.Exists(path)) throw PathErrors.IsDirectory(path, what);
        if (!File.Exists(path))
            throw new MeshException("KubeTokenFileNotFound", MeshErrorKind.ObjectNotFound,
                $"The tokenFile '{path}' of kubeconfig user '{user.Name}' does not exist. Create it (it holds the bearer token), or fix users[].user.tokenFile.", path);
        string token;
        try
        {
            token = File.ReadAllText(path, Encoding.UTF8).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeshException("KubeTokenFileNotFound", MeshErrorKind.ObjectNotFound,
                $"The tokenFile '{path}' of kubeconfig user '{user.Name}' cannot be read: {e.Message}", path);
        }
        if (token.Length == 0)
            throw new MeshException("KubeconfigInvalid", MeshErrorKind.InvalidData,
                $"The tokenFile '{path}' of kubeconfig user '{user.Name}' is empty. Put the bearer token in it.", path);
        credentials.Token = token;
        return path;
    }

    /// <summary>What running a user's exec plugin produced: a token provider that runs it again before expiry, or none (certificate only).</summary>
    public sealed record ExecResult(ExecCredentialPlugin.TokenProvider? Provider);

    /// <summary>
    /// Runs the user's exec plugin once, now (as the library would), and puts its credential into the model in place of
    /// the exec entry, so the library never runs the plugin itself.
    /// </summary>
    public static ExecResult? RunExecPlugin(User? user, CancellationToken cancellationToken)
    {
        var credentials = user?.UserCredentials;
        if (credentials?.ExternalExecution is not { } exec) return null;
        var plugin = new ExecCredentialPlugin(exec, user!.Name ?? "?");
        var credential = plugin.Run(cancellationToken);
        credentials.ExternalExecution = null;
        if (credential.Token != null) credentials.Token = credential.Token;
        if (credential.ClientCertificatePem != null && credential.ClientKeyPem != null)
        {
            // The library expects base64 of the PEM text here, as in a kubeconfig's client-certificate-data.
            credentials.ClientCertificateData = Convert.ToBase64String(Encoding.ASCII.GetBytes(credential.ClientCertificatePem));
            credentials.ClientKeyData = Convert.ToBase64String(Encoding.ASCII.GetBytes(credential.ClientKeyPem));
        }
        return new ExecResult(credential.Token == null ? null : new ExecCredentialPlugin.TokenProvider(plugin, credential));
    }
}
