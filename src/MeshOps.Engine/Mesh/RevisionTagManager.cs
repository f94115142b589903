using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Lists, sets and removes revision tags as istioctl tag list/set/remove do (istioctl/cmd/tag.go,
/// istioctl/pkg/tag), with refusals instead of prompts. A tag follows the istioctl of the release that owns the
/// revision it points at (<see cref="IstioctlRelease"/>'s Tag* switches; what the charts render is copied from the
/// revision's own injector). Set and Remove first plan (reads only), then
/// <see cref="ExecuteAsync"/> writes the plan with server-side apply.
/// </summary>
public sealed class RevisionTagManager
{
    private const string AdmissionV1 = "admissionregistration.k8s.io/v1";
    private const string Mutating = "MutatingWebhookConfiguration";
    private const string Validating = "ValidatingWebhookConfiguration";

    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public RevisionTagManager(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <summary>Every tag, sorted by name (several webhooks of one tag, e.g. in two namespaces, make one entry).</summary>
    public async Task<IReadOnlyList<RevisionTagInfo>> ListAsync(CancellationToken ct)
    {
        var webhooks = await _cluster.ListAsync(AdmissionV1, Mutating, null, MeshLabels.Tag, ct).ConfigureAwait(false);
        if (webhooks.Count == 0) return Array.Empty<RevisionTagInfo>();
        var namespaces = await _cluster.ListAsync("v1", "Namespace", null, null, ct).ConfigureAwait(false);
        return webhooks.GroupBy(w => w.StringMap("metadata", "labels")[MeshLabels.Tag], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Describe(g.Key, g.ToList(), namespaces)).ToList();
    }

    /// <summary>
    /// What setting a tag would write. Refuses (MeshException) a bad tag name, a tag named like a revision,
    /// an unknown revision (unless Force), and retargeting without Overwrite.
    /// </summary>
    public async Task<RevisionTagPlan> PlanSetAsync(SetRevisionTagRequest request, CancellationToken ct)
    {
        var tag = request.Tag;
        RevisionTagWebhooks.ValidateTagName(tag);
        // The revisions serve three checks: a tag named like a revision (not the default tag), a revision without istiod
        // (unless forced), and where istiod runs. The install's default-tag step needs none of them.
        var lean = tag == RevisionTagWebhooks.DefaultTag && request.Force && request.KnownRevisionNamespace != null;
        // The reads the checks below need, together.
        var revisionsRead = lean ? Task.FromResult<IReadOnlyList<RevisionInfo>>(Array.Empty<RevisionInfo>()) : new RevisionReader(_cluster, _host).ListAsync(ct);
        var mutatingRead = _cluster.ListAsync(AdmissionV1, Mutating, null, MeshLabels.Revision, ct);
        var isDefault = tag == RevisionTagWebhooks.DefaultTag;
        // The lean path knows its release before reading, so the plan's own reads go with the checks' (one round trip).
        var leanReads = lean ? PlanReads(isDefault, request.KnownRevisionVersion is { } v ? IstioctlRelease.For(v) : null, tag, request, ct) : null;
        await Task.WhenAll(revisionsRead, mutatingRead).ConfigureAwait(false);
        var revisions = revisionsRead.Result;
        var mutating = mutatingRead.Result;
        var injectors = mutating.Where(w => !Labels(w).ContainsKey(MeshLabels.Tag)).ToList();
        var tagWebhooks = mutating.Where(w => Labels(w).GetValueOrDefault(MeshLabels.Tag) == tag).ToList();

        // A tag with a revision's name would select the same namespaces as that revision's own injector: pods injected twice.
        if (tag != RevisionTagWebhooks.DefaultTag && (revisions.Any(r => r.Name == tag) || injectors.Any(w => Labels(w)[MeshLabels.Revision] == tag)))
        {
            throw new MeshException("RevisionTagNameIsRevision", MeshErrorKind.InvalidArgument,
                $"Cannot create revision tag '{tag}': a control-plane revision has the same name, and both would inject the namespaces labelled istio.io/rev={tag}. Choose another tag name.", tag);
        }

        var revision = revisions.FirstOrDefault(r => r.Name == request.Revision);
        if (revision == null && !request.Force)
        {
            var taggedAs = revisions.FirstOrDefault(r => r.Tags.Contains(request.Revision));
            throw new MeshException("RevisionNotFound", MeshErrorKind.ObjectNotFound,
                taggedAs != null
                    ? $"'{request.Revision}' is a tag (of revision '{taggedAs.Name}'), not a revision; a tag must point at a revision: use -Revision {taggedAs.Name}."
                    : $"No control-plane revision named '{request.Revision}' in the cluster. Revisions there: " +
                      (revisions.Count == 0 ? "none (install one with Install-MeshControlPlane)" : string.Join(", ", revisions.Select(r => r.Name))) +
                      ". Pass -Force to tag a revision whose istiod is not deployed (its injector webhook must exist).",
                request.Revision);
        }

        var own = injectors.Where(w => Labels(w)[MeshLabels.Revision] == request.Revision).ToList();
        if (own.Count == 0)
            throw new MeshException("RevisionInjectorNotFound", MeshErrorKind.ObjectNotFound,
                $"Revision '{request.Revision}' has no sidecar injector (MutatingWebhookConfiguration labelled istio.io/rev={request.Revision} without istio.io/tag) to route the tag to. " +
                "Reinstall the revision (Install-MeshControlPlane) to restore it.", request.Revision);
        if (own.Count > 1)
            throw new MeshException("RevisionInjectorAmbiguous", MeshErrorKind.InvalidData,
                $"Revision '{request.Revision}' has {own.Count} injector webhooks ({string.Join(", ", own.Select(Name))}); istioctl refuses this too. Remove the stale one.", request.Revision);
        // The tag follows the rules of the release that owns its revision (a release not known: the newest rules).
        var releaseVersion = request.KnownRevisionVersion ?? (IstioVersion.TryParse(revision?.IstioVersion, out var parsed) ? parsed : null);
        var release = releaseVersion != null ? IstioctlRelease.For(releaseVersion) : null;
        var endpoint = RevisionTagWebhooks.EndpointOf(own[0], revision?.Namespace ?? request.KnownRevisionNamespace ?? "istio-system", release);

        var current = tagWebhooks.Select(w => Labels(w)[MeshLabels.Revision]).Distinct().ToList();
        if (current.Any(r => r != request.Revision) && !request.Overwrite)
        {
            throw new MeshException("RevisionTagExists", MeshErrorKind.ResourceExists,
                $"Revision tag '{tag}' already points at revision {string.Join(", ", current)}. Pass -Overwrite to point it at '{request.Revision}'.", tag);
        }

        // The checks passed: what the plan reads next needs nothing from one another, so it is read together.
        var (deleteDeprecatedValidators, validatingRead, validatorRead, servicesRead, namespacesRead) = leanReads ?? PlanReads(isDefault, release, tag, request, ct);
        await Task.WhenAll(validatingRead, validatorRead, servicesRead, namespacesRead).ConfigureAwait(false);
        var validators = validatingRead.Result.Where(v => Labels(v).GetValueOrDefault("app") == "istiod").ToList();

        var changes = new List<RevisionTagChange>();
        var body = RevisionTagWebhooks.BuildInjector(tag, endpoint, request.AutoInjectNamespaces, request.ByInstaller);
        var name = Name(body);
        if (isDefault)
        {
            changes.AddRange(PlanDefaultTakeover(injectors, deleteDeprecatedValidators ? validators : null));
        }
        var target = $"routes istio.io/rev={tag}{(tag == RevisionTagWebhooks.DefaultTag ? ", istio-injection=enabled and sidecar.istio.io/inject=true" : "")} to {Service(endpoint)}";
        changes.Add(new RevisionTagChange(tagWebhooks.Any(w => Name(w) == name) ? RevisionTagAction.Update : RevisionTagAction.Create, Mutating, name, target) { Body = body });
        // A tag whose revision moved to another namespace had a differently named webhook; left alone it would inject too.
        foreach (var stale in tagWebhooks.Where(w => Name(w) != name))
            changes.Add(new RevisionTagChange(RevisionTagAction.Delete, Mutating, Name(stale), $"the tag's webhook for revision {Labels(stale)[MeshLabels.Revision]}, replaced by {name}"));
        if (tag == RevisionTagWebhooks.DefaultTag)
        {
            var validator = deleteDeprecatedValidators ? validatingRead.Result.FirstOrDefault(v => Name(v) == RevisionTagWebhooks.DefaultValidatorName) : validatorRead.Result;
            var failurePolicy = (release?.TagKeepsValidatorFailurePolicy ?? true ? LiveFailurePolicy(validator) : null) ?? "Ignore";
            changes.Add(new RevisionTagChange(validator == null ? RevisionTagAction.Create : RevisionTagAction.Update, Validating, RevisionTagWebhooks.DefaultValidatorName,
                $"validates Istio configuration cluster-wide with {Service(endpoint, "/validate")}") { Body = RevisionTagWebhooks.BuildDefaultValidator(endpoint, failurePolicy, request.ByInstaller) });
        }
        // A revision whose istiod is gone (-Force) gets no Service: there is nothing for it to select. The lean path is
        // the install that has just applied istiod.
        changes.AddRange(PlanTagService(tag, endpoint, (revision != null || lean) && (release?.TagCreatesService ?? true), servicesRead.Result));

        var namespaces = namespacesRead.Result;
        return new RevisionTagPlan { Tag = tag, Revision = request.Revision, Changes = changes, Namespaces = NamespacesUsing(tag, namespaces) };
    }

    /// <summary>
    /// The reads a tag plan needs once its checks passed, started together: up to 1.20 the default tag deletes the
    /// deprecated validators (app=istiod), and one list of every validating configuration (a handful) answers both them
    /// and the default validator; else the validator alone (either answered by the request's own list when it has one).
    /// Then the tag's Services (none for a release without them where the tag had no webhook a moment ago) and, when
    /// asked for, the namespaces.
    /// </summary>
    private PlanReadTasks PlanReads(bool isDefault, IstioctlRelease? release, string tag, SetRevisionTagRequest request, CancellationToken ct)
    {
        var deleteDeprecatedValidators = isDefault && (release?.TagDeletesDeprecatedValidators ?? false);
        var known = request.KnownValidatingWebhooks;
        var validatingRead = !deleteDeprecatedValidators ? Task.FromResult<IReadOnlyList<JsonObject>>([])
            : known != null ? Task.FromResult(known) : _cluster.ListAsync(AdmissionV1, Validating, null, null, ct);
        var validatorRead = !isDefault || deleteDeprecatedValidators ? Task.FromResult<JsonObject?>(null)
            : known != null ? Task.FromResult(known.FirstOrDefault(v => Name(v) == RevisionTagWebhooks.DefaultValidatorName))
            : _cluster.GetAsync(AdmissionV1, Validating, null, RevisionTagWebhooks.DefaultValidatorName, ct);
        // A release whose istioctl makes no tag Service (before 1.28) has none to look for where the tag had no webhook.
        var servicesRead = request.NoTagWebhooksBefore && release is { TagCreatesService: false }
            ? Task.FromResult<IReadOnlyList<JsonObject>>([]) : ListTagServicesAsync(tag, ct);
        var namespacesRead = request.ListNamespaces ? _cluster.ListAsync("v1", "Namespace", null, null, ct) : Task.FromResult<IReadOnlyList<JsonObject>>([]);
        return new PlanReadTasks(deleteDeprecatedValidators, validatingRead, validatorRead, servicesRead, namespacesRead);
    }

    /// <summary>The tag's Services (1.28+ makes one per tag), in every namespace.</summary>
    private Task<IReadOnlyList<JsonObject>> ListTagServicesAsync(string tag, CancellationToken ct) =>
        _cluster.ListAsync("v1", "Service", null, $"{MeshLabels.Tag}={tag}", ct);

    private sealed record PlanReadTasks(bool DeleteDeprecatedValidators, Task<IReadOnlyList<JsonObject>> Validating, Task<JsonObject?> Validator,
        Task<IReadOnlyList<JsonObject>> Services, Task<IReadOnlyList<JsonObject>> Namespaces);

    /// <summary>What removing a tag would delete; refuses (RevisionTagInUse) while namespaces use it, unless <paramref name="force"/>.</summary>
    public async Task<RevisionTagPlan> PlanRemoveAsync(string tag, bool force, CancellationToken ct)
    {
        // The name goes into a label selector: one that cannot be a tag is refused before it could select other objects.
        RevisionTagWebhooks.ValidateTagName(tag);
        var webhooks = await _cluster.ListAsync(AdmissionV1, Mutating, null, $"{MeshLabels.Tag}={tag}", ct).ConfigureAwait(false);
        if (webhooks.Count == 0)
        {
            var all = await ListAsync(ct).ConfigureAwait(false);
            throw new MeshException("RevisionTagNotFound", MeshErrorKind.ObjectNotFound,
                $"No revision tag named '{tag}' in the cluster. Tags there: {(all.Count == 0 ? "none" : string.Join(", ", all.Select(t => t.Tag)))}.", tag);
        }
        var namespaces = await _cluster.ListAsync("v1", "Namespace", null, null, ct).ConfigureAwait(false);
        var info = Describe(tag, webhooks, namespaces);
        if (info.Namespaces.Count > 0 && !force)
        {
            throw new MeshException("RevisionTagInUse", MeshErrorKind.InvalidOperation,
                $"Revision tag '{tag}' is still used by {info.Namespaces.Count} namespace(s): {string.Join(", ", info.Namespaces)}. New pods there would get no sidecar. " +
                $"Move them to a revision or another tag first (label istio.io/rev), or pass -Force to remove it anyway.", tag);
        }
        var changes = webhooks.Select(w => new RevisionTagChange(RevisionTagAction.Delete, Mutating, Name(w), $"the tag's injector webhook (revision {Labels(w)[MeshLabels.Revision]})")).ToList();
        changes.AddRange(PlanTagService(tag, null, false, await ListTagServicesAsync(tag, ct).ConfigureAwait(false)));
        if (tag == RevisionTagWebhooks.DefaultTag)
        {
            // Only the validator the default tag made (labelled istio.io/tag=default), not one the base chart rendered.
            var validator = await _cluster.GetAsync(AdmissionV1, Validating, null, RevisionTagWebhooks.DefaultValidatorName, ct).ConfigureAwait(false);
            if (validator != null && Labels(validator).GetValueOrDefault(MeshLabels.Tag) == RevisionTagWebhooks.DefaultTag)
                changes.Add(new RevisionTagChange(RevisionTagAction.Delete, Validating, RevisionTagWebhooks.DefaultValidatorName, "the default tag's cluster-wide validator"));
        }
        return new RevisionTagPlan { Tag = tag, Revision = info.Revision, Changes = changes, Namespaces = info.Namespaces };
    }

    /// <summary>
    /// Writes a plan (server-side apply, force, field manager meshops; deletions tolerate absence) in three steps, each
    /// step's objects together: the default revision's injector deactivated (before the tag injects, as istioctl does),
    /// then what the tag applies, then what it deletes (a replaced webhook goes only once its successor is there).
    /// </summary>
    public async Task ExecuteAsync(RevisionTagPlan plan, CancellationToken ct)
    {
        var steps = new[]
        {
            plan.Changes.Where(c => c.Action == RevisionTagAction.Deactivate).ToList(),
            plan.Changes.Where(c => c.Action is not RevisionTagAction.Deactivate and not RevisionTagAction.Delete).ToList(),
            plan.Changes.Where(c => c.Action == RevisionTagAction.Delete).ToList(),
        };
        foreach (var step in steps)
        {
            await Task.WhenAll(step.Select(change => change.Action == RevisionTagAction.Delete
                ? _cluster.DeleteAsync(change.ApiVersion, change.Kind, change.Namespace, change.Name, false, ct)
                : (Task)_cluster.ApplyAsync(change.Body!, force: true, dryRun: false, ct))).ConfigureAwait(false);
            foreach (var change in step) _host.WriteVerbose(change.ToString());
        }
        if (plan.Changes.All(c => c.Action == RevisionTagAction.Delete) && plan.Tag == RevisionTagWebhooks.DefaultTag)
        {
            // istioctl tag remove does not reactivate the injector that tag set default deactivated; neither do we.
            var injectors = await _cluster.ListAsync(AdmissionV1, Mutating, null, $"{MeshLabels.Revision}=default,!{MeshLabels.Tag}", ct).ConfigureAwait(false);
            if (injectors.Any(RevisionTagWebhooks.IsDeactivated))
                _host.WriteWarning("The default revision's own injector stays deactivated (as istioctl leaves it): namespaces labelled istio-injection=enabled get no sidecars " +
                    "until you run Set-MeshRevisionTag -Tag default -Revision <revision> again or reinstall the default revision.");
        }
    }

    /// <summary>
    /// The tag's Service (1.28+): applied in the revision's namespace when its release makes one (<paramref name="endpoint"/>
    /// given and <paramref name="create"/>); any other Service labelled with the tag (<paramref name="existing"/>) goes, as it would route the tag's
    /// name to the revision it pointed at before (or to a namespace the revision left).
    /// </summary>
    private static List<RevisionTagChange> PlanTagService(string tag, InjectorEndpoint? endpoint, bool create, IReadOnlyList<JsonObject> existing)
    {
        var changes = new List<RevisionTagChange>();
        var name = RevisionTagWebhooks.ServiceName(tag);
        string? keep = null;
        if (create && endpoint != null)
        {
            keep = endpoint.Namespace;
            var exists = existing.Any(s => Name(s) == name && s.Str("metadata", "namespace") == keep);
            changes.Add(new RevisionTagChange(exists ? RevisionTagAction.Update : RevisionTagAction.Create, "Service", name,
                    $"resolves the tag's name to istiod of revision {MeshLabels.RevisionValue(endpoint.Revision)}")
                { Body = RevisionTagWebhooks.BuildTagService(tag, endpoint), ApiVersion = "v1", Namespace = keep });
        }
        foreach (var stale in existing.Where(s => !(Name(s) == name && s.Str("metadata", "namespace") == keep)))
            changes.Add(new RevisionTagChange(RevisionTagAction.Delete, "Service", Name(stale), $"the tag's Service (revision {Labels(stale).GetValueOrDefault(MeshLabels.Revision)})")
                { ApiVersion = "v1", Namespace = stale.Str("metadata", "namespace") });
        return changes;
    }

    /// <summary>The failurePolicy of the live default validator's validation.istio.io webhook, or null.</summary>
    private static string? LiveFailurePolicy(JsonObject? validator) =>
        (validator?["webhooks"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(h => h.Str("name") == "validation.istio.io").Str("failurePolicy");

    /// <summary>
    /// tag set default first neutralises the default revision's own injector and, up to 1.20, deletes pre-1.10
    /// validators (util.go): <paramref name="validators"/>, those labelled app=istiod, given when the release does.
    /// </summary>
    private static IEnumerable<RevisionTagChange> PlanDefaultTakeover(IReadOnlyList<JsonObject> injectors, IReadOnlyList<JsonObject>? validators)
    {
        var changes = new List<RevisionTagChange>();
        var defaults = injectors.Where(w => Labels(w)[MeshLabels.Revision] == "default").ToList();
        if (defaults.Count > 1)
            throw new MeshException("DefaultInjectorAmbiguous", MeshErrorKind.InvalidData,
                $"Found {defaults.Count} injector webhooks of the default revision ({string.Join(", ", defaults.Select(Name))}); istioctl refuses this too. Remove the stale one.");
        if (defaults.Count == 1 && !RevisionTagWebhooks.IsDeactivated(defaults[0]))
            changes.Add(new RevisionTagChange(RevisionTagAction.Deactivate, Mutating, Name(defaults[0]),
                "the default revision's own injector gets never-matching selectors, so only the tag injects istio-injection=enabled namespaces") { Body = RevisionTagWebhooks.Deactivate(defaults[0]) });
        if (validators == null) return changes;
        foreach (var old in validators.Where(v => RevisionTagWebhooks.IsDeprecatedValidatorName(Name(v))))
            changes.Add(new RevisionTagChange(RevisionTagAction.Delete, Validating, Name(old), "deprecated cluster-wide validator of an old base chart"));
        return changes;
    }

    private static RevisionTagInfo Describe(string tag, IReadOnlyList<JsonObject> webhooks, IReadOnlyList<JsonObject> namespaces)
    {
        var first = webhooks.OrderBy(Name, StringComparer.Ordinal).First();
        var hook = (first["webhooks"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        return new RevisionTagInfo
        {
            Tag = tag,
            Revision = Labels(first).GetValueOrDefault(MeshLabels.Revision) ?? "",
            ControlPlaneNamespace = hook.Str("clientConfig", "service", "namespace") ?? "",
            WebhookNames = webhooks.Select(Name).OrderBy(n => n, StringComparer.Ordinal).ToList(),
            Namespaces = NamespacesUsing(tag, namespaces),
        };
    }

    /// <summary>Namespaces the tag injects: istio.io/rev=TAG unless istio-injection is set (it wins); for default also istio-injection=enabled.</summary>
    internal static IReadOnlyList<string> NamespacesUsing(string tag, IEnumerable<JsonObject> namespaces) =>
        namespaces.Where(n =>
        {
            var labels = Labels(n);
            if (labels.TryGetValue(MeshLabels.LegacyInjection, out var legacy)) return legacy == "enabled" && tag == RevisionTagWebhooks.DefaultTag;
            return labels.GetValueOrDefault(MeshLabels.Revision) == tag;
        }).Select(Name).OrderBy(n => n, StringComparer.Ordinal).ToList();

    private static string Service(InjectorEndpoint endpoint, string? path = null) =>
        endpoint.Url != null ? (path == null ? endpoint.Url : RevisionTagWebhooks.ValidationUrl(endpoint.Url))
            : $"service {endpoint.Namespace}/{endpoint.ServiceName}{path ?? endpoint.Path}";

    private static IReadOnlyDictionary<string, string> Labels(JsonObject o) => o.StringMap("metadata", "labels");
    private static string Name(JsonObject o) => o.Str("metadata", "name") ?? "";
}
