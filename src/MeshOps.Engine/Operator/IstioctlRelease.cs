using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Operator;

/// <summary>
/// The istioctl installer generations MeshOps follows. Within a family the pipeline is one; the releases of a family
/// differ only in the explicit switches of <see cref="IstioctlRelease"/>.
/// </summary>
internal enum IstioctlFamily
{
    /// <summary>1.18 to 1.23: operator/pkg/translate (Translator), helmreconciler, installed-state (written up to 1.20).</summary>
    Translator,

    /// <summary>1.24 and later: operator/pkg/render (GenerateManifest, postProcess), no istio-operator, no installed-state.</summary>
    Render,
}

/// <summary>How a component with flattened values (ztunnel) gets the rest of the values (TranslateHelmValues / applyComponentValuesToHelmValues).</summary>
internal enum FlattenStyle
{
    /// <summary>1.18 to 1.19: global's fields at the top, then the component's.</summary>
    GlobalsAtTop,

    /// <summary>1.20 to 1.21: the API's scalar values (revision, ...), global's fields at the top, then the component's.</summary>
    ApiScalarsAndGlobalsAtTop,

    /// <summary>1.22 to 1.23: global kept as global, the API's scalars and the top-level fields (ownerName, revision, compatibilityVersion, profile), then the component's.</summary>
    GlobalNestedWithTopLevelFields,

    /// <summary>1.24 on: global kept as global, every scalar of spec.values, then the component's.</summary>
    GlobalNestedWithValueScalars,
}

/// <summary>
/// What one Istio release's istioctl does differently when it renders (manifest generate, install, profile dump):
/// its family, and the few rules that changed inside a family. Derived from the version alone, so a release MeshOps
/// has never seen gets the rules of the newest family it belongs to.
/// </summary>
internal sealed class IstioctlRelease
{
    private IstioctlRelease(IstioVersion version) => Version = version;

    /// <summary>The release.</summary>
    public IstioVersion Version { get; }

    public IstioctlFamily Family => AtLeast(1, 24) ? IstioctlFamily.Render : IstioctlFamily.Translator;

    /// <summary>
    /// istioctl 1.18 to 1.20 save the installed-state IstioOperator after installing (saveIOPToCluster); 1.21 stopped
    /// (istio/istio#47943: operator/cmd/mesh/install.go InstallManifests).
    /// </summary>
    public bool WritesInstalledState => !AtLeast(1, 21);

    /// <summary>
    /// istioctl 1.21 to 1.23 delete the installed-state an older istioctl saved under the same name
    /// (HelmReconciler.DeleteIOPInClusterIfExists); 1.24's installer (operator/pkg/install) leaves it alone.
    /// </summary>
    public bool DeletesInstalledState => AtLeast(1, 21) && Family == IstioctlFamily.Translator;

    /// <summary>istioctl 1.18 to 1.21 set values.global.autoscalingv2API=false for autoscaling/v2beta1 fields in hpaSpec (checkDeprecatedHPAFields).</summary>
    public bool TranslatesDeprecatedHpaFields => !AtLeast(1, 22);

    /// <summary>spec.compatibilityVersion maps to values.compatibilityVersion from 1.21 (Translator.APIMapping).</summary>
    public bool MapsCompatibilityVersion => AtLeast(1, 21);

    public FlattenStyle Flatten =>
        AtLeast(1, 24) ? FlattenStyle.GlobalNestedWithValueScalars
        : AtLeast(1, 22) ? FlattenStyle.GlobalNestedWithTopLevelFields
        : AtLeast(1, 20) ? FlattenStyle.ApiScalarsAndGlobalsAtTop
        : FlattenStyle.GlobalsAtTop;

    /// <summary>
    /// A PDB patched to hold both maxUnavailable and minAvailable: 1.24+ (postProcessPodDisruptionBudget) sets
    /// minAvailable to null whenever both are present; older releases (object.ResolveK8sConflict) drop it when both are non-zero.
    /// </summary>
    public bool NullsPdbMinAvailable => Family == IstioctlFamily.Render;

    /// <summary>The IstiodRemote component (istiod-remote chart) went away in 1.26 (operator/pkg/component AllComponents).</summary>
    public bool HasIstiodRemoteComponent => !AtLeast(1, 26);

    /// <summary>
    /// 1.28.8 and later 1.28 patches (a release-1.28 backport, istio/istio#60268; not in 1.29 or 1.30) copy a Deployment
    /// component's k8s.hpaSpec min/maxReplicas and k8s.replicaCount into its values (autoscaleMin, autoscaleMax,
    /// replicaCount), so the charts' PDB guards see them.
    /// </summary>
    public bool CopiesK8sReplicasIntoValues => InMinorFrom("1.28.8");

    /// <summary>
    /// istioctl's object order (DefaultObjectOrder / objectKindOrdering): the translator puts Istio's own config kinds
    /// (networking, security, ...) right after webhooks; 1.24+ gives them the default score.
    /// </summary>
    public bool OrdersIstioConfigEarly => Family == IstioctlFamily.Translator;

    // istioctl tag set, and install's automatic default tag (istioctl/pkg/tag/generate.go): the rules of the release
    // whose revision the tag points at. admissionReviewVersions (["v1beta1", "v1"] to 1.22, ["v1"] from 1.23) is copied
    // from the revision's injector (RevisionTagWebhooks.EndpointOf), which its release's chart rendered the same way.

    /// <summary>
    /// The reinvocationPolicy of a tag's injector webhooks, given the revision injector's: 1.26+ copy it (Never when unset);
    /// 1.19-1.25 render the chart's default, Never, whatever the injector's (the tag template uses the injector's "core"
    /// define, rendered with istioctl's fresh values); 1.18 charts have none.
    /// </summary>
    public string? TagReinvocationPolicy(string? injectorPolicy) => AtLeast(1, 26) ? injectorPolicy ?? "Never" : AtLeast(1, 19) ? "Never" : null;

    /// <summary>
    /// 1.19+ (tagWebhookConfigFromCanonicalWebhook, generateLabels): the tag's webhooks (and the default tag's validator)
    /// also carry the revision injector's labels but app, and its annotations; 1.18 renders the chart's alone.
    /// </summary>
    public bool TagCopiesInjectorMetadata => AtLeast(1, 19);

    /// <summary>
    /// 1.19.5+, 1.20.1+ and 1.21 on (GenerateOptions.UserManaged, set by tag set, not by install): a tag set by hand drops
    /// every label whose key contains operator.istio.io, so no installer prunes or owns it.
    /// </summary>
    public bool TagSetDropsOperatorLabels => InMinorFrom("1.19.5") || InMinorFrom("1.20.1") || AtLeast(1, 21);

    /// <summary>1.20+ (fixWhConfig): istiod-default-validator keeps the failurePolicy on the server (istiod sets Fail once ready); 1.18-1.19 render Ignore again.</summary>
    public bool TagKeepsValidatorFailurePolicy => AtLeast(1, 20);

    /// <summary>1.28+ (generateTagService): a tag also gets Service istiod-revision-tag-&lt;tag&gt; in the revision's namespace, selecting its istiod.</summary>
    public bool TagCreatesService => AtLeast(1, 28);

    /// <summary>1.18-1.20 (DeleteDeprecatedValidator): tag set default deletes the cluster-wide validators old base charts made (app=istiod, no "validator" in the name).</summary>
    public bool TagDeletesDeprecatedValidators => !AtLeast(1, 21);

    /// <summary>The components of this release, in rendering order.</summary>
    public IReadOnlyList<ComponentInfo> Components => ComponentCatalog.All.Where(c => c != ComponentCatalog.IstiodRemote || HasIstiodRemoteComponent).ToList();

    // k8sversion.MinK8SVersion per minor (pkg/kube/... at each minor's latest tag): manifest generate renders for 1.<it>.0.
    private static readonly (int Minor, int MinKubernetesMinor)[] MinKubernetes =
        { (18, 24), (19, 25), (20, 25), (21, 26), (22, 26), (23, 26), (24, 28), (25, 29), (26, 29), (27, 29), (28, 30), (29, 30), (30, 32) };

    /// <summary>
    /// The Kubernetes minor istioctl manifest generate renders for without a cluster ("1." + MinK8SVersion + ".0");
    /// a release newer than MeshOps knows gets the newest known.
    /// </summary>
    public int DefaultKubernetesMinor =>
        Version.Major > 1 ? MinKubernetes[^1].MinKubernetesMinor
        : MinKubernetes.LastOrDefault(m => m.Minor <= Version.Minor) is { Minor: > 0 } known ? known.MinKubernetesMinor : MinKubernetes[0].MinKubernetesMinor;

    /// <summary>
    /// Sprig 3.2 (to 1.23) merges with imdario/mergo, which istio's go.mod pins to v0.3.5; 1.24 on use Sprig 3.3 with
    /// dario.cat/mergo (the rules Helm 4 has).
    /// </summary>
    public bool UsesMergo035 => !AtLeast(1, 24);

    /// <summary>
    /// istio's go.mod links Masterminds/semver v3.4 from 1.28 (v3.2-v3.3 before), whose constraints let a pre-release
    /// version through a whole AND group that names one (<see cref="Versions.SemverCompatibility"/>).
    /// </summary>
    public bool UsesSemver34 => AtLeast(1, 28);

    public bool AtLeast(int major, int minor) => Version.Major > major || Version.Major == major && Version.Minor >= minor;

    /// <summary>
    /// Whether this release is of <paramref name="patch"/>'s minor and at least that patch: a change a release branch
    /// took in a patch (a backport), which the minor's earlier patches lack.
    /// </summary>
    public bool InMinorFrom(string patch)
    {
        var from = IstioVersion.Parse(patch);
        return Version.Major == from.Major && Version.Minor == from.Minor && Version.CompareTo(from) >= 0;
    }

    public static IstioctlRelease For(IstioVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new IstioctlRelease(version);
    }

    public override string ToString() => $"istioctl {Version} ({Family} family)";
}
