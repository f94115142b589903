using System.Collections.Concurrent;

namespace MeshOps.Testing.KubeApi.Faults;

/// <summary>
/// One served request. Verb is the Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection) or
/// the HTTP method in lower case for non-resource paths. Protocol is what the client negotiated ("HTTP/1.1", "HTTP/2");
/// Connection is the server's id of the TCP connection, so tests can count connections.
/// </summary>
public sealed record RequestRecord(
    string Verb, string Method, string Path, string Group, string Resource, string Subresource, string Namespace, string Name,
    string Query, int Status, string? Fault, string UserAgent, string Protocol = "", string Connection = "");

/// <summary>Every request the server answered (including 401s and injected faults), for assertions.</summary>
public sealed class RequestLog
{
    readonly ConcurrentQueue<RequestRecord> _records = new();

    public void Add(RequestRecord record) => _records.Enqueue(record);

    /// <summary>A snapshot of the records in arrival order.</summary>
    public IReadOnlyList<RequestRecord> Entries => _records.ToArray();

    /// <summary>Requests with this verb on this resource (plural); "*" matches any.</summary>
    public int Count(string verb, string resource = "*") =>
        _records.Count(r => (verb == "*" || r.Verb == verb) && (resource == "*" || r.Resource == resource));

    public IReadOnlyDictionary<string, int> CountsByVerb() =>
        _records.GroupBy(r => r.Verb).ToDictionary(g => g.Key, g => g.Count());

    public IReadOnlyDictionary<string, int> CountsByResource() =>
        _records.Where(r => r.Resource.Length > 0).GroupBy(r => r.Resource).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Counts keyed "verb resource", e.g. "patch deployments".</summary>
    public IReadOnlyDictionary<string, int> CountsByVerbAndResource() =>
        _records.GroupBy(r => r.Verb + " " + r.Resource).ToDictionary(g => g.Key, g => g.Count());

    public void Clear() => _records.Clear();
}
