using System.Globalization;
using System.Text.Json;

namespace MeshOps.Engine.Releases;

/// <summary>release.json in a cached release's folder: version, archive SHA-256, source and saved-at.</summary>
internal static class ReleaseMetadata
{
    public const string FileName = "release.json";

    public static void Write(string folder, IstioVersion version, string sha256, string source, DateTimeOffset savedAt)
    {
        using var stream = new FileStream(Path.Combine(folder, FileName), FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("version", version.ToString());
        json.WriteString("sha256", sha256);
        json.WriteString("source", source);
        json.WriteString("savedAt", savedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    /// <summary>The release in <paramref name="folder"/>, or null when its metadata is missing, unreadable or for another version.</summary>
    public static CachedRelease? TryRead(string folder, IstioVersion expected)
    {
        var file = Path.Combine(folder, FileName);
        try
        {
            if (!File.Exists(file)) return null;
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (!IstioVersion.TryParse(Text(root, "version"), out var version) || !version!.Equals(expected)) return null;
            var sha256 = Text(root, "sha256");
            var source = Text(root, "source");
            if (sha256 == null || source == null) return null;
            if (!DateTimeOffset.TryParse(Text(root, "savedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var savedAt)) return null;
            return new CachedRelease(version, folder, Path.Combine(folder, "manifests"), sha256, source, savedAt);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
