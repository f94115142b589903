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
    /// The IstioOperator a profile amounts to (the profile over default, with the request's files and -Set values
    /// if any), as <c>istioctl profile dump</c> prints it.
    /// </summary>
    /// <param name="version">The release the folder is (-Version); null when the folder tells its own.</param>
    public static ProfileDump Dump(string manifestsPath, string name, Releases.IstioVersion? version, IMeshHost? host = null)
    {
        ArgumentNullException.ThrowIfNull(manifestsPath);
        var request = new GenerateRequest { ManifestsPath = manifestsPath, Profile = name, Version = version };
        var merged = OperatorConfigBuilder.Build(request, host ?? NullMeshHost.Instance);
        return new ProfileDump(merged.Profile, merged.IstioOperator, GoYaml.Serialize(merged.IstioOperator));
    }
}

/// <summary>The merged IstioOperator of a profile: Go values (engine value model) and the YAML istioctl prints.</summary>
public sealed record ProfileDump(string Profile, Dictionary<string, object?> IstioOperator, string Yaml);
