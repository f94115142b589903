using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>
/// Puts Istio releases into a <see cref="ReleaseCache"/>: downloads istio-&lt;version&gt;-linux-amd64.tar.gz and its
/// .sha256 from GitHub (or a mirror with the same file names, laid out as GitHub or in one folder), or imports an
/// archive already on disk; verifies the checksum and extracts only manifests/charts and manifests/profiles. Nothing half-done is ever visible: the archive
/// goes to a temporary file and is extracted into a temporary folder in the cache, which is renamed into place last;
/// a lock file keeps two saves of one version apart.
/// </summary>
public sealed class ReleaseDownloader
{
    private static readonly Lazy<HttpClient> SharedClient = new(CreateClient);
    private readonly HttpClient _http;

    /// <param name="cache">The cache to fill.</param>
    /// <param name="http">The client to download with; null for a shared one (its own timeouts apply on top of ours).</param>
    public ReleaseDownloader(ReleaseCache cache, HttpClient? http = null)
    {
        Cache = cache;
        _http = http ?? SharedClient.Value;
    }

    public ReleaseCache Cache { get; }

    public ReleaseLimits Limits { get; init; } = ReleaseLimits.Default;

    /// <summary>How long to wait for a response's headers.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the download may stall (no byte received) before it fails.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for another process saving the same version.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Downloads, verifies and caches <paramref name="version"/>; returns the cached release without downloading
    /// when it is already cached, unless <paramref name="force"/>.
    /// </summary>
    /// <param name="baseUri">
    /// The root of a mirror laid out like GitHub's release downloads (&lt;root&gt;/&lt;version&gt;/&lt;files&gt;), or the folder
    /// of one release (&lt;folder&gt;/&lt;files&gt;); null for GitHub's own root, https://github.com/istio/istio/releases/download/.
    /// </param>
    public async Task<CachedRelease> SaveAsync(IstioVersion version, Uri? baseUri, bool force, IMeshHost host, CancellationToken cancel)
    {
        var folders = CandidateFolders(baseUri, version);
        if (!force && Cache.TryGet(version) is { } cached) return AlreadyCached(cached, host);

        using var gate = await LockAsync(version, host, cancel).ConfigureAwait(false);
        if (!force && Cache.TryGet(version) is { } savedMeanwhile) return AlreadyCached(savedMeanwhile, host);
        RemoveAbandoned(version, host);

        var archiveName = ReleaseFiles.ArchiveName(version);
        var (folder, checksumText) = await FindReleaseFolderAsync(folders, version, host, cancel).ConfigureAwait(false);
        var archiveUri = new Uri(folder, archiveName);
        var checksumUri = new Uri(folder, ReleaseFiles.ChecksumName(version));
        var expected = ChecksumFile.Parse(checksumText, archiveName, checksumUri.ToString());

        var temporary = Path.Combine(Cache.ReleasesFolder, $".download-{version}-{Guid.NewGuid():N}.tar.gz");
        try
        {
            host.WriteVerbose($"Downloading {archiveUri}");
            string actual;
            try
            {
                actual = await DownloadAsync(archiveUri, temporary, version, host, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CacheUnwritable(version, e);
            }
            VerifyChecksum(archiveUri.ToString(), expected, actual, checksumUri.ToString());
            host.WriteVerbose($"SHA-256 {actual} matches {checksumUri}");
            return Install(temporary, archiveName, version, actual, archiveUri.ToString(), host, cancel);
        }
        finally
        {
            TryDeleteFile(temporary);
        }
    }

    /// <summary>
    /// Caches a release archive already on disk (for machines without network access). The version comes from the
    /// archive's istio-&lt;version&gt;/ folder when <paramref name="version"/> is null (and must match it otherwise).
    /// When &lt;archive&gt;.sha256 sits beside it, the archive must match it.
    /// </summary>
    public async Task<CachedRelease> ImportAsync(string archivePath, IstioVersion? version, bool force, IMeshHost host, CancellationToken cancel)
    {
        var archive = Path.GetFullPath(archivePath);
        var info = new FileInfo(archive);
        if (!info.Exists)
        {
            throw new MeshException(ReleaseErrors.IstioArchiveNotFound, MeshErrorKind.ObjectNotFound,
                $"The archive {archive} does not exist. Pass the path of an istio-<version>-linux-amd64.tar.gz file.", archive);
        }
        if (info.Length > Limits.MaxArchiveBytes) throw ReleaseErrors.ArchiveTooLarge(archive, "the archive", Limits.MaxArchiveBytes);

        string actual;
        try
        {
            await using var stream = OpenArchive(archive);
            actual = Convert.ToHexString(await SHA256.HashDataAsync(stream, cancel).ConfigureAwait(false)).ToLowerInvariant();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReleaseErrors.ArchiveInvalid(archive, $"it cannot be read ({e.Message})", e);
        }
        var checksumPath = archive + ".sha256";
        if (File.Exists(checksumPath))
        {
            var expected = ChecksumFile.Parse(await File.ReadAllTextAsync(checksumPath, cancel).ConfigureAwait(false), info.Name, checksumPath);
            VerifyChecksum(archive, expected, actual, checksumPath);
            host.WriteVerbose($"SHA-256 {actual} matches {checksumPath}");
        }
        else
        {
            host.WriteVerbose($"No {Path.GetFileName(checksumPath)} beside the archive; its SHA-256 {actual} is recorded but not verified.");
        }

        if (version == null)
        {
            await using var stream = OpenArchive(archive);
            version = ReleaseArchiveExtractor.ReadVersion(stream, archive, Limits);
        }
        if (!force && Cache.TryGet(version) is { } cached) return AlreadyCached(cached, host);
        using var gate = await LockAsync(version, host, cancel).ConfigureAwait(false);
        if (!force && Cache.TryGet(version) is { } savedMeanwhile) return AlreadyCached(savedMeanwhile, host);
        RemoveAbandoned(version, host);
        return Install(archive, archive, version, actual, archive, host, cancel);
    }

    /// <summary>The lock file of a version: &lt;root&gt;/istio/.&lt;version&gt;.lock.</summary>
    internal string LockPath(IstioVersion version) => Path.Combine(Cache.ReleasesFolder, $".{version}.lock");

    private Task<CacheLock> LockAsync(IstioVersion version, IMeshHost host, CancellationToken cancel) =>
        CacheLock.AcquireAsync(LockPath(version), $"Istio {version}", LockWait, host, cancel);

    private static CachedRelease AlreadyCached(CachedRelease release, IMeshHost host)
    {
        host.WriteVerbose($"Istio {release.Version} is already cached in {release.Folder} (saved {release.SavedAt:u} from {release.Source}); " +
            "use -Force to save it again.");
        return release;
    }

    /// <summary>Extracts into a temporary folder, writes release.json, then renames it to the version folder. Hold the lock.</summary>
    private CachedRelease Install(string archiveFile, string archiveName, IstioVersion version, string sha256, string source, IMeshHost host, CancellationToken cancel)
    {
        var staging = Path.Combine(Cache.ReleasesFolder, $".extract-{version}-{Guid.NewGuid():N}");
        var previous = Path.Combine(Cache.ReleasesFolder, $".previous-{version}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            using (var stream = OpenArchive(archiveFile))
            {
                ReleaseArchiveExtractor.Extract(stream, archiveName, version, staging, Limits, cancel);
            }
            ReleaseMetadata.Write(staging, version, sha256, source, DateTimeOffset.UtcNow);
            cancel.ThrowIfCancellationRequested();

            var target = Cache.GetReleaseFolder(version);
            // A directory cannot be renamed over another: move the old one aside first (only -Force or a broken folder gets here).
            if (Directory.Exists(target)) Directory.Move(target, previous);
            Directory.Move(staging, target);
            host.WriteVerbose($"Saved Istio {version} to {target}");
            return Cache.TryGet(version) ?? throw new MeshException(ReleaseErrors.ReleaseCacheUnavailable, MeshErrorKind.InvalidOperation,
                $"Istio {version} was saved to {target} but cannot be read back; check that nothing else changes the cache folder.", target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CacheUnwritable(version, e);
        }
        finally
        {
            TryDeleteFolder(staging);
            TryDeleteFolder(previous);
        }
    }

    private MeshException CacheUnwritable(IstioVersion version, Exception e) => new(ReleaseErrors.ReleaseCacheUnavailable, MeshErrorKind.PermissionDenied,
        $"Cannot write Istio {version} into the release cache {Cache.ReleasesFolder}: {e.Message}. " +
        $"Free some space or set {CacheRoot.EnvironmentVariable} to a folder you may write to.", Cache.ReleasesFolder, e);

    /// <summary>
    /// Deletes the temporary files of an earlier save of this version that was killed before it could clean up.
    /// Only called under the version's lock, so no live save owns them.
    /// </summary>
    private void RemoveAbandoned(IstioVersion version, IMeshHost host)
    {
        foreach (var prefix in new[] { ".download-", ".extract-", ".previous-" })
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Cache.ReleasesFolder, $"{prefix}{version}-*"))
            {
                host.WriteVerbose($"Removing {entry}, left by an interrupted save.");
                if (Directory.Exists(entry)) TryDeleteFolder(entry);
                else TryDeleteFile(entry);
            }
        }
    }

    // Every read of an archive stops at the size cap: FileInfo.Length is 0 for /dev/zero, a pipe or a device, and a
    // file can grow after it was measured, so the length check alone would let the checksum read forever.
    private Stream OpenArchive(string path) =>
        new LimitedReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: false),
            Limits.MaxArchiveBytes, () => ReleaseErrors.ArchiveTooLarge(path, "the archive", Limits.MaxArchiveBytes), leaveOpen: false);

    private static void VerifyChecksum(string archive, string expected, string actual, string checksumSource)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal)) return;
        throw new MeshException(ReleaseErrors.IstioReleaseChecksumMismatch, MeshErrorKind.InvalidData,
            $"The SHA-256 of {archive} is {actual}, but {checksumSource} says {expected}. Nothing was saved. " +
            "The file is damaged or not the one published; download it again (from another mirror if this keeps happening).", archive);
    }

    /// <summary>
    /// Where the release's files may be, in the order they are tried. GitHub keeps each release in its own folder under
    /// one root, so a -BaseUri is first taken as such a root (&lt;base&gt;/&lt;version&gt;/), which makes a mirror of GitHub and
    /// GitHub itself behave alike; then as the folder of that one release (&lt;base&gt;/), which is what -BaseUri meant
    /// before mirror roots were accepted. The root is tried first because a folder of one release cannot hold a &lt;version&gt;/ subfolder by
    /// accident, while a root could hold loose files of some release. GitHub's own root needs no fallback.
    /// </summary>
    internal static IReadOnlyList<Uri> CandidateFolders(Uri? baseUri, IstioVersion version)
    {
        if (baseUri == null) return [ReleaseFiles.DefaultBaseUri(version)];
        var folder = ReleaseFolderUri(baseUri);
        return [new Uri(folder, version + "/"), folder];
    }

    /// <summary>
    /// Fetches the checksum file from the first folder that has it (HTTP 404 moves on to the next) and tells in -Verbose
    /// which address was used; any other failure stops at once, so a broken mirror is never mistaken for a missing file.
    /// </summary>
    private async Task<(Uri Folder, string ChecksumText)> FindReleaseFolderAsync(IReadOnlyList<Uri> folders, IstioVersion version, IMeshHost host, CancellationToken cancel)
    {
        var tried = new List<Uri>();
        foreach (var folder in folders)
        {
            var checksumUri = new Uri(folder, ReleaseFiles.ChecksumName(version));
            host.WriteVerbose($"Downloading {checksumUri}");
            var text = await GetTextAsync(checksumUri, version, cancel, notFoundIsNull: true).ConfigureAwait(false);
            tried.Add(checksumUri);
            if (text != null)
            {
                if (tried.Count > 1) host.WriteVerbose($"Using the release folder {folder} (not found at {string.Join(", ", tried.SkipLast(1))}).");
                return (folder, text);
            }
            host.WriteVerbose($"{checksumUri} is not there (HTTP 404).");
        }
        var where = tried.Count == 1 ? "" : $" (nor at {string.Join(", ", tried.Skip(1))})";
        throw ReleaseErrors.DownloadFailed(tried[0],
            $"the server has no such file (HTTP 404){where}. Check that Istio {version} exists (https://github.com/istio/istio/releases) " +
            "and, with -BaseUri, that the mirror holds the release files under the same names, either in <BaseUri>/<version>/ " +
            "(as GitHub lays them out) or in <BaseUri>/ itself.", MeshErrorKind.ObjectNotFound);
    }

    /// <summary>Downloads to <paramref name="file"/> and returns the lower-case hex SHA-256 of what was received.</summary>
    private async Task<string> DownloadAsync(Uri uri, string file, IstioVersion version, IMeshHost host, CancellationToken cancel)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var response = await SendAsync(uri, version, cancel).ConfigureAwait(false);
        var length = response.Content.Headers.ContentLength;
        if (length > Limits.MaxArchiveBytes) throw ReleaseErrors.ArchiveTooLarge(uri.ToString(), "the archive", Limits.MaxArchiveBytes);

        var progress = new DownloadProgress(host, $"Downloading Istio {version}", length);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        await using var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long received = 0;
        while (true)
        {
            stall.CancelAfter(ReadTimeout);
            int read;
            try
            {
                read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw ReleaseErrors.DownloadFailed(uri, $"the connection broke after {Received(received, length)} ({e.Message}). Nothing was saved; run the command again.", inner: e);
            }
            catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
            {
                throw ReleaseErrors.DownloadFailed(uri, $"nothing arrived for {ReadTimeout.TotalSeconds:0} seconds after {Received(received, length)}. Nothing was saved; run the command again.", MeshErrorKind.OperationTimeout, e);
            }
            if (read == 0) break;
            received += read;
            if (received > Limits.MaxArchiveBytes) throw ReleaseErrors.ArchiveTooLarge(uri.ToString(), "the archive", Limits.MaxArchiveBytes);
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
            progress.Report(received);
        }
        if (length.HasValue && received != length.Value)
            throw ReleaseErrors.DownloadFailed(uri, $"it ended after {Received(received, length)}. Nothing was saved; run the command again.");
        progress.Complete(received);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static string Received(long received, long? length) =>
        length.HasValue ? $"{received:N0} of {length.Value:N0} bytes" : $"{received:N0} bytes";

    /// <summary>The body of a small text file; null for HTTP 404 when <paramref name="notFoundIsNull"/>.</summary>
    private async Task<string?> GetTextAsync(Uri uri, IstioVersion version, CancellationToken cancel, bool notFoundIsNull = false)
    {
        const int MaxChecksumFileBytes = 64 * 1024;
        using var response = await SendAsync(uri, version, cancel, notFoundIsNull).ConfigureAwait(false);
        if (response == null) return null;
        if (response.Content.Headers.ContentLength > MaxChecksumFileBytes) throw ReleaseErrors.DownloadFailed(uri, "it is too large to be a checksum file.", MeshErrorKind.InvalidData);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            if (bytes.Length > MaxChecksumFileBytes) throw ReleaseErrors.DownloadFailed(uri, "it is too large to be a checksum file.", MeshErrorKind.InvalidData);
            return System.Text.Encoding.UTF8.GetString(bytes);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw ReleaseErrors.DownloadFailed(uri, $"the connection broke ({e.Message}); run the command again.", inner: e);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw ReleaseErrors.DownloadFailed(uri, $"nothing arrived for {ReadTimeout.TotalSeconds:0} seconds; run the command again.", MeshErrorKind.OperationTimeout, e);
        }
    }

    /// <summary>GET with headers-only completion; maps connect failures, timeouts and HTTP errors to MeshExceptions.</summary>
    private async Task<HttpResponseMessage> SendAsync(Uri uri, IstioVersion version, CancellationToken cancel) =>
        (await SendAsync(uri, version, cancel, notFoundIsNull: false).ConfigureAwait(false))!;

    /// <summary>As <see cref="SendAsync(Uri, IstioVersion, CancellationToken)"/>; null for HTTP 404 when <paramref name="notFoundIsNull"/>.</summary>
    private async Task<HttpResponseMessage?> SendAsync(Uri uri, IstioVersion version, CancellationToken cancel, bool notFoundIsNull)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(ResponseTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (IsConnectFailure(e))
        {
            throw ReleaseErrors.Offline(version, uri, e);
        }
        catch (HttpRequestException e)
        {
            throw ReleaseErrors.DownloadFailed(uri, $"{e.Message}. Run the command again, or pass -BaseUri with a mirror.", inner: e);
        }
        catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw ReleaseErrors.DownloadFailed(uri, $"no answer within {ResponseTimeout.TotalSeconds:0} seconds. Run the command again, or pass -BaseUri with a mirror.", MeshErrorKind.OperationTimeout, e);
        }
        if (response.IsSuccessStatusCode) return response;

        var status = (int)response.StatusCode;
        response.Dispose();
        if (response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull) return null;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw ReleaseErrors.DownloadFailed(uri,
                $"the server has no such file (HTTP 404). Check that Istio {version} exists (https://github.com/istio/istio/releases) " +
                "and, with -BaseUri, that the mirror holds the release files under the same names.", MeshErrorKind.ObjectNotFound);
        }
        throw ReleaseErrors.DownloadFailed(uri, $"the server answered HTTP {status} {response.ReasonPhrase}. Run the command again later, or pass -BaseUri with a mirror.");
    }

    /// <summary>A connection that could not be made at all (refused, no route, no DNS): the machine seems offline.</summary>
    private static bool IsConnectFailure(HttpRequestException error)
    {
        for (Exception? e = error; e != null; e = e.InnerException)
        {
            if (e is SocketException) return true;
        }
        return false;
    }

    /// <summary>An absolute http(s) folder URI ending in "/", so file names resolve inside it.</summary>
    internal static Uri ReleaseFolderUri(Uri baseUri)
    {
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new MeshException(ReleaseErrors.ReleaseBaseUriInvalid, MeshErrorKind.InvalidArgument,
                $"'{baseUri}' is not an absolute http:// or https:// address. -BaseUri takes the folder that holds " +
                "istio-<version>-linux-amd64.tar.gz and its .sha256 file, such as https://mirror.example/istio/1.18.5/, or the root " +
                "that holds one such folder per version, such as https://mirror.example/istio/.", baseUri.OriginalString);
        }
        if (!string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
        {
            throw new MeshException(ReleaseErrors.ReleaseBaseUriInvalid, MeshErrorKind.InvalidArgument,
                $"'{baseUri}' has a query or fragment; -BaseUri takes a plain folder address.", baseUri.OriginalString);
        }
        return baseUri.AbsolutePath.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }

    private static HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = true,
        };
        // Timeouts are ours (headers and stalls); a whole-download timeout would fail slow but healthy links.
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("MeshOps");
        return client;
    }

    private static void TryDeleteFile(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void TryDeleteFolder(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
