using System.Globalization;
using MeshOps.Engine.Versions;
using System.Text;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Charts;

/// <summary>Chart.yaml, field for field as Helm's chart.Metadata (apiVersion v1 and v2).</summary>
public sealed partial class ChartMetadata
{
    public string Name { get; init; } = "";
    public string Home { get; init; } = "";
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();
    public string Version { get; init; } = "";
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Keywords { get; init; } = Array.Empty<string>();
    public IReadOnlyList<ChartMaintainer> Maintainers { get; init; } = Array.Empty<ChartMaintainer>();
    public string Icon { get; init; } = "";
    /// <summary>v1 or v2 (v1 when Chart.yaml has none, as Helm assumes).</summary>
    public string ApiVersion { get; init; } = "";
    public string Condition { get; init; } = "";
    public string Tags { get; init; } = "";
    public string AppVersion { get; init; } = "";
    public bool Deprecated { get; init; }
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>SemVer constraint on the Kubernetes version.</summary>
    public string KubeVersion { get; init; } = "";
    public IReadOnlyList<ChartDependency> Dependencies { get; init; } = Array.Empty<ChartDependency>();
    /// <summary>"", application or library.</summary>
    public string Type { get; init; } = "";

    /// <summary>Whether the chart is a library chart (its templates only define).</summary>
    public bool IsLibrary => string.Equals(Type, "library", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex AliasFormat();

    /// <summary>Fills metadata from a decoded Chart.yaml (or requirements.yaml over existing metadata).</summary>
    internal static ChartMetadata FromMap(Dictionary<string, object?> map, ChartMetadata? over = null)
    {
        var f = new GoJsonFields(map, "Metadata");
        string S(string key, string? old) => f.Raw(key) is null && old != null ? old : f.String(key);
        var maintainers = new List<ChartMaintainer>();
        foreach (var item in f.List("maintainers", "[]*chart.Maintainer"))
        {
            if (item is null) throw new InvalidDataException("validation: maintainers must not contain empty or null nodes");
            if (item is not Dictionary<string, object?> m) throw f.TypeError("maintainers", item, "chart.Maintainer");
            var mf = new GoJsonFields(m, "Metadata.maintainers");
            maintainers.Add(new ChartMaintainer(mf.String("name"), mf.String("email"), mf.String("url")));
        }
        var deps = new List<ChartDependency>();
        foreach (var item in f.List("dependencies", "[]*chart.Dependency"))
        {
            if (item is null) throw new InvalidDataException("validation: dependencies must not contain empty or null nodes");
            if (item is not Dictionary<string, object?> d) throw f.TypeError("dependencies", item, "chart.Dependency");
            var df = new GoJsonFields(d, "Metadata.dependencies");
            deps.Add(new ChartDependency
            {
                Name = df.String("name"),
                Version = df.String("version"),
                Repository = df.String("repository"),
                Condition = df.String("condition"),
                Tags = df.Strings("tags"),
                Enabled = df.Bool("enabled"),
                ImportValues = (List<object?>)GoJsonFields.JsonNumbers(df.List("import-values", "[]interface {}"))!,
                Alias = df.String("alias"),
            });
        }
        return new ChartMetadata
        {
            Name = S("name", over?.Name),
            Home = S("home", over?.Home),
            Sources = f.Raw("sources") is null && over != null ? over.Sources : f.Strings("sources"),
            Version = S("version", over?.Version),
            Description = S("description", over?.Description),
            Keywords = f.Raw("keywords") is null && over != null ? over.Keywords : f.Strings("keywords"),
            Maintainers = f.Raw("maintainers") is null && over != null ? over.Maintainers : maintainers,
            Icon = S("icon", over?.Icon),
            ApiVersion = S("apiVersion", over?.ApiVersion),
            Condition = S("condition", over?.Condition),
            Tags = S("tags", over?.Tags),
            AppVersion = S("appVersion", over?.AppVersion),
            Deprecated = f.Raw("deprecated") is null && over != null ? over.Deprecated : f.Bool("deprecated"),
            Annotations = f.Raw("annotations") is null && over != null ? over.Annotations : f.StringMap("annotations"),
            KubeVersion = S("kubeVersion", over?.KubeVersion),
            Dependencies = f.Raw("dependencies") is null && over != null ? over.Dependencies : deps,
            Type = S("type", over?.Type),
        };
    }

    /// <summary>Helm's Metadata.Validate: sanitizes strings and checks required fields; the message is Helm's.</summary>
    internal ChartMetadata Validated()
    {
        var md = new ChartMetadata
        {
            Name = Sanitize(Name),
            Home = Sanitize(Home),
            Sources = Sources.Select(Sanitize).ToList(),
            Version = Version,
            Description = Sanitize(Description),
            Keywords = Keywords.Select(Sanitize).ToList(),
            Maintainers = Maintainers.Select(m => new ChartMaintainer(Sanitize(m.Name), Sanitize(m.Email), Sanitize(m.Url))).ToList(),
            Icon = Sanitize(Icon),
            ApiVersion = ApiVersion,
            Condition = Sanitize(Condition),
            Tags = Sanitize(Tags),
            AppVersion = Sanitize(AppVersion),
            Deprecated = Deprecated,
            Annotations = Annotations,
            KubeVersion = Sanitize(KubeVersion),
            Dependencies = Dependencies.Select(d => new ChartDependency
            {
                Name = Sanitize(d.Name),
                Version = Sanitize(d.Version),
                Repository = Sanitize(d.Repository),
                Condition = Sanitize(d.Condition),
                Tags = d.Tags.Select(Sanitize).ToList(),
                Enabled = d.Enabled,
                ImportValues = d.ImportValues,
                Alias = d.Alias,
            }).ToList(),
            Type = Type,
        };
        if (md.ApiVersion.Length == 0) throw new InvalidDataException("validation: chart.metadata.apiVersion is required");
        if (md.Name.Length == 0) throw new InvalidDataException("validation: chart.metadata.name is required");
        if (md.Name is "." or "..") throw new InvalidDataException($"validation: chart.metadata.name \"{md.Name}\" is not allowed");
        if (md.Name.Contains('/') || md.Name.EndsWith('/')) throw new InvalidDataException($"validation: chart.metadata.name \"{md.Name}\" is invalid");
        if (md.Version.Length == 0) throw new InvalidDataException("validation: chart.metadata.version is required");
        if (SemVersion.TryParse(md.Version) is null) throw new InvalidDataException($"validation: chart.metadata.version \"{md.Version}\" is invalid");
        if (md.Type is not ("" or "application" or "library")) throw new InvalidDataException("validation: chart.metadata.type must be application or library");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in md.Dependencies)
        {
            if (d.Alias.Length > 0 && !AliasFormat().IsMatch(d.Alias))
                throw new InvalidDataException($"validation: dependency \"{d.Name}\" has disallowed characters in the alias");
            var key = d.Alias.Length > 0 ? d.Alias : d.Name;
            if (!seen.Add(key)) throw new InvalidDataException($"validation: more than one dependency with name or alias \"{key}\"");
        }
        return md;
    }

    /// <summary>Go's sanitizeString: whitespace becomes a space, non-printable runes are dropped.</summary>
    private static string Sanitize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune)) { sb.Append(' '); continue; }
            var cat = Rune.GetUnicodeCategory(rune);
            if (cat is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator) continue;
            sb.Append(rune.ToString());
        }
        return sb.ToString();
    }

    /// <summary>
    /// What Helm 4 gives templates as <c>.Chart</c>: the Metadata struct turned into a map keyed by Go field names
    /// (structToMap), plus IsRoot.
    /// </summary>
    internal Dictionary<string, object?> ToTemplateMap(bool isRoot)
    {
        var maintainers = new List<object?>();
        foreach (var m in Maintainers)
            maintainers.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Name"] = m.Name, ["Email"] = m.Email, ["URL"] = m.Url });
        var deps = new List<object?>();
        foreach (var d in Dependencies)
        {
            deps.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = d.Name,
                ["Version"] = d.Version,
                ["Repository"] = d.Repository,
                ["Condition"] = d.Condition,
                ["Tags"] = d.Tags.Cast<object?>().ToList(),
                ["Enabled"] = d.Enabled,
                ["ImportValues"] = d.ImportValues.ToList(),
                ["Alias"] = d.Alias,
            });
        }
        var annotations = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in Annotations) annotations[pair.Key] = pair.Value;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name"] = Name,
            ["Home"] = Home,
            ["Sources"] = Sources.Cast<object?>().ToList(),
            ["Version"] = Version,
            ["Description"] = Description,
            ["Keywords"] = Keywords.Cast<object?>().ToList(),
            ["Maintainers"] = maintainers,
            ["Icon"] = Icon,
            ["APIVersion"] = ApiVersion,
            ["Condition"] = Condition,
            ["Tags"] = Tags,
            ["AppVersion"] = AppVersion,
            ["Deprecated"] = Deprecated,
            ["Annotations"] = annotations,
            ["KubeVersion"] = KubeVersion,
            ["Dependencies"] = deps,
            ["Type"] = Type,
            ["IsRoot"] = isRoot,
        };
    }

    internal ChartMetadata WithName(string name) => Clone(name, Dependencies);

    internal ChartMetadata WithApiVersion(string apiVersion) => new()
    {
        Name = Name, Home = Home, Sources = Sources, Version = Version, Description = Description, Keywords = Keywords,
        Maintainers = Maintainers, Icon = Icon, ApiVersion = apiVersion, Condition = Condition, Tags = Tags,
        AppVersion = AppVersion, Deprecated = Deprecated, Annotations = Annotations, KubeVersion = KubeVersion,
        Dependencies = Dependencies, Type = Type,
    };

    internal ChartMetadata WithDependencies(IReadOnlyList<ChartDependency> deps) => Clone(Name, deps);

    private ChartMetadata Clone(string name, IReadOnlyList<ChartDependency> deps) => new()
    {
        Name = name, Home = Home, Sources = Sources, Version = Version, Description = Description, Keywords = Keywords,
        Maintainers = Maintainers, Icon = Icon, ApiVersion = ApiVersion, Condition = Condition, Tags = Tags,
        AppVersion = AppVersion, Deprecated = Deprecated, Annotations = Annotations, KubeVersion = KubeVersion,
        Dependencies = deps, Type = Type,
    };
}
