using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Operator;

/// <summary>The IstioOperator istioctl would render: profile, files and --set merged, validated, defaults filled.</summary>
internal sealed class MergedOperator
{
    public required Dictionary<string, object?> IstioOperator { get; init; }
    public required string ManifestsPath { get; init; }
    public required string Profile { get; init; }
    /// <summary>The release the manifests are, whose istioctl's rules apply.</summary>
    public required IstioctlRelease Release { get; init; }
    /// <summary>The files and -Set flags (with the request's options) merged, before the profile: what the user gave.</summary>
    public required Dictionary<string, object?> UserOverlay { get; init; }
    public required List<OperatorIssue> Warnings { get; init; }

    public Dictionary<string, object?> Spec => (Dictionary<string, object?>)IstioOperator["spec"]!;
}

/// <summary>
/// istioctl's GenerateConfig / GenIOPFromProfile (operator/pkg/manifest/shared.go): default profile, the named
/// profile, the -f files in order, then --set; legacy values translated into components; validated before use.
/// </summary>
internal static class OperatorConfigBuilder
{
    public static MergedOperator Build(GenerateRequest request, IMeshHost host)
    {
        var warnings = new List<OperatorIssue>();
        var flags = SetFlags.Parse(AllSetFlags(request));

        // The -f files, overlaid in order with IstioOperator merge keys.
        Dictionary<string, object?>? fileOverlay = null;
        var files = new List<OperatorFile>();
        foreach (var file in request.Files)
        {
            var parsed = OperatorFileReader.ReadFile(Resolve(request, file));
            files.Add(parsed);
            if (parsed.Tree == null) continue;
            fileOverlay = fileOverlay == null ? TreeOps.CloneMap(parsed.Tree) : StrategicMerge.Merge(fileOverlay, parsed.Tree, IopMergeSchema.Instance);
        }

        var profile = Spec(fileOverlay)?.GetValueOrDefault("profile") as string;
        if (string.IsNullOrEmpty(profile)) profile = ProfileLoader.DefaultProfile;
        var profileFlag = SetFlags.ValueFor(flags, "profile");
        if (profileFlag.Length > 0) profile = profileFlag;
        if (ProfileLoader.IsFilePath(profile)) profile = Resolve(request, profile);

        var installPackagePath = Spec(fileOverlay)?.GetValueOrDefault("installPackagePath") as string ?? "";
        var pathFlag = SetFlags.ValueFor(flags, "installPackagePath");
        if (pathFlag.Length > 0) installPackagePath = pathFlag;
        if (installPackagePath.Length == 0)
            throw OperatorErrors.Single("ManifestsNotFound",
                "no manifests folder given: pass -ManifestsPath (istioctl --manifests) or set spec.installPackagePath to the manifests/ folder of an Istio release (it holds charts/ and profiles/)",
                kind: MeshErrorKind.ObjectNotFound);
        installPackagePath = Resolve(request, installPackagePath);
        if (!Directory.Exists(Path.Combine(installPackagePath, "charts")) || !Directory.Exists(Path.Combine(installPackagePath, "profiles")))
            throw OperatorErrors.Single("ManifestsNotFound",
                $"\"{installPackagePath}\" is not an Istio manifests folder (it needs charts/ and profiles/); point -ManifestsPath at the manifests/ folder of an Istio release",
                installPackagePath, kind: MeshErrorKind.ObjectNotFound);

        // The release decides the schema every input is checked against.
        var version = ReleaseManifests.Resolve(installPackagePath, request.Version);
        var release = IstioctlRelease.For(version);
        var schema = OperatorSchema.For(release);
        var fileIssues = files.SelectMany(f => f.Validate(schema, release)).ToList();
        foreach (var flag in flags) fileIssues.AddRange(ValidateFlagAlone(schema, release, flag));
        Report(fileIssues, request.Force, warnings, host);

        // The images are what the manifests and the user say: no release's hub and tag are laid over the profile.
        var render = release.Family == IstioctlFamily.Render;
        var merged = ProfileLoader.Load(installPackagePath, profile, plainMerge: render);
        Dictionary<string, object?> userOverlay;
        if (render)
        {
            // MergeInputs (1.24+): files and --set over one another and over the profile with plain merges, then the
            // API translated into values (RenderTranslation).
            userOverlay = TreeOps.NewMap();
            foreach (var file in files.Where(f => f.Tree != null)) MapMerge.Into(userOverlay, TreeOps.CloneMap(file.Tree!));
            SetFlags.Apply(userOverlay, flags);
            userOverlay = (Dictionary<string, object?>)NormalizeNumbers(userOverlay)!;
            MapMerge.Into(merged, userOverlay);
            RenderTranslation.ToHelm(merged, TreeOps.FindMap(userOverlay, "spec.values"));
        }
        else
        {
            userOverlay = fileOverlay == null ? TreeOps.NewMap() : TreeOps.CloneMap(fileOverlay);
            SetFlags.Apply(userOverlay, flags);
            var translated = ValuesReverseTranslator.TranslateK8sFromValues((Dictionary<string, object?>)NormalizeNumbers(userOverlay)!);
            if (translated != null) merged = StrategicMerge.Merge(merged, translated, IopMergeSchema.Instance);
            ValuesReverseTranslator.ApplyValuesEnablement(merged, translated);
            if (flags.Any(IsProxyMetadataFlag)) ConvertProxyMetadata(merged);
        }
        merged = (Dictionary<string, object?>)NormalizeNumbers(merged)!;

        if (merged.GetValueOrDefault("spec") is not Dictionary<string, object?> mergedSpec)
        {
            mergedSpec = TreeOps.NewMap();
            merged["spec"] = mergedSpec;
        }
        var finalIssues = OperatorValidator.ValidateSpec(schema, mergedSpec, "the merged IstioOperator", release)
            .Where(i => !fileIssues.Any(f => f.ErrorId == i.ErrorId && f.FieldPath == i.FieldPath))
            .ToList();
        Report(finalIssues, request.Force, warnings, host);
        // 1.24+ applies unvalidatedValues to spec.values once validation is done; the translator overlays them per chart.
        if (render && mergedSpec.GetValueOrDefault("unvalidatedValues") is Dictionary<string, object?> unvalidated)
        {
            if (mergedSpec.GetValueOrDefault("values") is not Dictionary<string, object?> values) mergedSpec["values"] = values = TreeOps.NewMap();
            MapMerge.Into(values, unvalidated);
        }

        mergedSpec["installPackagePath"] = installPackagePath;
        var nsFlag = SetFlags.ValueFor(flags, "values.global.istioNamespace");
        if (nsFlag.Length > 0)
        {
            if (merged.GetValueOrDefault("metadata") is not Dictionary<string, object?> meta)
            {
                meta = TreeOps.NewMap();
                merged["metadata"] = meta;
            }
            meta["namespace"] = nsFlag;
        }
        if (mergedSpec.GetValueOrDefault("profile") is not string p || p.Length == 0) mergedSpec["profile"] = ProfileLoader.DefaultProfile;
        if (DevelopmentImages.Warning(mergedSpec, version) is { } imagesWarning)
        {
            warnings.Add(new OperatorIssue("DevelopmentImages", imagesWarning, null, 0, 0, "spec.hub"));
            host.WriteWarning(imagesWarning);
        }

        return new MergedOperator
        {
            IstioOperator = merged,
            ManifestsPath = installPackagePath,
            Profile = (string)mergedSpec["profile"]!,
            Release = release,
            Warnings = warnings,
            UserOverlay = userOverlay,
        };
    }

    // The request's own options become --set flags after the user's, as istioctl's applyFlagAliases appends them.
    private static IEnumerable<string> AllSetFlags(GenerateRequest request)
    {
        foreach (var s in request.SetValues) yield return s;
        if (!string.IsNullOrEmpty(request.Profile)) yield return "profile=" + request.Profile;
        if (!string.IsNullOrEmpty(request.ManifestsPath)) yield return "installPackagePath=" + request.ManifestsPath;
        if (!string.IsNullOrEmpty(request.Revision)) yield return "revision=" + request.Revision;
        if (!string.IsNullOrEmpty(request.Namespace)) yield return "values.global.istioNamespace=" + request.Namespace;
    }

    // A flag alone on an empty IstioOperator shows unknown paths and wrong types with the flag as the source.
    private static IEnumerable<OperatorIssue> ValidateFlagAlone(OperatorSchema schema, IstioctlRelease release, SetFlag flag)
    {
        // A list selector has nothing to select on an empty tree; such flags are checked once merged.
        if (flag.Path.Contains('[')) return Array.Empty<OperatorIssue>();
        var tree = TreeOps.NewMap();
        try
        {
            SetFlags.Apply(tree, new[] { flag });
        }
        catch (IstioOperatorException)
        {
            return Array.Empty<OperatorIssue>(); // selectors need the merged tree; checked there
        }
        if (IsProxyMetadataFlag(flag)) ConvertProxyMetadata(tree);
        if (tree.GetValueOrDefault("spec") is not Dictionary<string, object?> spec) return Array.Empty<OperatorIssue>();
        return OperatorValidator.ValidateSpec(schema, (Dictionary<string, object?>)NormalizeNumbers(spec)!, flag.Display, release);
    }

    private static void Report(List<OperatorIssue> issues, bool force, List<OperatorIssue> warnings, IMeshHost host)
    {
        foreach (var warning in issues.Where(i => i.IsWarning))
        {
            warnings.Add(warning);
            host.WriteWarning(warning.ToString());
        }
        issues = issues.Where(i => !i.IsWarning).ToList();
        if (issues.Count == 0) return;
        if (!force) throw new IstioOperatorException(issues);
        foreach (var issue in issues)
        {
            warnings.Add(issue);
            host.WriteWarning("validation error ignored because of -Force: " + issue);
        }
    }

    private static Dictionary<string, object?>? Spec(Dictionary<string, object?>? iop) =>
        iop?.GetValueOrDefault("spec") as Dictionary<string, object?>;

    private static string Resolve(GenerateRequest request, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(request.WorkingDirectory ?? Directory.GetCurrentDirectory(), path));

    /// <summary>Integers from --set become float64 once istioctl round-trips the tree through YAML/JSON.</summary>
    internal static object? NormalizeNumbers(object? value)
    {
        using var nesting = NestingGuard.EnterIf(value is Dictionary<string, object?> or List<object?>);
        switch (value)
        {
            case Dictionary<string, object?> m:
                foreach (var k in m.Keys.ToList()) m[k] = NormalizeNumbers(m[k]);
                return m;
            case List<object?> l:
                for (var i = 0; i < l.Count; i++) l[i] = NormalizeNumbers(l[i]);
                return l;
            case long n: return (double)n;
            case int n: return (double)n;
            default: return value;
        }
    }

    private static bool IsProxyMetadataFlag(SetFlag flag) => flag.Path.Contains("meshConfig.defaultConfig.proxyMetadata", StringComparison.Ordinal);

    // convertIOPMapValues: proxyMetadata values set with --set are turned into strings; other kinds are dropped.
    private static void ConvertProxyMetadata(Dictionary<string, object?> merged)
    {
        if (TreeOps.FindMap(merged, "spec.meshConfig.defaultConfig") is not { } defaultConfig) return;
        if (defaultConfig.GetValueOrDefault("proxyMetadata") is not Dictionary<string, object?> pm) return;
        var converted = TreeOps.NewMap();
        foreach (var (k, v) in pm)
        {
            var s = v switch
            {
                long l => GoText.FormatFloat(l), // sigs.k8s.io/yaml made it a float64 before fmt.Sprint
                bool b => b ? "true" : "false",
                double d => GoText.FormatFloat(d),
                string str => str,
                _ => null,
            };
            if (s != null) converted[k] = s;
        }
        defaultConfig["proxyMetadata"] = converted;
    }
}
