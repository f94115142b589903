using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Maps apiVersion + kind to a REST resource using the server's discovery documents, one group-version at a time,
/// cached. A miss refetches that group-version once, because a CRD applied a moment ago becomes served only after
/// it is Established.
/// </summary>
internal sealed class ResourceDiscovery
{
    private readonly ClusterConnection connection;
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, ResourceType>?>>> cache = new(StringComparer.Ordinal);

    public ResourceDiscovery(ClusterConnection connection) => this.connection = connection;

    /// <summary>The resource for the kind, or null when the server does not serve it.</summary>
    public async Task<ResourceType?> TryResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        var found = await LookupAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        if (found != null) return found;
        Invalidate(apiVersion);
        return await LookupAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ResourceType> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken) =>
        await TryResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false)
        ?? throw new MeshException("ResourceKindNotServed", MeshErrorKind.ObjectNotFound,
            $"The cluster does not serve kind {kind} in {apiVersion}. Install its CustomResourceDefinition first (the Base component), or check the apiVersion.",
            $"{apiVersion}/{kind}");

    /// <summary>Forgets a group-version, e.g. after a CRD for it was established.</summary>
    public void Invalidate(string apiVersion) => cache.TryRemove(apiVersion, out _);

    private async Task<ResourceType?> LookupAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        var lazy = cache.GetOrAdd(apiVersion, v => new Lazy<Task<IReadOnlyDictionary<string, ResourceType>?>>(() => FetchAsync(v, cancellationToken)));
        IReadOnlyDictionary<string, ResourceType>? kinds;
        try
        {
            kinds = await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<IReadOnlyDictionary<string, ResourceType>?>>>(apiVersion, lazy));
            throw;
        }
        return kinds != null && kinds.TryGetValue(kind, out var type) ? type : null;
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
