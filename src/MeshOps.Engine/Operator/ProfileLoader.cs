using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Operator;

/// <summary>
/// Profiles as istioctl's helm.GetProfileYAML reads them: a built-in name from &lt;manifests&gt;/profiles, or a file
/// path; every profile but default is overlaid on default.yaml from the same folder.
/// </summary>
internal static class ProfileLoader
{
    public const string DefaultProfile = "default";

    public static IReadOnlyList<string> ListNames(string manifestsPath)
    {
        var dir = Path.Combine(manifestsPath, "profiles");
        if (!Directory.Exists(dir))
            throw OperatorErrors.Single("ManifestsNotFound",
                $"no profiles folder under \"{manifestsPath}\"; pass -ManifestsPath (or installPackagePath) pointing at the manifests/ folder of an Istio release",
                manifestsPath, kind: MeshErrorKind.ObjectNotFound);
        return Directory.GetFiles(dir, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    /// <summary>util.IsFilePath: anything with a '/' or a '.' is a path, not a profile name.</summary>
    public static bool IsFilePath(string profile) => profile.Contains('/') || profile.Contains('.') || profile.Contains(Path.DirectorySeparatorChar);

    /// <summary>The profile tree overlaid on default (GetProfileYAML).</summary>
    /// <param name="plainMerge">Lay the profile over default as istioctl 1.24+ does (maps merge, lists replace) instead of strategic merge.</param>
    public static Dictionary<string, object?> Load(string manifestsPath, string? profileOrPath, bool plainMerge = false)
    {
        var profile = string.IsNullOrEmpty(profileOrPath) ? DefaultProfile : profileOrPath;
        string file;
        if (IsFilePath(profile))
        {
            file = profile;
        }
        else
        {
            var names = ListNames(manifestsPath);
            if (!names.Contains(profile, StringComparer.Ordinal))
                throw OperatorErrors.Single("ProfileNotFound",
                    $"failed to read profile \"{profile}\" from {Path.Combine(manifestsPath, "profiles")}; available profiles: {string.Join(", ", names)} (or give the path of a profile file)",
                    profile, kind: MeshErrorKind.ObjectNotFound);
            file = Path.Combine(manifestsPath, "profiles", profile + ".yaml");
        }
        var tree = ReadProfileFile(file, profile);
        var isDefault = profile == DefaultProfile || Path.GetFileName(profile) == "default.yaml";
        if (isDefault) return tree;
        var defaultFile = IsFilePath(profile)
            ? Path.Combine(Path.GetDirectoryName(profile) ?? ".", "default.yaml")
            : Path.Combine(manifestsPath, "profiles", "default.yaml");
        var defaults = ReadProfileFile(defaultFile, DefaultProfile);
        return plainMerge ? MapMerge.Into(defaults, tree) : StrategicMerge.Merge(defaults, tree, IopMergeSchema.Instance);
    }

    private static Dictionary<string, object?> ReadProfileFile(string file, string profile)
    {
        PathErrors.RequireNotDirectory(file, "the profile file");
        if (!File.Exists(file))
            throw OperatorErrors.Single("ProfileNotFound", $"profile file \"{file}\" does not exist; check the profile name or path", profile,
                kind: MeshErrorKind.ObjectNotFound);
        object? value;
        try
        {
            value = GoYaml.Parse(InputFile.ReadAllText(file, "profile file"), new YamlReadOptions { SourceName = file, RejectDuplicateKeys = true });
        }
        catch (YamlParseException e) when (e.IsSyntax)
        {
            throw OperatorErrors.Single("ProfileInvalid", $"profile {profile} is not valid YAML: {e.What}", file, e.Line, e.Column);
        }
        return value as Dictionary<string, object?> ?? TreeOps.NewMap();
    }
}

/// <summary>Profiles of a manifests folder, like <c>istioctl profile list</c> and <c>istioctl profile dump</c>.</summary>
public static class ProfileCatalog
{
    /// <summary>The built-in profile names under &lt;manifestsPath&gt;/profiles, sorted.</summary>
    public static IReadOnlyList<string> List(string manifestsPath)
    {
        ArgumentNullException.ThrowIfNull(manifestsPath);
        return ProfileLoader.ListNames(manifestsPath);
    }

    /// <summary>
    /// The IstioOperator a profile amounts to, over default. Istio 1.18 to 1.23: as <c>istioctl profile dump</c>
    /// prints it. 1.24 and later (no <c>profile dump</c>): the profile laid over default as render.MergeInputs lays it
    /// (readProfile), with spec.profile and spec.installPackagePath, but without what translateIstioOperatorToHelm
    /// then derives for the charts (values.global.hub and tag, values.pilot.enabled, values.pilot.cni.enabled,
    /// values.revision, values.meshConfig). Those are not the profile's content, and as a file's spec.values they would
    /// win over the fields they come from (MergeInputs applies the user's values last): a dump edited to enable CNI or
    /// change spec.hub would keep the old values.
    /// </summary>
    /// <param name="version">The release the folder is (-Version); null when the folder tells its own.</param>
    public static ProfileDump Dump(string manifestsPath, string name, Releases.IstioVersion? version, IMeshHost? host = null)
    {
        ArgumentNullException.ThrowIfNull(manifestsPath);
        var request = new GenerateRequest { ManifestsPath = manifestsPath, Profile = name, Version = version };
        // Build validates the profile with its release's rules and warns about development images, for every release.
        var merged = OperatorConfigBuilder.Build(request, host ?? NullMeshHost.Instance);
        var iop = merged.Release.Family == IstioctlFamily.Render ? ProfileContent(merged) : merged.IstioOperator;
        return new ProfileDump(merged.Profile, iop, GoYaml.Serialize(iop));
    }

    // The profile over default with the two fields the request sets, as MergeInputs has it before translating.
    private static Dictionary<string, object?> ProfileContent(MergedOperator merged)
    {
        var profile = ProfileLoader.IsFilePath(merged.Profile) ? Path.GetFullPath(merged.Profile) : merged.Profile;
        var iop = ProfileLoader.Load(merged.ManifestsPath, profile, plainMerge: true);
        if (iop.GetValueOrDefault("spec") is not Dictionary<string, object?> spec) iop["spec"] = spec = TreeOps.NewMap();
        spec["profile"] = merged.Profile;
        spec["installPackagePath"] = merged.ManifestsPath;
        return (Dictionary<string, object?>)OperatorConfigBuilder.NormalizeNumbers(iop)!;
    }
}

/// <summary>The merged IstioOperator of a profile: Go values (engine value model) and the YAML istioctl prints.</summary>
public sealed record ProfileDump(string Profile, Dictionary<string, object?> IstioOperator, string Yaml);
