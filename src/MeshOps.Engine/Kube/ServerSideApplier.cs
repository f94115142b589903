using System.Net;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Server-side apply of one object with field manager "meshops". Conflicts with the take-over managers (istioctl,
/// Helm) are resolved by re-applying with force; any other manager's conflict fails with FieldManagerConflict unless
/// the caller forces. Unchanged objects are detected with a dry run first and not written at all.
/// </summary>
internal sealed class ServerSideApplier
{
    public const string FieldManager = "meshops";

    private readonly ClusterConnection connection;
    private readonly IMeshHost host;
    private readonly bool force;
    private readonly HashSet<string> takeOver;

    public ServerSideApplier(ClusterConnection connection, IMeshHost host, bool force, IEnumerable<string> takeOverManagers)
    {
        this.connection = connection;
        this.host = host;
        this.force = force;
        takeOver = new HashSet<string>(takeOverManagers, StringComparer.Ordinal);
    }

    /// <summary>The result of applying (or planning) one object.</summary>
    public sealed record Outcome(ApplyAction Action, IReadOnlyList<string> ChangedFields, IReadOnlyList<string> TakenOverFrom, JsonObject? Result);

    /// <summary>Plans the object with a dry run and, unless <paramref name="dryRun"/>, writes it when it would change.</summary>
    public async Task<Outcome> ApplyAsync(ResourceType type, string? ns, string name, JsonObject body, string display, bool dryRun, CancellationToken cancellationToken)
    {
        var path = type.ObjectPath(ns, name);
        var live = await connection.GetOrNullAsync(path, cancellationToken).ConfigureAwait(false);
        if (live == null && !dryRun)
        {
            // Nothing to compare with and nobody to conflict with: create directly.
            var (created, _, raced) = await ApplyResolvingConflictsAsync(path, body, display, dryRun: false, forced: false, cancellationToken).ConfigureAwait(false);
            return new Outcome(ApplyAction.Create, [], Managers(raced), created);
        }
        var (planned, useForce, conflicts) = await ApplyResolvingConflictsAsync(path, body, display, dryRun: true, forced: false, cancellationToken).ConfigureAwait(false);

        var action = ApplyAction.Create;
        IReadOnlyList<string> changed = [];
        if (live != null)
        {
            changed = ObjectDiff.ChangedPaths(live, planned);
            action = changed.Count == 0 ? ApplyAction.Unchanged : ApplyAction.Update;
        }
        if (action == ApplyAction.Unchanged) return new Outcome(action, changed, [], live);
        if (dryRun) return new Outcome(action, changed, Managers(conflicts), planned);

        var (written, _, lateConflicts) = await ApplyResolvingConflictsAsync(path, body, display, dryRun: false, forced: useForce, cancellationToken).ConfigureAwait(false);
        var taken = conflicts.Concat(lateConflicts).ToList();
        if (taken.Count > 0)
            host.WriteVerbose($"{display}: taking over fields from {string.Join(", ", Managers(taken).Select(m => $"'{m}'"))}: {string.Join(", ", taken.Select(c => c.Field).Distinct())}");
        return new Outcome(action, changed, Managers(taken), written);
    }

    private static IReadOnlyList<string> Managers(IEnumerable<FieldConflict> conflicts) =>
        conflicts.Select(c => c.Manager).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Applies; on a conflict only with take-over managers re-applies with force. Returns the conflicts taken over.</summary>
    private async Task<(JsonObject Result, bool Forced, IReadOnlyList<FieldConflict> TakenOver)> ApplyResolvingConflictsAsync(
        string path, JsonObject body, string display, bool dryRun, bool forced, CancellationToken cancellationToken)
    {
        try
        {
            var result = await connection.ApplyAsync(path, body, FieldManager, forced || force, dryRun, cancellationToken).ConfigureAwait(false);
            return (result, forced || force, []);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict && !forced && !force)
        {
            var conflicts = FieldConflict.FromStatus(e.Status);
            if (conflicts.Count == 0) throw;
            var foreign = conflicts.Where(c => !takeOver.Contains(c.Manager)).ToList();
            if (foreign.Count > 0) throw ConflictError(display, foreign);
            var result = await connection.ApplyAsync(path, body, FieldManager, force: true, dryRun, cancellationToken).ConfigureAwait(false);
            return (result, true, conflicts);
        }
    }

    private static MeshException ConflictError(string display, IReadOnlyList<FieldConflict> conflicts)
    {
        var byManager = conflicts.GroupBy(c => c.Manager, StringComparer.Ordinal)
            .Select(g => $"'{g.Key}' owns {string.Join(", ", g.Select(c => c.Field))}");
        return new MeshException("FieldManagerConflict", MeshErrorKind.ResourceExists,
            $"{display}: fields are managed by another tool: {string.Join("; ", byManager)}. " +
            "Remove that tool's ownership, or re-run with -Force to take the fields over.", display);
    }
}
