using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>
/// The defaults a kube-apiserver fills in inside values that server-side apply owns whole (atomic lists and structs),
/// where a live object legitimately holds more than the body that was applied. Applying a body without such a field
/// gets the same default again, so a live value that differs from the body only by these fields is unchanged.
/// Outside atomic values no table is needed: fields the body does not set are not compared at all.
/// </summary>
/// <remarks>
/// From Kubernetes' defaults.go: admissionregistration/v1 SetDefaults_Rule (webhooks[].rules[] is atomic), core/v1
/// SetDefaults_ObjectFieldSelector (env valueFrom.fieldRef and downward API items are atomic) and
/// SetDefaults_ServiceAccountTokenProjection (projected volume sources are atomic). Keyed by the field that holds the
/// value (a list's name for its items) and the defaulted field.
/// </remarks>
internal static class ServerDefaults
{
    private static readonly Dictionary<(string Parent, string Field), JsonNode> AtomicDefaults = new()
    {
        [("rules", "scope")] = JsonValue.Create("*"),
        [("fieldRef", "apiVersion")] = JsonValue.Create("v1"),
        [("serviceAccountToken", "expirationSeconds")] = JsonValue.Create(3600),
    };

    /// <summary>
    /// True when <paramref name="live"/>, the server's copy of <paramref name="desired"/> held in field
    /// <paramref name="field"/>, equals it up to the fields the server defaults there.
    /// </summary>
    public static bool EqualsWithDefaults(string field, JsonNode? desired, JsonNode? live)
    {
        switch (desired, live)
        {
            case (JsonObject d, JsonObject l):
                foreach (var (key, value) in d)
                {
                    if (!l.TryGetPropertyValue(key, out var liveValue) || !EqualsWithDefaults(key, value, liveValue)) return false;
                }
                foreach (var (key, liveValue) in l)
                {
                    if (d.ContainsKey(key)) continue;
                    if (!AtomicDefaults.TryGetValue((field, key), out var fallback) || !NoOpApplyCheck.ValueEquals(fallback, liveValue)) return false;
                }
                return true;
            case (JsonArray d, JsonArray l):
                if (d.Count != l.Count) return false;
                for (var i = 0; i < d.Count; i++)
                    if (!EqualsWithDefaults(field, d[i], l[i])) return false;
                return true;
            default:
                return NoOpApplyCheck.ValueEquals(desired, live);
        }
    }
}
