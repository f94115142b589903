using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Turns <see cref="ConnectionOptions"/> into a client configuration the way kubectl (client-go's loading rules)
/// does. The merge is ours rather than the client library's because kubectl resolves relative certificate paths
/// against the file that names them and skips missing KUBECONFIG entries; the library does neither.
/// </summary>
internal static class KubeconfigLoader
{
    /// <param name="CertificateAuthority">Which CA the server's certificate is checked against, for error messages.</param>
    public sealed record Loaded(KubernetesClientConfiguration Configuration, string Description, string? ContextName, IReadOnlyList<string?> Secrets,
        string CertificateAuthority);

    public static Loaded Load(ConnectionOptions options, CancellationToken cancellationToken = default)
    {
        if (options.InCluster) return LoadInCluster();

        var files = ResolveFiles(options, out var origin);
        if (files.Count == 0)
        {
            if (KubernetesClientConfiguration.IsInCluster()) return LoadInCluster();
            throw new MeshException("KubeconfigNotFound", MeshErrorKind.ObjectNotFound,
                $"No kubeconfig found ({origin}) and not running in a cluster. Pass -Kubeconfig, set KUBECONFIG, or create ~/.kube/config.",
                origin);
        }

        var merged = Merge(files);
        var context = string.IsNullOrEmpty(options.Context) ? merged.CurrentContext : options.Context;
        var fileList = string.Join(", ", files.Select(f => f.Path));
        if (string.IsNullOrEmpty(context))
            throw new MeshException("KubeContextNotSet", MeshErrorKind.InvalidArgument,
                $"The kubeconfig ({fileList}) has no current-context. Pass -Context with one of: {ContextNames(merged)}.", fileList);
        // kubectl matches context names exactly; the client library would ignore case.
        if (!merged.Contexts.Any(c => c.Name == context))
            throw new MeshException("KubeContextNotFound", MeshErrorKind.ObjectNotFound,
                $"Context '{context}' is not in the kubeconfig ({fileList}). Known contexts: {ContextNames(merged)}.", context);

        var contextEntry = merged.Contexts.First(c => c.Name == context);
        var userEntry = merged.Users.FirstOrDefault(u => u.Name == contextEntry.ContextDetails?.User);
        var tokenFile = KubeUserCredentials.ResolveTokenFile(userEntry);
        var plugin = KubeUserCredentials.RunExecPlugin(userEntry, cancellationToken);
        var secrets = merged.Users.SelectMany(u => new[] { u.UserCredentials?.Token, u.UserCredentials?.Password, u.UserCredentials?.ClientKeyData }).ToList();
        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context);
            // tokenFile is re-read as it changes (kubectl does the same); exec tokens are refreshed before they expire.
            if (tokenFile != null) config.TokenProvider = new k8s.Authentication.TokenFileAuth(tokenFile);
            if (plugin?.Provider != null) config.TokenProvider = plugin.Provider;
            secrets.Add(config.AccessToken);
            secrets.Add(config.Password);
            var clusterEntry = merged.Clusters.FirstOrDefault(c => c.Name == contextEntry.ContextDetails?.Cluster);
            return new Loaded(config, $"context '{context}' from {fileList}", context, secrets, DescribeCertificateAuthority(clusterEntry, fileList));
        }
        catch (Exception e) when (e is KubeConfigException or FormatException or IOException or ArgumentException or NullReferenceException)
        {
            var redactor = new SecretRedactor(secrets);
            throw new MeshException("KubeconfigInvalid", MeshErrorKind.InvalidData,
                $"Cannot use context '{context}' from {fileList}: {redactor.Redact(e.Message)}", context);
        }
    }

    /// <summary>The merged kubeconfig's contexts, in file order; no credentials are resolved (see <see cref="KubeContextList.Read"/>).</summary>
    internal static KubeContextList ListContexts(ConnectionOptions options)
    {
        if (options.InCluster) return new KubeContextList([], "in-cluster service account", InCluster: true);
        var files = ResolveFiles(options, out var origin);
        if (files.Count == 0)
        {
            if (KubernetesClientConfiguration.IsInCluster()) return new KubeContextList([], "in-cluster service account", InCluster: true);
            throw new MeshException("KubeconfigNotFound", MeshErrorKind.ObjectNotFound,
                $"No kubeconfig found ({origin}) and not running in a cluster. Pass -Kubeconfig, set KUBECONFIG, or create ~/.kube/config.",
                origin);
        }
        var merged = Merge(files);
        var clusters = merged.Clusters.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var contexts = merged.Contexts.Select(c =>
        {
            var cluster = c.ContextDetails?.Cluster is { } name ? clusters.GetValueOrDefault(name) : null;
            return new KubeContextInfo(c.Name, c.ContextDetails?.Cluster, cluster?.ClusterEndpoint?.Server, c.ContextDetails?.Namespace,
                c.ContextDetails?.User, c.Name == merged.CurrentContext, cluster?.ClusterEndpoint?.SkipTlsVerify == true);
        }).ToList();
        return new KubeContextList(contexts, string.Join(", ", files.Select(f => f.Path)), InCluster: false);
    }

    /// <summary>"the CA file /x/ca.crt (certificate-authority of cluster 'c')", or the data, or the system's roots.</summary>
    private static string DescribeCertificateAuthority(Cluster? cluster, string fileList)
    {
        var endpoint = cluster?.ClusterEndpoint;
        var name = cluster?.Name ?? "?";
        if (!string.IsNullOrEmpty(endpoint?.CertificateAuthorityData))
            return $"the certificate-authority-data of cluster '{name}' in {fileList}";
        if (!string.IsNullOrEmpty(endpoint?.CertificateAuthority))
            return $"the CA file {endpoint.CertificateAuthority} (certificate-authority of cluster '{name}' in {fileList})";
        return $"the system's trusted root certificates (cluster '{name}' in {fileList} names no certificate-authority or certificate-authority-data)";
    }

    private static Loaded LoadInCluster()
    {
        if (!KubernetesClientConfiguration.IsInCluster())
            throw new MeshException("NotInCluster", MeshErrorKind.ObjectNotFound,
                "In-cluster configuration was requested, but there is no service account token (KUBERNETES_SERVICE_HOST or /var/run/secrets/kubernetes.io/serviceaccount is missing).");
        var config = KubernetesClientConfiguration.InClusterConfig();
        return new Loaded(config, "in-cluster service account", null, [config.AccessToken],
            "the service account's CA file /var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
    }

    /// <summary>The files to read, in precedence order, with the ones that do not exist dropped (except an explicit path).</summary>
    internal static IReadOnlyList<(string Path, K8SConfiguration Config)> ResolveFiles(ConnectionOptions options, out string origin)
    {
        if (!string.IsNullOrEmpty(options.KubeconfigPath))
        {
            origin = $"--kubeconfig {options.KubeconfigPath}";
            var full = Path.GetFullPath(options.KubeconfigPath);
            if (Directory.Exists(full)) throw PathErrors.IsDirectory(full, "kubeconfig");
            if (!File.Exists(full))
                throw new MeshException("KubeconfigNotFound", MeshErrorKind.ObjectNotFound,
                    $"The kubeconfig file '{full}' does not exist. Check the path.", full);
            return [(full, Read(full))];
        }

        var variable = options.KubeconfigVariable ?? Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(variable))
        {
            origin = $"KUBECONFIG={variable}";
            var result = new List<(string, K8SConfiguration)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var full = Path.GetFullPath(entry.Trim('"'));
                if (Directory.Exists(full)) throw PathErrors.IsDirectory(full, "each KUBECONFIG entry"); // kubectl fails on it too
                if (!seen.Add(full) || !File.Exists(full)) continue; // kubectl skips duplicates and missing files
                result.Add((full, Read(full)));
            }
            return result;
        }

        var home = options.HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var defaultPath = Path.Combine(home, ".kube", "config");
        origin = defaultPath;
        if (Directory.Exists(defaultPath)) throw PathErrors.IsDirectory(defaultPath, "the default kubeconfig");
        return File.Exists(defaultPath) ? [(defaultPath, Read(defaultPath))] : [];
    }

    private static K8SConfiguration Read(string path)
    {
        if (Directory.Exists(path)) throw PathErrors.IsDirectory(path, "kubeconfig");
        try
        {
            var text = InputFile.ReadAllText(path, "kubeconfig");
            var config = KubernetesYaml.Deserialize<K8SConfiguration>(text) ?? new K8SConfiguration();
            KubeUserCredentials.AttachTokenFiles(config, text);
            AbsolutizePaths(config, Path.GetDirectoryName(path)!);
            return config;
        }
        catch (Exception e) when (e is not MeshException and not OutOfMemoryException)
        {
            // YAML errors can quote the offending line, which may hold a token: say where, not what.
            throw new MeshException("KubeconfigInvalid", MeshErrorKind.InvalidData,
                $"The kubeconfig file '{path}' cannot be read ({e.GetType().Name}). Check that it is a valid kubeconfig (kubectl config view --kubeconfig {path}).", path);
        }
    }

    /// <summary>Relative certificate paths are relative to the file that names them (client-go ResolvePaths).</summary>
    private static void AbsolutizePaths(K8SConfiguration config, string directory)
    {
        string? Fix(string? p) => string.IsNullOrEmpty(p) || Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(directory, p));
        foreach (var cluster in config.Clusters ?? [])
            if (cluster.ClusterEndpoint != null) cluster.ClusterEndpoint.CertificateAuthority = Fix(cluster.ClusterEndpoint.CertificateAuthority);
        foreach (var user in config.Users ?? [])
        {
            if (user.UserCredentials == null) continue;
            user.UserCredentials.ClientCertificate = Fix(user.UserCredentials.ClientCertificate);
            user.UserCredentials.ClientKey = Fix(user.UserCredentials.ClientKey);
            KubeUserCredentials.AbsolutizeTokenFile(user.UserCredentials, Fix);
        }
    }

    /// <summary>kubectl's merge: for clusters, users and contexts the first file defining a name wins; so does current-context.</summary>
    internal static K8SConfiguration Merge(IReadOnlyList<(string Path, K8SConfiguration Config)> files)
    {
        var clusters = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, Context>(StringComparer.Ordinal);
        string? current = null;
        foreach (var (_, config) in files)
        {
            if (string.IsNullOrEmpty(current)) current = config.CurrentContext;
            foreach (var c in config.Clusters ?? []) if (c?.Name != null) clusters.TryAdd(c.Name, c);
            foreach (var u in config.Users ?? []) if (u?.Name != null) users.TryAdd(u.Name, u);
            foreach (var c in config.Contexts ?? []) if (c?.Name != null) contexts.TryAdd(c.Name, c);
        }
        return new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = current,
            Clusters = clusters.Values.ToList(),
            Users = users.Values.ToList(),
            Contexts = contexts.Values.ToList(),
        };
    }

    private static string ContextNames(K8SConfiguration config)
    {
        var names = config.Contexts.Select(c => c.Name).ToList();
        return names.Count == 0 ? "(none)" : string.Join(", ", names);
    }
}
