using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Maps apiVersion + kind to a REST resource, cached per group-version. The core group's lasting kinds are known
/// without a request (<see cref="CoreResources"/>). The first other lookup reads the named groups with aggregated
/// discovery (one request, /apis, as kubectl does on servers since 1.26; kubectl reads /api too, whose kinds
/// are known here); a server without it is read one group-version at a time. A miss refetches that group-version once, unless its answer is from this
/// very lookup, because a CRD applied a moment ago becomes served only after it is Established. Established CRDs
/// can also be taught directly (<see cref="Learn"/>), which spares that refetch. A group-version aggregated discovery
/// did not name, when that answer is from this very lookup, is not served: no request asks again.
/// </summary>
internal sealed class ResourceDiscovery
{
    private const string AggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," +
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    private readonly ClusterConnection connection;
    private readonly ConcurrentDictionary<string, Entry> cache = new(StringComparer.Ordinal);
    private readonly object aggregatedLock = new();
    private Task? aggregated;
    // When aggregated discovery answered for every root (Stopwatch ticks; 0: not, or not yet).
    private long aggregatedAt;

    /// <summary>One group-version's kinds (null: not served), and when they were asked for (Stopwatch ticks).</summary>
    private sealed record Entry(Lazy<Task<IReadOnlyDictionary<string, ResourceType>?>> Kinds, long Fetched);

    public ResourceDiscovery(ClusterConnection connection) => this.connection = connection;

    /// <summary>The resource for the kind, or null when the server does not serve it.</summary>
    public async Task<ResourceType?> TryResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        if (CoreResources.Find(apiVersion, kind) is { } core) return core;
        var start = Stopwatch.GetTimestamp();
        await EnsureAggregatedAsync(cancellationToken).ConfigureAwait(false);
        // Aggregated discovery read for this very lookup names every group-version served: one it lacks is not served.
        // Not so for the core group (/api), which it does not read: another core kind is read from /api/v1.
        if (apiVersion != "v1" && Interlocked.Read(ref aggregatedAt) >= start && !cache.ContainsKey(apiVersion)) return null;
        var (found, fetched) = await LookupAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        if (found != null || fetched >= start) return found;
        Invalidate(apiVersion);
        return (await LookupAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)).Type;
    }

    public async Task<ResourceType> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken) =>
        await TryResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
        ?? throw new MeshException("ResourceKindNotServed", MeshErrorKind.ObjectNotFound,
            $"The cluster does not serve kind {kind} in {apiVersion}. Install its CustomResourceDefinition first (the Base component), or check the apiVersion.",
            $"{apiVersion}/{kind}");

    /// <summary>
    /// Whether aggregated discovery, read at or after <paramref name="since"/> (Stopwatch ticks), serves the kind in any
    /// version of the group: a CRD's kinds are served once it is Established, so false means no such CRD stands.
    /// Null when no such read is at hand (none yet, one from before, or a server without aggregated discovery).
    /// </summary>
    public bool? ServesAnyVersion(string group, string kind, long since)
    {
        var at = Interlocked.Read(ref aggregatedAt);
        if (at == 0 || at < since) return null;
        foreach (var (apiVersion, entry) in cache)
        {
            if (!apiVersion.StartsWith(group + "/", StringComparison.Ordinal)) continue;
            if (!entry.Kinds.IsValueCreated || !entry.Kinds.Value.IsCompletedSuccessfully) return null; // being read: not known
            if (entry.Kinds.Value.Result?.ContainsKey(kind) == true) return true;
        }
        return false;
    }

    /// <summary>Forgets a group-version, e.g. after a CRD for it was established.</summary>
    public void Invalidate(string apiVersion) => cache.TryRemove(apiVersion, out _);

    /// <summary>
    /// Records the kind an Established CustomResourceDefinition serves, in each served version. Other kinds of those
    /// group-versions still resolve: a miss refetches.
    /// </summary>
    public void Learn(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var group = (string?)spec?["group"];
        var kind = (string?)spec?["names"]?["kind"];
        var plural = (string?)spec?["names"]?["plural"];
        if (string.IsNullOrEmpty(group) || string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(plural)) return;
        var namespaced = (string?)spec?["scope"] == "Namespaced";
        foreach (var v in (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)v["name"] is not { Length: > 0 } version || v["served"] is JsonValue s && s.TryGetValue<bool>(out var served) && !served) continue;
            var type = new ResourceType(group, version, kind, plural, namespaced);
            cache.AddOrUpdate($"{group}/{version}",
                _ => Known(new Dictionary<string, ResourceType>(StringComparer.Ordinal) { [kind] = type }),
                (_, old) =>
                {
                    var kinds = old.Kinds.IsValueCreated && old.Kinds.Value.IsCompletedSuccessfully && old.Kinds.Value.Result is { } k
                        ? new Dictionary<string, ResourceType>(k, StringComparer.Ordinal)
                        : new Dictionary<string, ResourceType>(StringComparer.Ordinal);
                    kinds[kind] = type;
                    return Known(kinds);
                });
        }
    }

    private static Entry Known(IReadOnlyDictionary<string, ResourceType>? kinds) =>
        new(new Lazy<Task<IReadOnlyDictionary<string, ResourceType>?>>(Task.FromResult(kinds)), Stopwatch.GetTimestamp());

    private async Task<(ResourceType? Type, long Fetched)> LookupAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        var entry = cache.GetOrAdd(apiVersion, v => new Entry(
            new Lazy<Task<IReadOnlyDictionary<string, ResourceType>?>>(() => FetchAsync(v, cancellationToken)), Stopwatch.GetTimestamp()));
        IReadOnlyDictionary<string, ResourceType>? kinds;
        try
        {
            kinds = await entry.Kinds.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Entry>(apiVersion, entry));
            throw;
        }
        return (kinds != null && kinds.TryGetValue(kind, out var type) ? type : null, entry.Fetched);
    }

    /// <summary>
    /// Reads aggregated discovery now, once (a later call waits for the same read): the installer starts it while it
    /// renders, the apply awaits it before anything else (alone, it probes the server).
    /// </summary>
    public Task PrefetchAsync(CancellationToken cancellationToken) => EnsureAggregatedAsync(cancellationToken);

    /// <summary>Aggregated discovery, once; a failed attempt is tried again by the next lookup.</summary>
    private Task EnsureAggregatedAsync(CancellationToken cancellationToken)
    {
        lock (aggregatedLock)
        {
            if (aggregated == null || aggregated.IsFaulted || aggregated.IsCanceled) aggregated = LoadAggregatedAsync(cancellationToken);
            return aggregated;
        }
    }

    /// <summary>
    /// The named groups (/apis). The core group's kinds are known (<see cref="CoreResources"/>), and one not known is
    /// read from /api/v1 when asked for.
    /// </summary>
    private async Task LoadAggregatedAsync(CancellationToken cancellationToken)
    {
        var doc = await ReadRootAsync("/apis", cancellationToken).ConfigureAwait(false);
        if ((string?)doc?["kind"] != "APIGroupDiscoveryList") return; // none, or an older server: per group-version lookups
        var stamp = Stopwatch.GetTimestamp();
        foreach (var (apiVersion, kinds) in ParseAggregated(doc))
            cache.TryAdd(apiVersion, new Entry(new Lazy<Task<IReadOnlyDictionary<string, ResourceType>?>>(Task.FromResult<IReadOnlyDictionary<string, ResourceType>?>(kinds)), stamp));
        Interlocked.Exchange(ref aggregatedAt, Stopwatch.GetTimestamp());
    }

    /// <summary>One root's aggregated discovery document; null where the server has none (404, 406).</summary>
    private async Task<JsonObject?> ReadRootAsync(string root, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.SendAsync(HttpMethod.Get, root, null, null, cancellationToken, AggregatedAccept).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NotAcceptable)
        {
            return null;
        }
    }

    /// <summary>apidiscovery.k8s.io v2 (and v2beta1, the same shape) APIGroupDiscoveryList to kinds per group-version.</summary>
    internal static IEnumerable<(string ApiVersion, Dictionary<string, ResourceType> Kinds)> ParseAggregated(JsonObject doc)
    {
        foreach (var item in (doc["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var group = (string?)item["metadata"]?["name"] ?? "";
            foreach (var v in (item["versions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)v["version"] is not { Length: > 0 } version) continue;
                var kinds = new Dictionary<string, ResourceType>(StringComparer.Ordinal);
                foreach (var r in (v["resources"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var plural = (string?)r["resource"];
                    var kind = (string?)r["responseKind"]?["kind"];
                    if (string.IsNullOrEmpty(plural) || string.IsNullOrEmpty(kind)) continue;
                    kinds.TryAdd(kind, new ResourceType(group, version, kind, plural, (string?)r["scope"] == "Namespaced"));
                }
                yield return (group.Length == 0 ? version : $"{group}/{version}", kinds);
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, ResourceType>?> FetchAsync(string apiVersion, CancellationToken cancellationToken)
    {
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
        var doc = await connection.GetOrNullAsync(path, cancellationToken).ConfigureAwait(false);
        if (doc == null) return null; // group-version not served (yet)
        var result = new Dictionary<string, ResourceType>(StringComparer.Ordinal);
        foreach (var item in doc["resources"] as JsonArray ?? [])
        {
            if (item is not JsonObject r) continue;
            var name = (string?)r["name"];
            var kind = (string?)r["kind"];
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(kind) || name.Contains('/')) continue; // subresources
            result.TryAdd(kind, new ResourceType(group, version, kind, name, (bool?)r["namespaced"] ?? false));
        }
        return result;
    }
}
