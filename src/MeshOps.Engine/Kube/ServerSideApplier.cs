using System.Net;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Server-side apply of one object with field manager "meshops". Conflicts with the take-over managers (istioctl,
/// Helm) are resolved by re-applying with force; any other manager's conflict fails with FieldManagerConflict unless
/// the caller forces. Fields a running control plane owns (<see cref="RuntimeOwnedFields"/>) are left out when the live
/// object has them under another manager. Requests per object, given what <see cref="LiveObjects"/> knows of it:
/// <list type="bullet">
/// <item>absent: one apply that creates it (a plan dry-runs it, which also validates it);</item>
/// <item>ours and <see cref="NoOpApplyCheck"/> proves applying changes nothing: no request at all;</item>
/// <item>ours and a plain value surely changes: one apply, its result compared with the live object
/// (a plan dry-runs instead);</item>
/// <item>anything else (and objects not ours, read with a GET first): a dry run shows whether and what would change,
/// and only a change is written, so an unchanged object is never written.</item>
/// </list>
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

    /// <summary>The result of applying (or planning) one object; <see cref="Result"/> is the object as it now is (or would be).</summary>
    public sealed record Outcome(ApplyAction Action, IReadOnlyList<string> ChangedFields, IReadOnlyList<string> TakenOverFrom, JsonObject? Result);

    /// <summary>Applies, or with <paramref name="dryRun"/> plans, the object. <paramref name="live"/> is set when <paramref name="presence"/> is Ours.</summary>
    public async Task<Outcome> ApplyAsync(ResourceType type, string? ns, string name, JsonObject body, string display, bool dryRun,
        LiveObjects.Presence presence, JsonObject? live, CancellationToken cancellationToken)
    {
        var path = type.ObjectPath(ns, name);
        if (presence == LiveObjects.Presence.Unknown)
            live = await connection.GetOrNullAsync(path, cancellationToken).ConfigureAwait(false);
        else if (presence == LiveObjects.Presence.Absent)
            live = null;
        if (live == null)
        {
            // Nothing to compare with and nobody to conflict with: create directly (a plan still lets the server validate it).
            var (created, _, raced) = await ApplyResolvingConflictsAsync(path, body, display, dryRun, forced: false, cancellationToken).ConfigureAwait(false);
            // Another manager's fields in the answer: the object came to exist after the cluster was read (or, for a
            // CRD, was not yet Established when discovery said which exist). Said, and reported as the update it was.
            var others = OtherManagers(created);
            if (others.Count == 0) return new Outcome(ApplyAction.Create, [], Managers(raced), created);
            host.WriteWarning($"{display} already existed (written by {string.Join(", ", others.Select(m => $"'{m}'"))}) though the install did not find it when it read the cluster: " +
                $"{(dryRun ? "it would be applied" : "it was applied")} as rendered, without the checks an existing object gets (a shared object a newer Istio release wrote is otherwise kept). " +
                "If another tool was installing Istio at the same time, let it finish, then install again.");
            return new Outcome(ApplyAction.Update, ["metadata.managedFields"], Managers(raced), created);
        }

        // What istiod owns at runtime (webhook caBundles, the validator's failurePolicy) stays out of the apply and the no-op check.
        body = RuntimeOwnedFields.LeaveToOwners(body, live, FieldManager, takeOver, out var leftOut);
        if (leftOut.Count > 0) host.WriteVerbose($"{display}: left to their runtime owners: {string.Join(", ", leftOut)}");
        var verdict = NoOpApplyCheck.Check(body, live, FieldManager);
        if (verdict == NoOpApplyCheck.Verdict.NoOp) return new Outcome(ApplyAction.Unchanged, [], [], live);
        if (verdict == NoOpApplyCheck.Verdict.Changed && !dryRun)
        {
            var (result, _, taken) = await ApplyResolvingConflictsAsync(path, body, display, dryRun: false, forced: false, cancellationToken).ConfigureAwait(false);
            if (ResourceVersion(result) == ResourceVersion(live)) return new Outcome(ApplyAction.Unchanged, [], Managers(taken), result);
            var fields = ObjectDiff.ChangedPaths(live, result);
            ReportTakeOver(display, taken);
            // An empty diff with a new resourceVersion: only ownership moved (the server wrote managedFields alone).
            return new Outcome(ApplyAction.Update, fields.Count > 0 ? fields : ["metadata.managedFields"], Managers(taken), result);
        }

        var (planned, useForce, conflicts) = await ApplyResolvingConflictsAsync(path, body, display, dryRun: true, forced: false, cancellationToken).ConfigureAwait(false);
        var changed = ObjectDiff.ChangedPaths(live, planned);
        if (changed.Count == 0) return new Outcome(ApplyAction.Unchanged, changed, [], live);
        if (dryRun) return new Outcome(ApplyAction.Update, changed, Managers(conflicts), planned);

        var (written, _, lateConflicts) = await ApplyResolvingConflictsAsync(path, body, display, dryRun: false, forced: useForce, cancellationToken).ConfigureAwait(false);
        var all = conflicts.Concat(lateConflicts).ToList();
        ReportTakeOver(display, all);
        return new Outcome(ApplyAction.Update, changed, Managers(all), written);
    }

    private void ReportTakeOver(string display, IReadOnlyList<FieldConflict> taken)
    {
        if (taken.Count > 0)
            host.WriteVerbose($"{display}: taking over fields from {string.Join(", ", Managers(taken).Select(m => $"'{m}'"))}: {string.Join(", ", taken.Select(c => c.Field).Distinct())}");
    }

    private static string? ResourceVersion(JsonObject obj) => (string?)obj["metadata"]?["resourceVersion"];

    /// <summary>The field managers of the object other than ours.</summary>
    private static List<string> OtherManagers(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => (string?)e["manager"]).OfType<string>().Where(m => m != FieldManager).Distinct(StringComparer.Ordinal).ToList();

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
