namespace MeshOps.Engine.Kube;

/// <summary>
/// One object an install applied, as the install record remembers it so that a later install of the revision
/// lists for prune only the kinds of objects it no longer renders (<see cref="ApplyRequest.PruneInventory"/>).
/// Kept as one compact line ("apiVersion kind namespace/name", or "apiVersion kind name" when cluster-scoped).
/// </summary>
public sealed record InventoryEntry(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public string Group => ApiVersion.IndexOf('/') is var slash and > 0 ? ApiVersion[..slash] : "";

    /// <summary>The identity prune compares by (<see cref="Pruner.Key"/>): group, kind, namespace, name.</summary>
    public string Key => Pruner.Key(Group, Kind, Namespace, Name);

    public string ToLine() => $"{ApiVersion} {Kind} {(Namespace == null ? "" : Namespace + "/")}{Name}";

    /// <summary>The entries of <see cref="ToLine"/>'s lines; a line that is not one is skipped (a record written by a later MeshOps may hold more).</summary>
    public static List<InventoryEntry> ParseLines(string text)
    {
        var result = new List<InventoryEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) continue;
            var slash = parts[2].IndexOf('/');
            result.Add(slash < 0 ? new InventoryEntry(parts[0], parts[1], null, parts[2]) : new InventoryEntry(parts[0], parts[1], parts[2][..slash], parts[2][(slash + 1)..]));
        }
        return result;
    }

    public static string ToText(IEnumerable<InventoryEntry> entries) =>
        string.Join("\n", entries.Select(e => e.ToLine()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
