using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MeshOps.Engine.Tests.Releases;

/// <summary>Builds release archives (tar.gz) in memory, good or hostile, shaped like Istio's.</summary>
internal static class TestArchive
{
    public static byte[] Build(Action<TarWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(tar);
        }
        return buffer.ToArray();
    }

    public static void File(TarWriter tar, string name, string content) => File(tar, name, Encoding.UTF8.GetBytes(content));

    public static void File(TarWriter tar, string name, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }

    public static void Folder(TarWriter tar, string name) => tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name));

    public static void Link(TarWriter tar, TarEntryType type, string name, string target) =>
        tar.WriteEntry(new PaxTarEntry(type, name) { LinkName = target });

    /// <summary>A small release: two charts, two profiles, and the parts of a real archive that must not be extracted.</summary>
    public static byte[] Synthetic(string version, Action<TarWriter>? extra = null) => Build(tar =>
    {
        var top = $"istio-{version}";
        Folder(tar, top + "/");
        File(tar, top + "/bin/istioctl", "not a real binary");
        File(tar, top + "/manifest.yaml", "version: " + version);
        Folder(tar, top + "/manifests/");
        Folder(tar, top + "/manifests/charts/");
        File(tar, top + "/manifests/charts/base/Chart.yaml", "apiVersion: v1\nname: base\nversion: " + version + "\n");
        File(tar, top + "/manifests/charts/base/templates/crds.yaml", "# crds\n");
        File(tar, top + "/manifests/charts/istio-control/istio-discovery/values.yaml", "pilot:\n  enabled: true\n");
        File(tar, top + "/manifests/profiles/default.yaml", "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n");
        File(tar, top + "/manifests/profiles/minimal.yaml", "spec: {}\n");
        File(tar, top + "/manifests/examples/customresource/istio_v1alpha1_istiooperator_cr.yaml", "kind: IstioOperator\n");
        File(tar, top + "/samples/bookinfo/README.md", "bookinfo");
        extra?.Invoke(tar);
    });

    /// <summary>The real Istio 1.18.5 manifests from ../shared, under istio-1.18.5/manifests/.</summary>
    public static byte[] FromManifests(string manifestsFolder, string version) => Build(tar =>
    {
        foreach (var file in Directory.EnumerateFiles(manifestsFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(manifestsFolder, file).Replace('\\', '/');
            File(tar, $"istio-{version}/manifests/{relative}", System.IO.File.ReadAllBytes(file));
        }
    });

    public static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    /// <summary>The .sha256 file as Istio publishes it.</summary>
    public static string ChecksumFile(byte[] data, string fileName) => $"{Sha256(data)}  {fileName}\n";
}
