using System.Net;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// One authenticated connection to a cluster: the library's <see cref="IKubernetes"/> for typed calls plus raw JSON
/// calls for any resource. Every HTTP attempt is written to the host's verbose stream ("GET /api/v1/... -> 200");
/// transient failures are retried per <see cref="RetryPolicy"/>. Credentials never appear in any output.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private readonly RawKubernetes client;
    private readonly SecretRedactor redactor;
    private readonly Action<string> log;

    private readonly string certificateAuthority;

    private ClusterConnection(KubernetesClientConfiguration config, string description, string? context, IEnumerable<string?> secrets, IMeshHost host,
        RetryPolicy? retry, string certificateAuthority)
    {
        redactor = new SecretRedactor(secrets.Append(config.AccessToken).Append(config.Password));
        void Log(string line) => host.WriteVerbose(redactor.Redact(line));
        log = Log;
        // RetryHandler bounds every attempt and the retries; the library's own 100 s limit on typed calls would cut
        // a longer -RequestTimeout short and report it as a bare TaskCanceledException.
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        client = new RawKubernetes(config, new RetryHandler(retry ?? RetryPolicy.Default, Log), new ApiCallLoggingHandler(Log, redactor));
        this.certificateAuthority = certificateAuthority;
        Description = description;
        ContextName = context;
        DefaultNamespace = config.Namespace;
        Server = config.Host;
        SkipTlsVerify = config.SkipTlsVerify;
        Discovery = new ResourceDiscovery(this);
    }

    /// <summary>Connects as kubectl would for <paramref name="options"/>. Nothing is sent until the first call.</summary>
    public static ClusterConnection Connect(ConnectionOptions options, IMeshHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(host);
        var loaded = KubeconfigLoader.Load(options, cancellationToken);
        host.WriteVerbose($"Using {loaded.Description}: server {loaded.Configuration.Host}{(loaded.Configuration.SkipTlsVerify ? " (TLS verification DISABLED by insecure-skip-tls-verify)" : "")}");
        // kubectl trusts such a server silently; a platform engineer should see it every time (anyone on the path can read the token).
        if (loaded.Configuration.SkipTlsVerify)
            host.WriteWarning($"The kubeconfig ({loaded.Description}) sets insecure-skip-tls-verify: the server certificate of {loaded.Configuration.Host} is not checked, " +
                "so credentials may reach whoever answers. Set certificate-authority or certificate-authority-data instead.");
        try
        {
            return new ClusterConnection(loaded.Configuration, loaded.Description, loaded.ContextName, loaded.Secrets, host, options.EffectiveRetry,
                loaded.CertificateAuthority);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
            or k8s.Exceptions.KubeConfigException)
        {
            // The client library reads client-certificate and client-key files only when it builds its HTTP handler.
            throw new MeshException("KubeconfigInvalid", MeshErrorKind.InvalidData,
                new SecretRedactor(loaded.Secrets).Redact($"Cannot use {loaded.Description}: its client certificate or key cannot be loaded ({e.Message}). " +
                    "Fix users[].user.client-certificate and client-key (or their -data forms)."),
                loaded.ContextName);
        }
    }

    /// <summary>Connects with a ready client configuration (e.g. built by the caller).</summary>
    public static ClusterConnection FromConfiguration(KubernetesClientConfiguration configuration, IMeshHost host, RetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(host);
        return new ClusterConnection(configuration, $"server {configuration.Host}", configuration.CurrentContext, [], host, retry,
            configuration.SslCaCerts is { Count: > 0 } ? "the configuration's CA certificates" : "the system's trusted root certificates");
    }

    /// <summary>The library client (same pipeline: logging, retries, credentials).</summary>
    public IKubernetes Client => client;

    /// <summary>"context 'x' from /path/config" or "in-cluster service account".</summary>
    public string Description { get; }

    public string? ContextName { get; }

    /// <summary>The context's namespace, if the kubeconfig sets one.</summary>
    public string? DefaultNamespace { get; }

    public string Server { get; }

    /// <summary>True only when the kubeconfig says insecure-skip-tls-verify.</summary>
    public bool SkipTlsVerify { get; }

    internal ResourceDiscovery Discovery { get; }

    internal string Redact(string? text) => redactor.Redact(text);

    /// <summary>GET a JSON object; null when the server says 404.</summary>
    internal async Task<JsonObject?> GetOrNullAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    internal Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    /// <summary>The server's /version, which istioctl install renders the charts with.</summary>
    public async Task<KubernetesVersion> GetServerVersionAsync(CancellationToken cancellationToken) =>
        KubernetesVersion.FromJson(await GetAsync("/version", cancellationToken).ConfigureAwait(false), Server);

    /// <summary>The Accept value that asks for only the metadata of listed objects (meta.k8s.io/v1 PartialObjectMetadataList).</summary>
    internal const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    /// <summary>
    /// Every item of a collection, page by page (500 a page), optionally filtered by a label selector. With
    /// <paramref name="accept"/> = <see cref="MetadataListAccept"/> the items carry only metadata (a server that cannot
    /// do that sends whole objects, which serve the same purpose).
    /// </summary>
    internal async Task<List<JsonObject>> ListAsync(string collectionPath, string? labelSelector, CancellationToken cancellationToken, string? accept = null) =>
        (await ListWithVersionAsync(collectionPath, labelSelector, cancellationToken, accept).ConfigureAwait(false)).Items;

    /// <summary>As <see cref="ListAsync"/>, with the list's resourceVersion (its first page's), to watch from.</summary>
    internal async Task<(List<JsonObject> Items, string? ResourceVersion)> ListWithVersionAsync(string collectionPath, string? labelSelector, CancellationToken cancellationToken,
        string? accept = null)
    {
        var items = new List<JsonObject>();
        string? continueToken = null;
        string? resourceVersion = null;
        do
        {
            var query = "?limit=500";
            if (!string.IsNullOrEmpty(labelSelector)) query += "&labelSelector=" + Uri.EscapeDataString(labelSelector);
            if (continueToken != null) query += "&continue=" + Uri.EscapeDataString(continueToken);
            var page = await SendAsync(HttpMethod.Get, collectionPath + query, null, null, cancellationToken, accept).ConfigureAwait(false);
            resourceVersion ??= (string?)page["metadata"]?["resourceVersion"] is { Length: > 0 } rv ? rv : null;
            if (page["items"] is JsonArray pageItems)
            {
                items.AddRange(pageItems.OfType<JsonObject>());
                pageItems.Clear(); // detaches the items, so callers may keep or change them
            }
            continueToken = page["metadata"]?["continue"] is JsonValue v && v.TryGetValue<string>(out var c) && c.Length > 0 ? c : null;
        } while (continueToken != null);
        return (items, resourceVersion);
    }

    /// <summary>
    /// Watches a collection (?watch=true, bookmarks allowed) from <paramref name="resourceVersion"/> (null: the current
    /// objects come first as ADDED) and yields its events as they arrive: ADDED, MODIFIED, DELETED, BOOKMARK. The
    /// server ends the stream after <paramref name="timeout"/> (timeoutSeconds; the client stops waiting a few seconds
    /// later, should it not); the enumeration then ends, as it does when the connection drops. An ERROR event (410
    /// Expired: the resourceVersion is too old) throws <see cref="KubeApiException"/> with its status code, as a
    /// refused watch (403, 405, ...) does. Cancelling <paramref name="cancellationToken"/> closes the stream at once.
    /// The verbose stream tells when the watch opened (the call's line) and when it closed.
    /// </summary>
    internal async IAsyncEnumerable<(string Type, JsonObject Object)> WatchAsync(string collectionPath, string? labelSelector, string? fieldSelector,
        string? resourceVersion, TimeSpan timeout, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(timeout.TotalSeconds));
        var query = $"?watch=true&allowWatchBookmarks=true&timeoutSeconds={seconds}";
        if (!string.IsNullOrEmpty(labelSelector)) query += "&labelSelector=" + Uri.EscapeDataString(labelSelector);
        if (!string.IsNullOrEmpty(fieldSelector)) query += "&fieldSelector=" + Uri.EscapeDataString(fieldSelector);
        if (!string.IsNullOrEmpty(resourceVersion)) query += "&resourceVersion=" + Uri.EscapeDataString(resourceVersion);
        var call = $"WATCH {collectionPath}";
        var elapsed = Stopwatch.StartNew();
        using var response = await SendStreamingAsync(collectionPath + query, cancellationToken).ConfigureAwait(false);
        // A server that ignores timeoutSeconds must not hold the wait past its deadline.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(seconds + 5));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        var events = 0;
        var closed = "closed by the client"; // the caller stopped reading (done, or Ctrl+C), unless an end below says otherwise
        try
        {
            while (true)
            {
                var (line, ended) = await ReadLineAsync(reader, bound.Token, cancellationToken).ConfigureAwait(false);
                if (line == null)
                {
                    closed = ended;
                    yield break;
                }
                if (line.Length == 0) continue;
                JsonObject? e;
                try { e = JsonNode.Parse(line) as JsonObject; }
                catch (JsonException)
                {
                    throw new MeshException("KubeApiInvalidResponse", MeshErrorKind.InvalidData,
                        $"{call}: a watch event is not JSON. Is {Server} a Kubernetes API server?", call);
                }
                var type = (string?)e?["type"];
                if (e?["object"] is not JsonObject obj || type == null) continue;
                events++;
                if (type == "ERROR")
                {
                    var code = obj["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : 500;
                    closed = $"ERROR {code} {(string?)obj["reason"]}";
                    throw new KubeApiException(call, (HttpStatusCode)code, obj,
                        Redact($"{call} failed: {code} {(string?)obj["reason"] ?? "Error"}: {(string?)obj["message"]}"));
                }
                yield return (type, obj);
            }
        }
        finally
        {
            log(Redact($"{call}: watch closed after {events} events, {closed} ({elapsed.ElapsedMilliseconds} ms)"));
        }
    }

    /// <summary>The next line; null with the reason when the stream ended (the server closed it, the connection dropped, or the client's bound passed).</summary>
    private static async Task<(string? Line, string Ended)> ReadLineAsync(StreamReader reader, CancellationToken bound, CancellationToken cancellationToken)
    {
        try
        {
            var line = await reader.ReadLineAsync(bound).ConfigureAwait(false);
            return (line, "closed by the server");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "the server kept it open past timeoutSeconds");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is IOException or HttpRequestException)
        {
            return (null, $"connection lost ({e.GetType().Name})");
        }
    }

    /// <summary>Server-side apply of <paramref name="body"/> (JSON is valid YAML, as application/apply-patch+yaml needs).</summary>
    internal Task<JsonObject> ApplyAsync(string objectPath, JsonObject body, string fieldManager, bool force, bool dryRun, CancellationToken cancellationToken)
    {
        var query = $"?fieldManager={Uri.EscapeDataString(fieldManager)}{(force ? "&force=true" : "")}{(dryRun ? "&dryRun=All" : "")}";
        return SendAsync(HttpMethod.Patch, objectPath + query, body.ToJsonString(), "application/apply-patch+yaml", cancellationToken);
    }

    /// <summary>DELETE with background propagation; false when already gone.</summary>
    internal async Task<bool> DeleteAsync(string objectPath, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            var query = "?propagationPolicy=Background" + (dryRun ? "&dryRun=All" : "");
            await SendAsync(HttpMethod.Delete, objectPath + query, null, null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Sends one call; maps failures to <see cref="KubeApiException"/> or a connection <see cref="MeshException"/>.</summary>
    internal async Task<JsonObject> SendAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType, CancellationToken cancellationToken, string? accept = null)
    {
        var call = $"{method} {pathAndQuery.Split('?')[0]}";
        try
        {
            using var response = await SendRawAsync(method, pathAndQuery, body, contentType, accept, false, cancellationToken).ConfigureAwait(false);
            return await ResponseJson.ReadObjectAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            throw new MeshException("KubeApiInvalidResponse", MeshErrorKind.InvalidData,
                $"{call}: the server's answer is not JSON. Is {Server} a Kubernetes API server?", call);
        }
    }

    /// <summary>A GET whose answer is read as it streams (a watch): the response once its headers arrived, failures mapped as <see cref="SendAsync"/> does.</summary>
    private Task<HttpResponseMessage> SendStreamingAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendRawAsync(HttpMethod.Get, pathAndQuery, null, null, null, true, cancellationToken);

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, string? body, string? contentType, string? accept, bool streaming,
        CancellationToken cancellationToken)
    {
        var call = $"{method} {pathAndQuery.Split('?')[0]}";
        using var request = new HttpRequestMessage(method, new Uri(client.BaseUri, pathAndQuery.TrimStart('/')));
        if (body != null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        if (accept == null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        else request.Headers.TryAddWithoutValidation("Accept", accept);
        if (streaming) request.Options.Set(RetryHandler.Streaming, true);
        try
        {
            return await client.SendRawAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            var status = TryParse(e.Response?.Content);
            var serverMessage = (string?)status?["message"] ?? Truncate(e.Response?.Content);
            var code = e.Response?.StatusCode ?? 0;
            throw new KubeApiException(call, code, status,
                Redact($"{call} failed: {(int)code} {status?["reason"]?.GetValue<string>() ?? code.ToString()}: {serverMessage}"));
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested && RetryHandler.HasInner<AuthenticationException>(e))
        {
            throw new MeshException("KubeCertificateUntrusted", MeshErrorKind.SecurityError,
                Redact($"{call}: the API server at {Server} presented a certificate that is not trusted: it was checked against {certificateAuthority}. " +
                    $"Make the kubeconfig ({Description}) name the CA that signed the server's certificate (certificate-authority or certificate-authority-data); " +
                    $"the TLS library said: {Innermost(e).Message}"),
                call);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException or OperationCanceledException)
        {
            throw new MeshException("KubeConnectionFailed", MeshErrorKind.ConnectionError,
                Redact($"{call}: cannot reach the API server at {Server} ({e.GetType().Name}: {e.Message}) after retries. Check the network and the kubeconfig ({Description})."),
                call, e is OperationCanceledException ? null : new HttpRequestException(Redact(e.Message)));
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e;
    }

    private static JsonObject? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
    }

    private static string Truncate(string? text) =>
        string.IsNullOrEmpty(text) ? "(no body)" : text.Length > 300 ? text[..300] + "..." : text;

    public void Dispose() => client.Dispose();
}
