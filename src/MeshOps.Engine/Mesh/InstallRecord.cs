using System.Globalization;
using System.Text.Json.Nodes;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// What MeshOps remembers of a revision it installed, kept in the cluster as ConfigMap meshops-install-REV in the
/// control-plane namespace: the IstioOperator exactly as the user gave it (files and -Set, not expanded by the
/// profile), so later changes are deltas against it, plus who installed what and when.
/// </summary>
public sealed record InstallRecord
{
    public required string Revision { get; init; }
    public required string Namespace { get; init; }

    /// <summary>The user's IstioOperator (Go values), without the profile's defaults.</summary>
    public required Dictionary<string, object?> IstioOperator { get; init; }

    public required string Profile { get; init; }
    public required string IstioVersion { get; init; }
    public required string MeshOpsVersion { get; init; }
    public required DateTimeOffset InstalledAt { get; init; }

    /// <summary>When Set-MeshConfig last changed the mesh config through MeshOps; null if never.</summary>
    public DateTimeOffset? MeshConfigChangedAt { get; init; }

    /// <summary>Settings Set-MeshConfig changed since the install, by dotted path under meshConfig, with their values.</summary>
    public IReadOnlyDictionary<string, object?> MeshConfigChanges { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// The objects the revision's installs applied (and shared ones kept for another revision), so that the next
    /// install lists for prune only the kinds it no longer renders; null in a record older than inventories (the next
    /// install then lists every kind, as before). Data key "inventory", one line per object.
    /// </summary>
    public IReadOnlyList<Kube.InventoryEntry>? Inventory { get; init; }

    public string IstioOperatorYaml => GoYaml.Serialize(IstioOperator);

    /// <summary>spec.meshConfig of the user's IstioOperator (empty when the user set none).</summary>
    public Dictionary<string, object?> MeshConfig =>
        (IstioOperator.GetValueOrDefault("spec") as Dictionary<string, object?>)?.GetValueOrDefault("meshConfig") as Dictionary<string, object?>
        ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>True when a new install would record the same thing (ignoring when it ran).</summary>
    internal bool SameInstallAs(InstallRecord other) =>
        Revision == other.Revision && Namespace == other.Namespace && Profile == other.Profile && IstioVersion == other.IstioVersion
        && MeshOpsVersion == other.MeshOpsVersion && IstioOperatorYaml == other.IstioOperatorYaml
        && MeshConfigChangedAt == other.MeshConfigChangedAt
        && (Inventory == null) == (other.Inventory == null)
        && (Inventory == null || Kube.InventoryEntry.ToText(Inventory) == Kube.InventoryEntry.ToText(other.Inventory!))
        && MeshConfigChanges.Count == other.MeshConfigChanges.Count
        && MeshConfigChanges.All(c => other.MeshConfigChanges.TryGetValue(c.Key, out var v) && MeshConfigPaths.ValueEquals(c.Value, v));

    internal JsonObject ToConfigMap()
    {
        var data = new JsonObject
        {
            ["istioOperator"] = IstioOperatorYaml,
            ["profile"] = Profile,
            ["istioVersion"] = IstioVersion,
            ["meshopsVersion"] = MeshOpsVersion,
            ["installedAt"] = InstalledAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (MeshConfigChangedAt is { } changed) data["meshConfigChangedAt"] = changed.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (MeshConfigChanges.Count > 0)
            data["meshConfigChanges"] = GoYaml.Serialize(new Dictionary<string, object?>(MeshConfigChanges, StringComparer.Ordinal));
        if (Inventory != null) data["inventory"] = Kube.InventoryEntry.ToText(Inventory);
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = MeshLabels.InstallRecordName(Revision),
                ["namespace"] = Namespace,
                ["labels"] = new JsonObject
                {
                    [MeshLabels.InstallRecord] = "true",
                    [MeshLabels.Revision] = MeshLabels.RevisionValue(Revision),
                },
            },
            ["data"] = data,
        };
    }

    internal static InstallRecord? FromConfigMap(JsonObject configMap)
    {
        var data = configMap.StringMap("data");
        if (!data.TryGetValue("istioOperator", out var yaml)) return null;
        var iop = GoYaml.Parse(yaml, new YamlReadOptions { SourceName = $"ConfigMap {configMap.Str("metadata", "name")}" }) as Dictionary<string, object?>;
        var revision = configMap.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Revision) ?? "default";
        return new InstallRecord
        {
            Revision = revision == "default" ? "" : revision,
            Namespace = configMap.Str("metadata", "namespace") ?? "",
            IstioOperator = iop ?? new Dictionary<string, object?>(StringComparer.Ordinal),
            Profile = data.GetValueOrDefault("profile") ?? "default",
            IstioVersion = data.GetValueOrDefault("istioVersion") ?? "",
            MeshOpsVersion = data.GetValueOrDefault("meshopsVersion") ?? "",
            InstalledAt = ParseTime(data.GetValueOrDefault("installedAt")) ?? DateTimeOffset.MinValue,
            MeshConfigChangedAt = ParseTime(data.GetValueOrDefault("meshConfigChangedAt")),
            MeshConfigChanges = data.TryGetValue("meshConfigChanges", out var changes)
                && GoYaml.Parse(changes, new YamlReadOptions { NumberMode = YamlNumberMode.Native }) is Dictionary<string, object?> map
                ? map : new Dictionary<string, object?>(StringComparer.Ordinal),
            Inventory = data.TryGetValue("inventory", out var inventory) ? Kube.InventoryEntry.ParseLines(inventory) : null,
        };
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
}
