using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Where a revision's sidecar injector listens, as copied from its own injector webhook (istioctl 1.18.5
/// tagWebhookConfigFromCanonicalWebhook: URL, service path and CA bundle of the first *sidecar-injector.istio.io webhook).
/// </summary>
public sealed record InjectorEndpoint
{
    /// <summary>The revision as templates take it: "" for the default revision.</summary>
    public required string Revision { get; init; }
    /// <summary>Control-plane namespace (Helm Release.Namespace when istioctl renders the tag).</summary>
    public required string Namespace { get; init; }
    /// <summary>clientConfig.url of a remote istiod; null when the webhook calls a service.</summary>
    public string? Url { get; init; }
    /// <summary>clientConfig.service.path, e.g. /inject or /inject/cluster/C/net/N.</summary>
    public string Path { get; init; } = "";
    /// <summary>clientConfig.caBundle (base64, as JSON holds it); null when unset.</summary>
    public string? CaBundle { get; init; }
    /// <summary>
    /// admissionReviewVersions of the injector webhook as the revision's release rendered it (["v1beta1", "v1"] to 1.22,
    /// ["v1"] from 1.23; the same release's tag and default-validator templates render the same list). Null: unknown.
    /// </summary>
    public IReadOnlyList<string>? AdmissionReviewVersions { get; init; }
    /// <summary>reinvocationPolicy for the tag's webhooks; null renders none (the release decides, <see cref="Operator.IstioctlRelease.TagReinvocationPolicy"/>).</summary>
    public string? ReinvocationPolicy { get; init; }

    /// <summary>
    /// The injector's labels istioctl 1.19+ copies onto the tag's webhooks: all but app (each webhook keeps its own) and
    /// MeshOps' ownership labels (meshops.io/*), which would let the revision's prune or uninstall take the tag with it,
    /// as istioctl's own install keeps its copy from its pruner. Null: none copied (1.18, <see cref="Operator.IstioctlRelease.TagCopiesInjectorMetadata"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    /// <summary>The injector's annotations, copied onto the tag's webhooks like <see cref="Labels"/>; null: none.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    /// <summary>
    /// Whether a tag set by hand drops every label whose key contains operator.istio.io (istioctl's UserManaged tags,
    /// <see cref="Operator.IstioctlRelease.TagSetDropsOperatorLabels"/>); the install's default tag keeps them.
    /// </summary>
    public bool TagSetDropsOperatorLabels { get; init; } = true;

    /// <summary>istiod for the default revision, else istiod-REV (revision-tags.yaml "core").</summary>
    public string ServiceName => Revision.Length == 0 ? "istiod" : "istiod-" + Revision;
}

/// <summary>
/// Builds the objects <c>istioctl tag set</c> applies, as the charts' revision-tags.yaml (istio-discovery;
/// revision-tags-mwc.yaml and revision-tags-svc.yaml from 1.28) and validatingwebhook.yaml (default chart) render them
/// with istioctl's values, followed by istioctl's fix-ups (caBundle and service path copied from the revision's
/// injector). What changed between releases in those templates follows the revision's release: admissionReviewVersions
/// copied from its injector, reinvocationPolicy by <see cref="Operator.IstioctlRelease.TagReinvocationPolicy"/>. Kept in
/// step with every release's templates by tests that render the real charts.
/// </summary>
public static class RevisionTagWebhooks
{
    public const string DefaultTag = "default";
    /// <summary>The label istioctl puts on deactivated webhooks' selectors so they never match (util.go neverMatch).</summary>
    public const string DeactivatedLabel = "istio.io/deactivated";
    public const string NeverMatch = "never-match";
    public const string DefaultValidatorName = "istiod-default-validator";

    /// <summary>
    /// A validating configuration of an old base chart that tag set default deletes up to 1.20: labelled app=istiod and
    /// named without "validator" ("hacky but we want to remove the validators that used to be in base, not the
    /// per-revision webhooks", DeleteDeprecatedValidator).
    /// </summary>
    public static bool IsDeprecatedValidatorName(string name) => !name.Contains("validator", StringComparison.Ordinal);
    private const string InjectorSuffix = "sidecar-injector.istio.io";
    /// <summary>istioctl's mark on the install's default tag: its installer never prunes the object.</summary>
    public const string NotPrunedLabel = "install.operator.istio.io/owning-resource-not-pruned";
    private const string MeshOpsLabelPrefix = "meshops.io/";
    private static readonly string[] SystemNamespaces = { "kube-system", "kube-public", "kube-node-lease", "local-path-storage" };
    private static readonly Regex TagPattern = new("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    /// <summary>istio-revision-tag-TAG in istio-system, istio-revision-tag-TAG-NS elsewhere.</summary>
    public static string WebhookName(string tag, string ns) =>
        ns == "istio-system" ? "istio-revision-tag-" + tag : $"istio-revision-tag-{tag}-{ns}";

    /// <summary>Throws InvalidRevisionTagName unless the tag works as a label value and inside an object name.</summary>
    public static void ValidateTagName(string tag)
    {
        if (tag.Length is > 0 and <= 63 && TagPattern.IsMatch(tag)) return;
        throw new MeshException("InvalidRevisionTagName", MeshErrorKind.InvalidArgument,
            $"'{tag}' cannot be a revision tag: it becomes the istio.io/rev label value and part of the webhook's name, so use at most 63 " +
            "lower-case letters, digits, '-' or '.', starting and ending with a letter or digit (e.g. prod, stable, default).", tag);
    }

    /// <summary>
    /// The endpoint of a revision's injector webhook (labelled istio.io/rev=REV, no istio.io/tag); throws
    /// RevisionInjectorInvalid when it has no *sidecar-injector.istio.io webhook, as istioctl does.
    /// </summary>
    public static InjectorEndpoint EndpointOf(JsonObject injectorConfiguration, string fallbackNamespace)
    {
        var name = injectorConfiguration.Str("metadata", "name") ?? "?";
        var revision = injectorConfiguration.Str("metadata", "labels", MeshLabels.Revision) ?? "default";
        foreach (var hook in (injectorConfiguration["webhooks"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
        {
            if (hook.Str("name")?.EndsWith(InjectorSuffix, StringComparison.Ordinal) != true) continue;
            return new InjectorEndpoint
            {
                // A revision named "default" renders with an empty revision (istiod, not istiod-default).
                Revision = revision == "default" ? "" : revision,
                Namespace = hook.Str("clientConfig", "service", "namespace") is { Length: > 0 } ns ? ns : fallbackNamespace,
                Url = hook.Str("clientConfig", "url") is { Length: > 0 } url ? url : null,
                Path = hook.Str("clientConfig", "service", "path") ?? "",
                CaBundle = hook.Str("clientConfig", "caBundle") is { Length: > 0 } ca ? ca : null,
                AdmissionReviewVersions = hook["admissionReviewVersions"] is JsonArray versions ? versions.Select(v => v.Str() ?? "").ToList() : null,
                ReinvocationPolicy = hook.Str("reinvocationPolicy") is { Length: > 0 } policy ? policy : null,
                Labels = injectorConfiguration.StringMap("metadata", "labels")
                    .Where(l => l.Key != "app" && !l.Key.StartsWith(MeshOpsLabelPrefix, StringComparison.Ordinal))
                    .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
                Annotations = injectorConfiguration.StringMap("metadata", "annotations"),
            };
        }
        throw new MeshException("RevisionInjectorInvalid", MeshErrorKind.InvalidData,
            $"MutatingWebhookConfiguration {name} has no *.{InjectorSuffix} webhook to copy the injector's address from. Reinstall revision {revision} to restore it.", name);
    }

    /// <summary>
    /// <see cref="EndpointOf(JsonObject, string)"/> as a tag of a revision of <paramref name="release"/> uses it
    /// (<see cref="Operator.IstioctlRelease.TagReinvocationPolicy"/>). A release not known (null) gets the newest rules.
    /// </summary>
    internal static InjectorEndpoint EndpointOf(JsonObject injectorConfiguration, string fallbackNamespace, Operator.IstioctlRelease? release)
    {
        var endpoint = EndpointOf(injectorConfiguration, fallbackNamespace);
        return endpoint with
        {
            ReinvocationPolicy = release != null ? release.TagReinvocationPolicy(endpoint.ReinvocationPolicy) : endpoint.ReinvocationPolicy ?? "Never",
            Labels = release is { TagCopiesInjectorMetadata: false } ? null : endpoint.Labels,
            Annotations = release is { TagCopiesInjectorMetadata: false } ? null : endpoint.Annotations,
            TagSetDropsOperatorLabels = release?.TagSetDropsOperatorLabels ?? true,
        };
    }

    /// <summary>
    /// The tag's MutatingWebhookConfiguration (revision-tags.yaml with revisionTags=[tag]), with the injector's labels and
    /// annotations (<see cref="InjectorEndpoint.Labels"/>). <paramref name="byInstaller"/>: the install's default tag
    /// (keeps operator.istio.io labels, marked not to be pruned) rather than one set by hand.
    /// </summary>
    public static JsonObject BuildInjector(string tag, InjectorEndpoint endpoint, bool autoInjectNamespaces = false, bool byInstaller = false)
    {
        var hooks = new JsonArray
        {
            Hook("rev.namespace.", endpoint,
                Selector(In(MeshLabels.Revision, tag), DoesNotExist(MeshLabels.LegacyInjection)),
                Selector(NotIn("sidecar.istio.io/inject", "false"))),
            Hook("rev.object.", endpoint,
                Selector(DoesNotExist(MeshLabels.Revision), DoesNotExist(MeshLabels.LegacyInjection)),
                Selector(NotIn("sidecar.istio.io/inject", "false"), In(MeshLabels.Revision, tag))),
        };
        if (tag == DefaultTag)
        {
            hooks.Add(Hook("namespace.", endpoint,
                Selector(In(MeshLabels.LegacyInjection, "enabled")),
                Selector(NotIn("sidecar.istio.io/inject", "false"))));
            hooks.Add(Hook("object.", endpoint,
                Selector(DoesNotExist(MeshLabels.LegacyInjection), DoesNotExist(MeshLabels.Revision)),
                Selector(In("sidecar.istio.io/inject", "true"), DoesNotExist(MeshLabels.Revision))));
            if (autoInjectNamespaces)
            {
                hooks.Add(Hook("auto.", endpoint,
                    Selector(DoesNotExist(MeshLabels.LegacyInjection), DoesNotExist(MeshLabels.Revision), NotIn("kubernetes.io/metadata.name", SystemNamespaces)),
                    Selector(DoesNotExist("sidecar.istio.io/inject"), DoesNotExist(MeshLabels.Revision))));
            }
        }
        return new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "MutatingWebhookConfiguration",
            ["metadata"] = Metadata(WebhookName(tag, endpoint.Namespace), new JsonObject
            {
                [MeshLabels.Tag] = tag,
                [MeshLabels.Revision] = MeshLabels.RevisionValue(endpoint.Revision),
                // What the chart renders without ownerName and with istioctl's Helm release name "istio".
                ["install.operator.istio.io/owning-resource"] = "unknown",
                ["operator.istio.io/component"] = "Pilot",
                ["app"] = MeshLabels.InjectorApp,
                ["release"] = "istio",
            }, endpoint, byInstaller),
            ["webhooks"] = hooks,
        };
    }

    /// <summary>
    /// ValidatingWebhookConfiguration istiod-default-validator for the default tag (default chart's validatingwebhook.yaml).
    /// Like istioctl it takes the address from the injector: a URL gets its path replaced by /validate (fixWhConfig).
    /// <paramref name="failurePolicy"/> is the chart's Ignore, or from 1.20 the one on the server (istiod sets Fail).
    /// </summary>
    public static JsonObject BuildDefaultValidator(InjectorEndpoint endpoint, string failurePolicy = "Ignore", bool byInstaller = false)
    {
        var clientConfig = new JsonObject();
        if (endpoint.Url != null)
        {
            clientConfig["url"] = ValidationUrl(endpoint.Url);
        }
        else
        {
            clientConfig["service"] = new JsonObject
            {
                ["name"] = endpoint.ServiceName,
                ["namespace"] = endpoint.Namespace,
                ["path"] = "/validate",
            };
        }
        if (endpoint.CaBundle != null) clientConfig["caBundle"] = endpoint.CaBundle;
        return new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "ValidatingWebhookConfiguration",
            ["metadata"] = Metadata(DefaultValidatorName, new JsonObject
            {
                ["app"] = "istiod",
                ["istio"] = "istiod",
                [MeshLabels.Revision] = MeshLabels.RevisionValue(endpoint.Revision),
                [MeshLabels.Tag] = DefaultTag,
                ["operator.istio.io/component"] = "Pilot",
            }, endpoint, byInstaller),
            ["webhooks"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = "validation.istio.io",
                    ["clientConfig"] = clientConfig,
                    ["rules"] = new JsonArray
                    {
                        new JsonObject
                        {
                            ["operations"] = Strings("CREATE", "UPDATE"),
                            ["apiGroups"] = Strings("security.istio.io", "networking.istio.io", "telemetry.istio.io", "extensions.istio.io"),
                            ["apiVersions"] = Strings("*"),
                            ["resources"] = Strings("*"),
                        },
                    },
                    ["failurePolicy"] = failurePolicy,
                    ["sideEffects"] = "None",
                    ["admissionReviewVersions"] = ReviewVersions(endpoint),
                    ["objectSelector"] = Selector(DoesNotExist(MeshLabels.Revision)),
                },
            },
        };
    }

    /// <summary>The name of a tag's Service (1.28+, revision-tags-svc.yaml).</summary>
    public static string ServiceName(string tag) => "istiod-revision-tag-" + tag;

    /// <summary>
    /// Service istiod-revision-tag-TAG that istioctl 1.28+ applies with a tag (istio-discovery's revision-tags-svc.yaml, in
    /// the revision's namespace): istiod's ports, selecting the revision's istiod pods, so the tag's name resolves to it.
    /// </summary>
    public static JsonObject BuildTagService(string tag, InjectorEndpoint endpoint)
    {
        var selector = new JsonObject { ["app"] = "istiod" };
        if (endpoint.Revision.Length > 0) selector[MeshLabels.Revision] = endpoint.Revision;
        else selector["istio"] = "pilot"; // the default service's label; a versioned istiod does not carry it
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = ServiceName(tag),
                ["namespace"] = endpoint.Namespace,
                ["labels"] = new JsonObject
                {
                    [MeshLabels.Revision] = MeshLabels.RevisionValue(endpoint.Revision),
                    [MeshLabels.Tag] = tag,
                    ["install.operator.istio.io/owning-resource"] = "unknown",
                    ["operator.istio.io/component"] = "Pilot",
                    ["app"] = "istiod",
                    ["istio"] = "pilot",
                    ["release"] = "istio",
                    ["app.kubernetes.io/name"] = "istiod",
                },
            },
            ["spec"] = new JsonObject
            {
                ["ports"] = new JsonArray
                {
                    Port(15010, "grpc-xds"), Port(15012, "https-dns"), Port(443, "https-webhook", 15017), Port(15014, "http-monitoring"),
                },
                ["selector"] = selector,
            },
        };
    }

    private static JsonObject Port(int port, string name, int? targetPort = null)
    {
        var result = new JsonObject { ["port"] = port, ["name"] = name };
        if (targetPort != null) result["targetPort"] = targetPort.Value;
        result["protocol"] = "TCP";
        return result;
    }

    /// <summary>
    /// The default revision's own injector with every webhook's selectors replaced by never-matching ones
    /// (util.go DeactivateIstioInjectionWebhook): kept, not deleted, so it can be switched back to. Server-set
    /// metadata is dropped so the result can be applied whole. A caBundle istiod wrote (another manager owns it on the
    /// live object, <see cref="RuntimeOwnedFields"/>) is left out: force-applying it would make it ours alone, and the
    /// next install of the default revision, whose chart renders none, would then delete it and break injection.
    /// </summary>
    public static JsonObject Deactivate(JsonObject injectorConfiguration)
    {
        var copy = RuntimeOwnedFields.LeaveToOwners(injectorConfiguration, injectorConfiguration, ServerSideApplier.FieldManager, new HashSet<string>(), out _);
        copy = ReferenceEquals(copy, injectorConfiguration) ? (JsonObject)copy.DeepClone() : copy;
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var key in new[] { "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink" })
                metadata.Remove(key);
        }
        foreach (var hook in (copy["webhooks"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
        {
            hook["namespaceSelector"] = NeverMatchSelector();
            hook["objectSelector"] = NeverMatchSelector();
        }
        return copy;
    }

    /// <summary>True when every webhook of a configuration already has istioctl's never-match selectors.</summary>
    public static bool IsDeactivated(JsonObject configuration) =>
        (configuration["webhooks"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().All(h =>
            h.Str("namespaceSelector", "matchLabels", DeactivatedLabel) == NeverMatch && h.Str("objectSelector", "matchLabels", DeactivatedLabel) == NeverMatch);

    /// <summary>Go's url.Parse, Path = "/validate", String(): scheme, user info, host, port, query and fragment stay.</summary>
    internal static string ValidationUrl(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return url;
        var authorityEnd = url.IndexOfAny(new[] { '/', '?', '#' }, scheme + 3);
        if (authorityEnd < 0) return url + "/validate";
        var pathEnd = url.IndexOfAny(new[] { '?', '#' }, authorityEnd);
        return url[..authorityEnd] + "/validate" + (pathEnd < 0 ? "" : url[pathEnd..]);
    }

    /// <summary>
    /// generateLabels: the chart's labels, then the injector's over them, then (install) the not-pruned mark; a tag set by
    /// hand drops every operator.istio.io label. Annotations: the injector's. 1.18 (no copied labels) keeps the chart's.
    /// </summary>
    private static JsonObject Metadata(string name, JsonObject chartLabels, InjectorEndpoint endpoint, bool byInstaller)
    {
        var metadata = new JsonObject { ["name"] = name, ["labels"] = chartLabels };
        if (endpoint.Labels == null) return metadata;
        foreach (var (key, value) in endpoint.Labels) chartLabels[key] = value;
        if (byInstaller)
        {
            chartLabels[NotPrunedLabel] = "true";
        }
        else if (endpoint.TagSetDropsOperatorLabels)
        {
            foreach (var key in chartLabels.Select(l => l.Key).Where(k => k.Contains("operator.istio.io", StringComparison.Ordinal)).ToList())
                chartLabels.Remove(key);
        }
        if (endpoint.Annotations is { Count: > 0 } annotations)
            metadata["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value))));
        return metadata;
    }

    private static JsonObject NeverMatchSelector() => new() { ["matchLabels"] = new JsonObject { [DeactivatedLabel] = NeverMatch } };

    private static JsonObject Hook(string prefix, InjectorEndpoint endpoint, JsonObject namespaceSelector, JsonObject objectSelector)
    {
        var clientConfig = new JsonObject();
        if (endpoint.Url != null)
        {
            clientConfig["url"] = endpoint.Url;
        }
        else
        {
            clientConfig["service"] = new JsonObject
            {
                ["name"] = endpoint.ServiceName,
                ["namespace"] = endpoint.Namespace,
                // istioctl overwrites the chart's path with the revision injector's, even when that one is empty.
                ["path"] = endpoint.Path,
                ["port"] = 443,
            };
        }
        if (endpoint.CaBundle != null) clientConfig["caBundle"] = endpoint.CaBundle;
        var hook = new JsonObject
        {
            ["name"] = prefix + InjectorSuffix,
            ["clientConfig"] = clientConfig,
            ["sideEffects"] = "None",
            ["rules"] = new JsonArray
            {
                new JsonObject
                {
                    ["operations"] = Strings("CREATE"), ["apiGroups"] = Strings(""), ["apiVersions"] = Strings("v1"), ["resources"] = Strings("pods"),
                },
            },
            ["failurePolicy"] = "Fail",
        };
        if (endpoint.ReinvocationPolicy != null) hook["reinvocationPolicy"] = endpoint.ReinvocationPolicy;
        hook["admissionReviewVersions"] = ReviewVersions(endpoint);
        hook["namespaceSelector"] = namespaceSelector;
        hook["objectSelector"] = objectSelector;
        return hook;
    }

    // The v1 API requires the field, so only an endpoint made by hand lacks it: 1.18's list then.
    private static JsonArray ReviewVersions(InjectorEndpoint endpoint) => Strings(endpoint.AdmissionReviewVersions?.ToArray() ?? ["v1beta1", "v1"]);

    private static JsonObject Selector(params JsonObject[] expressions) => new() { ["matchExpressions"] = new JsonArray(expressions) };
    private static JsonObject In(string key, params string[] values) => new() { ["key"] = key, ["operator"] = "In", ["values"] = Strings(values) };
    private static JsonObject NotIn(string key, params string[] values) => new() { ["key"] = key, ["operator"] = "NotIn", ["values"] = Strings(values) };
    private static JsonObject DoesNotExist(string key) => new() { ["key"] = key, ["operator"] = "DoesNotExist" };
    private static JsonArray Strings(params string[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
