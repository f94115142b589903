using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>Waits until CustomResourceDefinitions are Established, i.e. their kinds are served.</summary>
internal static class CrdWaiter
{
    public static async Task WaitEstablishedAsync(ClusterConnection connection, ResourceType crdType, IReadOnlyList<string> names, TimeSpan timeout, TimeSpan poll, IMeshHost host, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pending = names.ToList();
        while (true)
        {
            var still = new List<string>();
            foreach (var name in pending)
            {
                var crd = await connection.GetOrNullAsync(crdType.ObjectPath(null, name), cancellationToken).ConfigureAwait(false);
                if (crd == null || !IsEstablished(crd)) still.Add(name);
                else InvalidateServedVersions(connection, crd);
            }
            pending = still;
            if (pending.Count == 0) return;
            if (DateTime.UtcNow >= deadline)
                throw new MeshException("CrdNotEstablished", MeshErrorKind.OperationTimeout,
                    $"CustomResourceDefinitions not Established after {timeout.TotalSeconds:0} s: {string.Join(", ", pending)}. Check the API server (kubectl get crd NAME -o yaml shows the conditions) and re-run.",
                    string.Join(", ", pending));
            host.WriteVerbose($"Waiting for CRDs to be Established: {string.Join(", ", pending)}");
            var left = deadline - DateTime.UtcNow;
            await Task.Delay(left < poll ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : poll, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static bool IsEstablished(JsonObject crd) =>
        (crd["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => (string?)c["type"] == "Established" && (string?)c["status"] == "True");

    /// <summary>The CRD's group-versions may have been cached as "not served" before it existed.</summary>
    private static void InvalidateServedVersions(ClusterConnection connection, JsonObject crd)
    {
        var group = (string?)crd["spec"]?["group"];
        foreach (var v in (crd["spec"]?["versions"] as JsonArray ?? []).OfType<JsonObject>())
            if ((string?)v["name"] is { } version && group != null) connection.Discovery.Invalidate($"{group}/{version}");
    }
}
