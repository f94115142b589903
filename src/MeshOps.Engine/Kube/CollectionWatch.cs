using System.Net;
using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>
/// The read and the watch behind a wait (<see cref="CrdWaiter"/>, <see cref="RolloutWaiter"/>): the named objects of
/// one collection are read once (one list with the caller's label selector when two or more are wanted, else a GET),
/// then the collection is watched from that read's resourceVersion, one watch per collection however many objects
/// are waited for, until the caller's state is done. A watch that ends early (the server's timeout, 410 Expired, a
/// dropped connection) hands back to the caller, who reads again; a server that refuses watches (403, 404, 405, ...)
/// makes the caller poll instead.
/// </summary>
internal static class CollectionWatch
{
    /// <summary>How a round of watches ended.</summary>
    internal enum Outcome
    {
        /// <summary>The caller's state is done.</summary>
        Done,
        /// <summary>The deadline passed.</summary>
        Deadline,
        /// <summary>A watch ended before the state was done (the server closed it, the connection dropped, an ERROR event): read again, after a delay.</summary>
        Ended,
        /// <summary>The resourceVersion was too old (410 Expired): read again, at once.</summary>
        Expired,
        /// <summary>The server does not watch this collection for us (403, 404, 405, ...): poll.</summary>
        Unsupported,
    }

    /// <summary>What to watch after a read: the collection, the selectors that cover the wanted objects, and where to start.</summary>
    internal sealed record Target(string CollectionPath, string? LabelSelector, string? FieldSelector, string? ResourceVersion)
    {
        /// <summary>One object of the collection, by name, from <paramref name="resourceVersion"/> (null: from what exists now).</summary>
        public static Target ByName(string collectionPath, string name, string? resourceVersion) =>
            new(collectionPath, null, "metadata.name=" + name, resourceVersion);
    }

    /// <summary>
    /// The current state of <paramref name="names"/> in one collection: a list with <paramref name="listSelector"/> when
    /// two or more are wanted (a GET for any it does not return), else a GET; null where not found. The watch target
    /// continues from this read: with the label selector when the list returned them all, with metadata.name when one
    /// is wanted, else the whole collection from the list's resourceVersion.
    /// </summary>
    public static async Task<(Dictionary<string, JsonObject?> Objects, Target Watch)> ReadAsync(ClusterConnection connection, string collectionPath,
        Func<string, string> objectPath, IReadOnlyCollection<string> names, string? listSelector, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        string? listVersion = null;
        if (listSelector != null && names.Count > 1)
        {
            var wanted = names.ToHashSet(StringComparer.Ordinal);
            var (items, version) = await connection.ListWithVersionAsync(collectionPath, listSelector, cancellationToken).ConfigureAwait(false);
            listVersion = version;
            foreach (var item in items)
                if (Name(item) is { } name && wanted.Contains(name)) seen[name] = item;
        }
        var allListed = listVersion != null && seen.Count == names.Count;
        foreach (var name in names.Where(n => !seen.ContainsKey(n)).ToList())
            seen[name] = await connection.GetOrNullAsync(objectPath(name), cancellationToken).ConfigureAwait(false);
        Target watch;
        if (allListed) watch = new Target(collectionPath, listSelector, null, listVersion);
        else if (names.Count == 1)
        {
            var name = names.First();
            // A missing object has no version to start from: without one the watch starts with what exists then.
            watch = Target.ByName(collectionPath, name, (string?)seen[name]?["metadata"]?["resourceVersion"]);
        }
        // Listed first, so every later change of any of them comes after the list's version.
        else watch = new Target(collectionPath, null, null, listVersion);
        return (seen, watch);
    }

    /// <summary>
    /// Watches every target at once until <paramref name="onEvent"/> (called with the target's collection path, the
    /// event type and the object for ADDED, MODIFIED and DELETED, one at a time) says the state is done, any watch
    /// ends, or the deadline passes.
    /// </summary>
    public static async Task<Outcome> RunAsync(ClusterConnection connection, IReadOnlyList<Target> targets, Func<string, string, JsonObject, bool> onEvent,
        DateTime deadline, CancellationToken cancellationToken)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gate = new object();
        var done = false;

        async Task<Outcome> WatchOneAsync(Target target)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return Outcome.Deadline;
            try
            {
                await foreach (var (type, obj) in connection.WatchAsync(target.CollectionPath, target.LabelSelector, target.FieldSelector, target.ResourceVersion, left, round.Token)
                    .ConfigureAwait(false))
                {
                    if (type is not ("ADDED" or "MODIFIED" or "DELETED")) continue; // BOOKMARK: progress only
                    lock (gate)
                    {
                        if (!done && onEvent(target.CollectionPath, type, obj)) done = true;
                        if (done) break;
                    }
                }
                return done ? Outcome.Done : DateTime.UtcNow >= deadline ? Outcome.Deadline : Outcome.Ended;
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Gone)
            {
                return Outcome.Expired;
            }
            catch (KubeApiException e) when ((int)e.StatusCode is >= 400 and < 500 && e.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return Outcome.Unsupported;
            }
            catch (KubeApiException)
            {
                return Outcome.Ended; // an ERROR event of another kind (e.g. 500): read again
            }
            catch (OperationCanceledException) when (round.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return done ? Outcome.Done : Outcome.Ended; // another watch of the round ended it
            }
            finally
            {
                // The first watch to end ends the round: the state is done, or it must be read again.
                round.Cancel();
            }
        }

        var outcomes = await Task.WhenAll(targets.Select(WatchOneAsync)).ConfigureAwait(false);
        if (done) return Outcome.Done;
        if (outcomes.Contains(Outcome.Unsupported)) return Outcome.Unsupported;
        if (outcomes.Contains(Outcome.Expired)) return Outcome.Expired;
        return DateTime.UtcNow >= deadline ? Outcome.Deadline : Outcome.Ended;
    }

    /// <summary>What the waiter does after a round that did not finish it; <paramref name="watching"/> false means poll from now on.</summary>
    internal static (bool Watching, bool DelayNextRead) After(Outcome outcome, bool expiredBefore) => outcome switch
    {
        Outcome.Unsupported => (false, true),
        // As client-go's reflector: an expired version means list again at once (once; twice in a row, wait first).
        Outcome.Expired => (true, expiredBefore),
        _ => (true, true),
    };

    private static string? Name(JsonObject o) => (string?)o["metadata"]?["name"];
}
