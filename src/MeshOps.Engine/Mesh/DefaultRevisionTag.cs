using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// istioctl install's automatic default tag (install.go, helmreconciler.ProcessDefaultWebhook; FACTS.md section 4):
/// the first install on a cluster without a sidecar injector, and every install of the default (unnamed) revision,
/// makes revision tag "default" point at the installed revision, unless values.global.operatorManageWebhooks is set.
/// Namespaces labelled istio-injection=enabled or istio.io/rev=default are then injected by it.
/// </summary>
internal sealed class DefaultRevisionTag
{
    private const string AdmissionV1 = "admissionregistration.k8s.io/v1";
    private const string Mutating = "MutatingWebhookConfiguration";

    private readonly GeneratedManifest _manifest;

    private readonly IReadOnlyList<JsonObject>? _validatingWebhooks;

    private DefaultRevisionTag(GeneratedManifest manifest, bool needed, string? existingTarget, IReadOnlyList<JsonObject> mutatingWebhooks, IReadOnlyList<JsonObject> injectors,
        IReadOnlyList<JsonObject>? validatingWebhooks)
    {
        _manifest = manifest;
        _validatingWebhooks = validatingWebhooks;
        Needed = needed;
        ExistingTarget = existingTarget;
        MutatingWebhooks = mutatingWebhooks;
        Injectors = injectors;
    }

    /// <summary>
    /// Every MutatingWebhookConfiguration of the cluster, as <see cref="ReadWebhooksAsync"/> read them: one list serves the
    /// injectors below and the apply's live state of the manifest's own webhook configuration.
    /// </summary>
    public IReadOnlyList<JsonObject> MutatingWebhooks { get; }

    /// <summary>The configurations labelled app=sidecar-injector (the apply's webhook overlap check needs the same).</summary>
    public IReadOnlyList<JsonObject> Injectors { get; }

    /// <summary>Whether istioctl would set the default tag for this install.</summary>
    public bool Needed { get; }

    /// <summary>The revision the default tag points at before the install, or null when there is no default tag.</summary>
    public string? ExistingTarget { get; }

    /// <summary>The install sets the default tag to this revision (needed, and not pointing at another revision).</summary>
    public bool PointsHere => Needed && (ExistingTarget ?? Revision) == Revision;

    /// <summary>The revision the tag is for ("default" for the unnamed revision).</summary>
    public string Revision => MeshLabels.RevisionValue(_manifest.Revision);

    /// <summary>
    /// Every MutatingWebhookConfiguration (a cluster has a handful): what <see cref="Detect"/> needs, read before the
    /// manifest is rendered (it depends on nothing in it).
    /// </summary>
    public static Task<IReadOnlyList<JsonObject>> ReadWebhooksAsync(MeshCluster cluster, CancellationToken ct) =>
        cluster.ListAsync(AdmissionV1, Mutating, null, null, ct);

    /// <summary>Every ValidatingWebhookConfiguration (a handful), for a caller that reads them before the apply.</summary>
    public static Task<IReadOnlyList<JsonObject>> ReadValidatingWebhooksAsync(MeshCluster cluster, CancellationToken ct) =>
        cluster.ListAsync(AdmissionV1, "ValidatingWebhookConfiguration", null, null, ct);

    /// <summary>
    /// Whether the tag's plan looks at a validating configuration of this name: the default validator, and (up to
    /// 1.20) the deprecated cluster-wide ones, whose names lack "validator".
    /// </summary>
    public static bool LooksAtValidator(string name) =>
        name == RevisionTagWebhooks.DefaultValidatorName || RevisionTagWebhooks.IsDeprecatedValidatorName(name);

    /// <summary>
    /// From the webhooks read before anything is applied (<see cref="ReadWebhooksAsync"/>), what istioctl reads
    /// (PreviousInstallExists: any configuration labelled app=sidecar-injector) and where the default tag points now.
    /// <paramref name="validating"/>, every validating configuration when the caller read them and nothing the tag
    /// looks at (<see cref="LooksAtValidator"/>) is written before the tag: its plan reads none itself.
    /// </summary>
    public static DefaultRevisionTag Detect(GeneratedManifest manifest, IReadOnlyList<JsonObject> all, IReadOnlyList<JsonObject>? validating = null)
    {
        // Selected here as the server would select app=sidecar-injector.
        var injectors = all.Where(w => w.StringMap("metadata", "labels").GetValueOrDefault("app") == MeshLabels.InjectorApp).ToList();
        var tagWebhook = injectors.FirstOrDefault(w => w.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Tag) == RevisionTagWebhooks.DefaultTag);
        var target = tagWebhook?.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Revision);
        return new DefaultRevisionTag(manifest, IsNeeded(manifest, injectors.Count > 0), target, all, injectors, validating);
    }

    /// <summary>DetectIfTagWebhookIsNeeded: !operatorManageWebhooks &amp;&amp; (no injector existed || default installation with Pilot).</summary>
    internal static bool IsNeeded(GeneratedManifest manifest, bool injectorExisted)
    {
        var spec = manifest.IstioOperator.GetValueOrDefault("spec");
        if (TreeOps.TryFind(spec, "values.global.operatorManageWebhooks", out var manage) && manage is true) return false;
        var defaultInstallation = manifest.Revision.Length == 0 && manifest.Components.Any(c => c.Component == "Pilot" && c.Enabled);
        return !injectorExisted || defaultInstallation;
    }

    /// <summary>
    /// A default installation's own injector, as it should be applied: when the default tag will inject for it, with istioctl's never-matching selectors from the start. istioctl applies it active and then
    /// deactivates it; applying it deactivated ends in the same state without two injectors matching in between
    /// (and without a write on every re-install).
    /// </summary>
    public JsonObject? PrepareOwnInjector(JsonObject body)
    {
        if (_manifest.Revision.Length != 0 || !Needed) return null;
        if ((string?)body["kind"] != Mutating || (string?)body["metadata"]?["labels"]?["app"] != MeshLabels.InjectorApp) return null;
        if ((string?)body["metadata"]?["labels"]?[MeshLabels.Tag] != null) return null;
        return RevisionTagWebhooks.Deactivate(body);
    }

    /// <summary>
    /// Points the default tag at the installed revision. A default tag that already points at another revision is
    /// kept (istioctl would move it back; a canary the user chose stays), with a warning. Returns the plan written, or
    /// null when nothing was written. Like istioctl, a tag that cannot be planned (e.g. no injector rendered) is
    /// skipped, not an error.
    /// </summary>
    public async Task<RevisionTagPlan?> ApplyAsync(MeshCluster cluster, IMeshHost host, CancellationToken ct)
    {
        if (!Needed) return null;
        if (!PointsHere)
        {
            host.WriteWarning($"Revision tag 'default' points at revision '{ExistingTarget}' and was left there (istioctl install would point it at '{Revision}'). " +
                $"To make this installation the default, run Set-MeshRevisionTag -Tag default -Revision {Revision} -Overwrite.");
            return null;
        }
        var tags = new RevisionTagManager(cluster, host);
        RevisionTagPlan plan;
        try
        {
            plan = await tags.PlanSetAsync(new SetRevisionTagRequest
            {
                Tag = RevisionTagWebhooks.DefaultTag,
                Revision = Revision,
                Overwrite = true,
                // The revision was just applied; with -SkipWait its istiod may not be listed yet.
                Force = true,
                AutoInjectNamespaces = AutoInjectNamespaces(_manifest),
                // Where this install put istiod; a manifest without Pilot leaves it to the revisions in the cluster.
                KnownRevisionNamespace = _manifest.Components.Any(c => c.Component == "Pilot" && c.Enabled) ? _manifest.ControlPlaneNamespace : null,
                KnownRevisionVersion = _manifest.IstioVersion,
                KnownValidatingWebhooks = _validatingWebhooks,
                NoTagWebhooksBefore = !MutatingWebhooks.Any(w => w.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Tag) == RevisionTagWebhooks.DefaultTag),
                // The install shows no namespaces of the tag's (istioctl install names none either).
                ListNamespaces = false,
                ByInstaller = true,
            }, ct).ConfigureAwait(false);
        }
        catch (MeshException e)
        {
            host.WriteVerbose($"Revision tag 'default' not set (istioctl skips this step too when the tag cannot be generated): {e.Message}");
            return null;
        }
        if (plan.Changes.All(c => c.Action == RevisionTagAction.Update) && ExistingTarget == Revision && !await ChangesAnythingAsync(cluster, plan, ct).ConfigureAwait(false))
            return null;
        await tags.ExecuteAsync(plan, ct).ConfigureAwait(false);
        return plan;
    }

    /// <summary>validateEnableNamespacesByDefault: values.sidecarInjectorWebhook.enableNamespacesByDefault is true.</summary>
    internal static bool AutoInjectNamespaces(GeneratedManifest manifest) =>
        TreeOps.TryFind(manifest.IstioOperator.GetValueOrDefault("spec"), "values.sidecarInjectorWebhook.enableNamespacesByDefault", out var value) && value is true;

    /// <summary>
    /// True unless applying the plan would change nothing (an unchanged re-install writes nothing). Judged as
    /// server-side apply judges it, from our field manager's entry (<see cref="NoOpApplyCheck"/>): only the fields the
    /// plan sets count, so what the API server defaults (a webhook's matchPolicy, timeoutSeconds, a Service's
    /// clusterIP) does not look like a change. What it cannot judge (an object applied by another tool, a field whose
    /// ownership moved, e.g. a caBundle istiod patched) is asked of the server with a dry run, as the apply does.
    /// </summary>
    private static async Task<bool> ChangesAnythingAsync(MeshCluster cluster, RevisionTagPlan plan, CancellationToken ct)
    {
        // The objects are read together (a handful of GETs); a dry run, where one is needed, only until a change shows.
        var reads = await Task.WhenAll(plan.Changes.Select(c => cluster.GetAsync(c.ApiVersion, c.Kind, c.Namespace, c.Name, ct))).ConfigureAwait(false);
        foreach (var (change, live) in plan.Changes.Zip(reads))
        {
            if (live == null || change.Body == null) return true;
            var verdict = NoOpApplyCheck.Check(change.Body, live, ServerSideApplier.FieldManager);
            if (verdict == NoOpApplyCheck.Verdict.Changed) return true;
            if (verdict == NoOpApplyCheck.Verdict.NoOp) continue;
            var planned = await cluster.ApplyAsync(change.Body, force: true, dryRun: true, ct).ConfigureAwait(false);
            if (ObjectDiff.ChangedPaths(live, planned).Count > 0) return true;
        }
        return false;
    }
}
