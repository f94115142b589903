namespace MeshOps.Engine.Kube;

/// <summary>
/// istioctl's install order: Base (CRDs) first, then Pilot, then gateways and CNI together, then ztunnel.
/// Components of one phase are applied in parallel; phases run one after the other.
/// </summary>
public static class InstallOrder
{
    private static readonly Dictionary<string, int> Phases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Base"] = 0,
        ["Pilot"] = 1,
        ["IstiodRemote"] = 1,
        ["IngressGateways"] = 2,
        ["EgressGateways"] = 2,
        ["Cni"] = 2,
        ["Ztunnel"] = 3,
    };

    /// <summary>The phase of a component; components istioctl does not know go last.</summary>
    public static int PhaseOf(string componentName) => Phases.TryGetValue(componentName, out var p) ? p : 4;

    /// <summary>Groups components into phases, keeping the caller's order inside a phase.</summary>
    public static IReadOnlyList<IReadOnlyList<ComponentManifest>> Phased(IEnumerable<ComponentManifest> components) =>
        components.Select((c, i) => (c, i))
            .GroupBy(x => PhaseOf(x.c.ComponentName))
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<ComponentManifest>)g.OrderBy(x => x.i).Select(x => x.c).ToList())
            .ToList();
}
