namespace MeshOps.Engine.Releases;

/// <summary>Names and addresses of Istio's published release files.</summary>
public static class ReleaseFiles
{
    /// <summary>Where Istio publishes its release archives; the version's folder follows.</summary>
    public const string GitHubReleases = "https://github.com/istio/istio/releases/download/";

    /// <summary>The Linux amd64 archive, which (like every platform's) carries the same manifests: istio-&lt;version&gt;-linux-amd64.tar.gz.</summary>
    public static string ArchiveName(IstioVersion version) => $"istio-{version}-linux-amd64.tar.gz";

    /// <summary>The checksum file published next to the archive.</summary>
    public static string ChecksumName(IstioVersion version) => ArchiveName(version) + ".sha256";

    /// <summary>The folder every entry of the archive lives in: istio-&lt;version&gt;.</summary>
    public static string TopFolder(IstioVersion version) => $"istio-{version}";

    /// <summary>https://github.com/istio/istio/releases/download/&lt;version&gt;/</summary>
    public static Uri DefaultBaseUri(IstioVersion version) => new(GitHubReleases + version + "/");
}
