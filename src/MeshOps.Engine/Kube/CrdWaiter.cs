using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Waits until CustomResourceDefinitions are Established, i.e. their kinds are served. A CRD the caller already
/// saw Established costs nothing; the others are watched, one watch for them all (<see cref="CollectionWatch"/>),
/// at first from nothing (the server sends them as they are, then their changes). A watch that ends early means a
/// read (one list of the component's CRDs when two or more are pending, a GET for one the list does not return) and
/// a watch from it; a server that does not watch for us is polled with <see cref="PollSchedule"/> instead. Each
/// Established CRD teaches discovery its kind.
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
        var watching = true;
        var delayRead = false;
        var expired = false;
        var first = true;
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow >= deadline)
                throw new MeshException("CrdNotEstablished", MeshErrorKind.OperationTimeout,
                    $"CustomResourceDefinitions not Established after {timeout.TotalSeconds:0} s: {string.Join(", ", pending)}. Check the API server (kubectl get crd NAME -o yaml shows the conditions) and re-run.",
                    string.Join(", ", pending));
            host.WriteVerbose($"Waiting for CRDs to be Established: {string.Join(", ", pending)}");
            CollectionWatch.Target target;
            if (first)
            {
                // The first wait is a watch with no resourceVersion: the server sends the CRDs as they are now (ADDED),
                // then their changes, so one request is both the first read and the wait. All pending ones were just
                // applied by the caller, so all carry the selector's label.
                target = pending.Count == 1
                    ? CollectionWatch.Target.ByName(crdType.CollectionPath(null), pending[0], null)
                    : new CollectionWatch.Target(crdType.CollectionPath(null), listSelector, null, null);
                first = false;
            }
            else
            {
                // Watching, a read comes at once: the watch that follows it waits for the change.
                if (!watching || delayRead) await Task.Delay(schedule.Next(deadline), cancellationToken).ConfigureAwait(false);
                (var seen, target) = await CollectionWatch.ReadAsync(connection, crdType.CollectionPath(null), name => crdType.ObjectPath(null, name), pending, listSelector,
                    cancellationToken).ConfigureAwait(false);
                pending = Pending(connection, seen);
                if (pending.Count == 0 || !watching) continue;
            }
            var waiting = pending.ToHashSet(StringComparer.Ordinal);
            var outcome = await CollectionWatch.RunAsync(connection, [target], (_, type, crd) =>
            {
                if ((string?)crd["metadata"]?["name"] is not { } name || !waiting.Contains(name)) return false;
                if (type != "DELETED" && IsEstablished(crd))
                {
                    connection.Discovery.Learn(crd);
                    waiting.Remove(name);
                }
                return waiting.Count == 0;
            }, deadline, cancellationToken).ConfigureAwait(false);
            pending = pending.Where(waiting.Contains).ToList();
            if (outcome == CollectionWatch.Outcome.Unsupported)
                host.WriteVerbose($"The server does not watch {crdType.CollectionPath(null)} for us: polling instead.");
            (watching, delayRead) = CollectionWatch.After(outcome, expired);
            expired = outcome == CollectionWatch.Outcome.Expired;
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

    internal static bool IsEstablished(JsonObject crd) =>
        (crd["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => (string?)c["type"] == "Established" && (string?)c["status"] == "True");
}
