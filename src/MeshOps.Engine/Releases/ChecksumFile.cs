using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>Reads a published .sha256 file: "&lt;64 hex&gt;  &lt;file name&gt;" (sha256sum's format; "*name" for binary mode too).</summary>
internal static class ChecksumFile
{
    /// <summary>The lower-case hex digest for <paramref name="expectedFileName"/>; MeshException "IstioChecksumFileInvalid" otherwise.</summary>
    public static string Parse(string text, string expectedFileName, string source)
    {
        var line = text.Split('\n').Select(l => l.TrimEnd('\r').Trim()).FirstOrDefault(l => l.Length > 0);
        if (line == null) throw Invalid(source, "it is empty");
        var space = line.IndexOfAny([' ', '\t']);
        var hex = space < 0 ? line : line[..space];
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit)) throw Invalid(source, $"'{Shorten(hex)}' is not a SHA-256 in hex");
        if (space >= 0)
        {
            var name = line[space..].Trim().TrimStart('*');
            if (!string.Equals(Path.GetFileName(name), expectedFileName, StringComparison.Ordinal))
                throw Invalid(source, $"it is the checksum of '{name}', not of {expectedFileName}");
        }
        return hex.ToLowerInvariant();
    }

    private static string Shorten(string s) => s.Length > 80 ? s[..80] + "..." : s;

    private static MeshException Invalid(string source, string why) => new(ReleaseErrors.IstioChecksumFileInvalid, MeshErrorKind.InvalidData,
        $"The checksum file {source} is not usable: {why}. It must read '<sha256 hex>  <archive name>' as Istio publishes it.", source);
}
