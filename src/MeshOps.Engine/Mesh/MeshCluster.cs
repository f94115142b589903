using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// The reads and writes the mesh operations need, by apiVersion and kind, on top of <see cref="ClusterConnection"/>
/// (which logs every call, retries and redacts tokens). Objects are JSON, as the API serves them.
/// </summary>
public sealed class MeshCluster : IDisposable
{
    private readonly bool _ownsConnection;

    public MeshCluster(ClusterConnection connection, bool ownsConnection = false)
    {
        Connection = connection;
        _ownsConnection = ownsConnection;
    }

    /// <summary>Connects as kubectl would (kubeconfig files, context, in-cluster account).</summary>
    /// <summary>Connects; <paramref name="cancellationToken"/> stops an exec credential plugin that is still running.</summary>
    public static MeshCluster Connect(ConnectionOptions options, IMeshHost host, CancellationToken cancellationToken = default) =>
        new(ClusterConnection.Connect(options, host, cancellationToken), ownsConnection: true);

    public ClusterConnection Connection { get; }

    /// <summary>Lists objects of a kind (all namespaces when <paramref name="ns"/> is null); empty when the kind is not served.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(string apiVersion, string kind, string? ns, string? labelSelector, CancellationToken ct)
    {
        var type = await Connection.Discovery.TryResolveAsync(apiVersion, kind, ct).ConfigureAwait(false);
        if (type == null) return Array.Empty<JsonObject>();
        var items = new List<JsonObject>();
        string? continueToken = null;
        do
        {
            var query = new List<string> { "limit=500" };
            if (!string.IsNullOrEmpty(labelSelector)) query.Add("labelSelector=" + Uri.EscapeDataString(labelSelector));
            if (continueToken != null) query.Add("continue=" + Uri.EscapeDataString(continueToken));
            var page = await Connection.GetAsync(type.CollectionPath(type.Namespaced ? ns : null) + "?" + string.Join("&", query), ct).ConfigureAwait(false);
            foreach (var item in page.Items())
            {
                // Lists leave kind and apiVersion off their items; put them back so items stand alone.
                item["apiVersion"] ??= apiVersion;
                item["kind"] ??= kind;
                items.Add(item);
            }
            continueToken = page.Str("metadata", "continue");
            if (continueToken == "") continueToken = null;
        } while (continueToken != null);
        return items;
    }

    /// <summary>One object, or null when it (or its kind) does not exist.</summary>
    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string? ns, string name, CancellationToken ct)
    {
        var type = await Connection.Discovery.TryResolveAsync(apiVersion, kind, ct).ConfigureAwait(false);
        if (type == null) return null;
        return await Connection.GetOrNullAsync(type.ObjectPath(type.Namespaced ? ns : null, name), ct).ConfigureAwait(false);
    }

    /// <summary>True when the API serves the kind (for CRD kinds: once the CRD is established).</summary>
    public async Task<bool> ServesAsync(string apiVersion, string kind, CancellationToken ct) =>
        await Connection.Discovery.TryResolveAsync(apiVersion, kind, ct).ConfigureAwait(false) != null;

    /// <summary>Server-side apply of a whole object with MeshOps' field manager; returns the object as stored.</summary>
    public async Task<JsonObject> ApplyAsync(JsonObject body, bool force, bool dryRun, CancellationToken ct)
    {
        var apiVersion = body.Str("apiVersion")!;
        var kind = body.Str("kind")!;
        var type = await Connection.Discovery.ResolveAsync(apiVersion, kind, ct).ConfigureAwait(false);
        var path = type.ObjectPath(type.Namespaced ? body.Str("metadata", "namespace") : null, body.Str("metadata", "name")!);
        return await Connection.ApplyAsync(path, body, ServerSideApplier.FieldManager, force, dryRun, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes an object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(string apiVersion, string kind, string? ns, string name, bool dryRun, CancellationToken ct)
    {
        var type = await Connection.Discovery.TryResolveAsync(apiVersion, kind, ct).ConfigureAwait(false);
        if (type == null) return false;
        return await Connection.DeleteAsync(type.ObjectPath(type.Namespaced ? ns : null, name), dryRun, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsConnection) Connection.Dispose();
    }
}
