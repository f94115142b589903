using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Waits until CustomResourceDefinitions are Established, i.e. their kinds are served. A CRD the caller already
/// saw Established costs nothing; the others are polled with <see cref="PollSchedule"/>, one list of the component's
/// CRDs per round when two or more are pending (a GET for one the list does not return). Each Established CRD
/// teaches discovery its kind.
/// </summary>
internal static class CrdWaiter
{
    /// <param name="known">The CRDs by name as last seen (e.g. as the apply returned them); null where not seen.</param>
    /// <param name="listSelector">The label selector that lists the CRDs together (the component's: CRDs are shared and carry no revision label).</param>
    public static async Task WaitEstablishedAsync(ClusterConnection connection, ResourceType crdType, IReadOnlyDictionary<string, JsonObject?> known,
        string listSelector, TimeSpan timeout, TimeSpan poll, IMeshHost host, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var schedule = new PollSchedule(poll);
        var pending = Pending(connection, known);
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
                throw new MeshException("CrdNotEstablished", MeshErrorKind.OperationTimeout,
                    $"CustomResourceDefinitions not Established after {timeout.TotalSeconds:0} s: {string.Join(", ", pending)}. Check the API server (kubectl get crd NAME -o yaml shows the conditions) and re-run.",
                    string.Join(", ", pending));
            host.WriteVerbose($"Waiting for CRDs to be Established: {string.Join(", ", pending)}");
            await Task.Delay(schedule.Next(deadline), cancellationToken).ConfigureAwait(false);
            pending = Pending(connection, await ReadAsync(connection, crdType, pending, listSelector, cancellationToken).ConfigureAwait(false));
        }
    }

    private static List<string> Pending(ClusterConnection connection, IReadOnlyDictionary<string, JsonObject?> seen)
    {
        var pending = new List<string>();
        foreach (var (name, crd) in seen)
        {
            if (crd == null || !IsEstablished(crd)) pending.Add(name);
            else connection.Discovery.Learn(crd);
        }
        return pending;
    }

    private static async Task<Dictionary<string, JsonObject?>> ReadAsync(ClusterConnection connection, ResourceType crdType, List<string> names, string listSelector, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        if (names.Count > 1)
        {
            var wanted = names.ToHashSet(StringComparer.Ordinal);
            foreach (var crd in await connection.ListAsync(crdType.CollectionPath(null), listSelector, cancellationToken).ConfigureAwait(false))
                if ((string?)crd["metadata"]?["name"] is { } name && wanted.Contains(name)) seen[name] = crd;
        }
        foreach (var name in names.Where(n => !seen.ContainsKey(n)))
            seen[name] = await connection.GetOrNullAsync(crdType.ObjectPath(null, name), cancellationToken).ConfigureAwait(false);
        return seen;
    }

    internal static bool IsEstablished(JsonObject crd) =>
        (crd["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => (string?)c["type"] == "Established" && (string?)c["status"] == "True");
}
