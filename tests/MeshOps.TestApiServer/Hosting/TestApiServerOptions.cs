namespace MeshOps.Testing.KubeApi;

/// <summary>Start-up options of a <see cref="TestApiServer"/>; everything here can also be changed at run time.</summary>
public sealed class TestApiServerOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
    /// <summary>The bearer token clients must send; a random one when null.</summary>
    public string? Token { get; set; }
    /// <summary>Name of the cluster, user and context in written kubeconfigs.</summary>
    public string ContextName { get; set; } = "meshops-test";
    /// <summary>Namespace set in the kubeconfig context.</summary>
    public string? DefaultNamespace { get; set; } = "default";
    /// <summary>Whether the simulated controllers run.</summary>
    public bool ControllersEnabled { get; set; } = true;
    /// <summary>Delay before workloads report ready after a spec change.</summary>
    public TimeSpan WorkloadReadyDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Delay before CRDs are Established.</summary>
    public TimeSpan CrdEstablishDelay { get; set; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Name patterns ('*' wildcard, "name" or "namespace/name") of workloads that never become ready.</summary>
    public IList<string> NeverReady { get; } = new List<string>();
    /// <summary>Seed of the fault injector's random source.</summary>
    public int FaultSeed { get; set; }
    /// <summary>Offer HTTP/2 as well as HTTP/1.1 (TLS ALPN), as kube-apiserver does; false: HTTP/1.1 only.</summary>
    public bool Http2 { get; set; }
    /// <summary>What GET /version reports: gitVersion, major and minor as a provider writes them (minor "27+" on some).</summary>
    public KubernetesVersionInfo KubernetesVersion { get; set; } = new("v1.30.0", "1", "30");
}

/// <summary>The version fields of GET /version.</summary>
public sealed record KubernetesVersionInfo(string GitVersion, string Major, string Minor)
{
    /// <summary>"v1.22.17-gke.1900" → major "1", minor "22".</summary>
    public static KubernetesVersionInfo FromGitVersion(string gitVersion)
    {
        var parts = gitVersion.TrimStart('v').Split('.', '-', '+');
        return new KubernetesVersionInfo(gitVersion, parts[0], parts.Length > 1 ? parts[1] : "0");
    }
}
