using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Tells from a live object alone, without a request, what server-side applying a body with our field manager
/// would do to it. <see cref="Verdict.NoOp"/> only when our managedFields entry (operation Apply, same apiVersion)
/// owns exactly the fields the body sets and each already holds the body's value: then the API server's apply
/// changes nothing, so it need not be sent. <see cref="Verdict.Changed"/> when the ownership is the same but a
/// plain value differs (an image tag, a label): applying surely writes. Whatever it cannot be sure of (values the
/// server defaults inside atomic lists beyond <see cref="ServerDefaults"/>, quantities it normalises, list items it cannot pair, a changed field set)
/// is <see cref="Verdict.Unknown"/>, and the caller asks the server with a dry run as before.
/// </summary>
/// <remarks>
/// The walk follows the entry's FieldsV1 (structured-merge-diff's field set, which the server computed with the
/// type's schema): "f:name" fields, "k:{...}" items of keyed lists, "v:..." items of sets; a node without children
/// is owned whole, so the body's value there must equal the live one exactly.
/// </remarks>
internal static partial class NoOpApplyCheck
{
    public enum Verdict
    {
        NoOp,
        Changed,
        Unknown,
    }

    // Fields the API server never records in managedFields.
    private static readonly string[] UntrackedMetadata = ["name", "namespace", "generateName", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink"];

    public static Verdict Check(JsonObject body, JsonObject live, string manager)
    {
        var entries = (live["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => (string?)e["manager"] == manager && (string?)e["operation"] == "Apply" && string.IsNullOrEmpty((string?)e["subresource"]))
            .ToList();
        if (entries.Count != 1) return Verdict.Unknown;
        var entry = entries[0];
        if ((string?)entry["apiVersion"] != (string?)body["apiVersion"]) return Verdict.Unknown;
        if ((string?)entry["fieldsType"] is { } type && type != "FieldsV1") return Verdict.Unknown;
        if (entry["fieldsV1"] is not JsonObject fields) return Verdict.Unknown;

        var tracked = new JsonObject();
        foreach (var (key, value) in body)
        {
            if (key is "apiVersion" or "kind") continue;
            if (key == "status") return Verdict.Unknown; // the server may drop it or track it: ask
            if (key == "metadata" && value is JsonObject meta)
            {
                var kept = new JsonObject();
                foreach (var (mk, mv) in meta)
                    if (!UntrackedMetadata.Contains(mk)) kept[mk] = mv?.DeepClone();
                if (kept.Count > 0) tracked[key] = kept;
                continue;
            }
            tracked[key] = value?.DeepClone();
        }
        return Node("", "", fields, tracked, live, liveHas: true);
    }

    /// <summary><paramref name="field"/>: the name of the field that holds the value (a list's name for its items); <paramref name="parent"/>: the field holding that.</summary>
    private static Verdict Node(string field, string parent, JsonObject owned, JsonNode? desired, JsonNode? live, bool liveHas)
    {
        var keys = owned.Select(p => p.Key).Where(k => k != ".").ToList();
        if (keys.Count == 0) return Leaf(field, parent, desired, live, liveHas);
        return desired switch
        {
            JsonObject map when live is JsonObject liveMap => Map(field, owned, keys, map, liveMap),
            JsonArray list when live is JsonArray liveList && keys.All(k => k.StartsWith("k:", StringComparison.Ordinal)) => Keyed(field, parent, owned, keys, list, liveList),
            JsonArray list when live is JsonArray liveList && keys.All(k => k.StartsWith("v:", StringComparison.Ordinal)) => Set(keys, list, liveList),
            _ => Verdict.Unknown,
        };
    }

    private static Verdict Map(string field, JsonObject owned, List<string> keys, JsonObject desired, JsonObject live)
    {
        if (keys.Any(k => !k.StartsWith("f:", StringComparison.Ordinal))) return Verdict.Unknown;
        var names = keys.Select(k => k[2..]).ToHashSet(StringComparer.Ordinal);
        // A null the body sets where the live object has nothing: stored as nothing whether the server records it as
        // owned (structured-merge-diff owns a null struct) or not, so applying it again is no change either way.
        bool UnownedNull(string name, JsonNode? value) => value == null && !names.Contains(name) && (!live.TryGetPropertyValue(name, out var l) || l == null);
        if (!names.SetEquals(desired.Where(p => !UnownedNull(p.Key, p.Value)).Select(p => p.Key))) return Verdict.Unknown; // the field set changes: fields added or dropped
        var verdict = Verdict.NoOp;
        foreach (var (name, value) in desired)
        {
            if (UnownedNull(name, value)) continue;
            if (owned["f:" + name] is not JsonObject child) return Verdict.Unknown;
            var liveHas = live.TryGetPropertyValue(name, out var liveValue);
            verdict = Combine(verdict, Node(name, field, child, value, liveValue, liveHas));
            if (verdict == Verdict.Unknown) break;
        }
        return verdict;
    }

    /// <summary>A list keyed by item fields (containers by name, ports by port and protocol): items pair by key, in the same order.</summary>
    private static Verdict Keyed(string field, string parent, JsonObject owned, List<string> keys, JsonArray desired, JsonArray live)
    {
        if (keys.Count != desired.Count) return Verdict.Unknown;
        var itemKeys = new List<(string Element, JsonObject Key)>();
        foreach (var k in keys)
        {
            if (Parse(k[2..]) is not JsonObject key) return Verdict.Unknown;
            itemKeys.Add((k, key));
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        var lastLive = -1;
        var verdict = Verdict.NoOp;
        foreach (var item in desired)
        {
            if (item is not JsonObject d) return Verdict.Unknown;
            var matches = itemKeys.Where(k => KeyMatchesDesired(k.Key, d)).ToList();
            if (matches.Count != 1 || !used.Add(matches[0].Element)) return Verdict.Unknown;
            var liveIndexes = Enumerable.Range(0, live.Count).Where(i => live[i] is JsonObject l && KeyMatchesLive(matches[0].Key, l)).ToList();
            if (liveIndexes.Count != 1 || liveIndexes[0] <= lastLive) return Verdict.Unknown; // missing, ambiguous or reordered
            lastLive = liveIndexes[0];
            if (owned[matches[0].Element] is not JsonObject child) return Verdict.Unknown;
            verdict = Combine(verdict, Node(field, parent, child, d, live[lastLive], liveHas: true));
            if (verdict == Verdict.Unknown) break;
        }
        return verdict;
    }

    /// <summary>A list of distinct scalars (finalizers): the same values, in the same order.</summary>
    private static Verdict Set(List<string> keys, JsonArray desired, JsonArray live)
    {
        if (keys.Count != desired.Count) return Verdict.Unknown;
        var values = new List<JsonNode?>();
        foreach (var k in keys)
        {
            var text = k[2..];
            if (text == "null") values.Add(null);
            else if (Parse(text) is { } v) values.Add(v);
            else return Verdict.Unknown;
        }
        var lastLive = -1;
        foreach (var item in desired)
        {
            if (values.Count(v => ValueEquals(v, item)) != 1) return Verdict.Unknown;
            var liveIndexes = Enumerable.Range(0, live.Count).Where(i => ValueEquals(live[i], item)).ToList();
            if (liveIndexes.Count != 1 || liveIndexes[0] <= lastLive) return Verdict.Unknown;
            lastLive = liveIndexes[0];
        }
        return Verdict.NoOp;
    }

    private static Verdict Leaf(string field, string parent, JsonNode? desired, JsonNode? live, bool liveHas)
    {
        // A null we own where the live object has nothing: what the last apply of it left. A null over a value, or a
        // vanished field: the server decides.
        if (desired == null) return !liveHas || live == null ? Verdict.NoOp : Verdict.Unknown;
        if (!liveHas) return Verdict.Unknown;
        if (ValueEquals(desired, live)) return Verdict.NoOp;
        // An atomic list or struct owned whole holds what the server defaulted in it (a webhook rule's scope).
        if (desired is not JsonValue && ServerDefaults.EqualsWithDefaults(field, desired, live)) return Verdict.NoOp;
        if (desired is not JsonValue a || live is not JsonValue b) return Verdict.Unknown; // e.g. defaults inside an atomic list
        return (a.GetValueKind(), b.GetValueKind()) switch
        {
            // The server stores quantities canonically ("2048Mi" as "2Gi"): the same value is what applying stores again.
            (JsonValueKind.String, JsonValueKind.String) when IsQuantityField(field, parent) && QuantityValue.TryParse((string)a!, out var qa) && QuantityValue.TryParse((string)b!, out var qb) =>
                qa == qb ? Verdict.NoOp : Verdict.Changed,
            (JsonValueKind.String, JsonValueKind.String) when !IsQuantity((string)a!) && !IsQuantity((string)b!) => Verdict.Changed,
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) => Verdict.Changed,
            (JsonValueKind.Number, JsonValueKind.Number) => Verdict.Changed,
            _ => Verdict.Unknown,
        };
    }

    /// <summary>Fields of type resource.Quantity in the kinds MeshOps applies: resource requests and limits, emptyDir's sizeLimit.</summary>
    private static bool IsQuantityField(string field, string parent) => parent is "requests" or "limits" || field == "sizeLimit";

    private static Verdict Combine(Verdict a, Verdict b) =>
        a == Verdict.Unknown || b == Verdict.Unknown ? Verdict.Unknown
        : a == Verdict.Changed || b == Verdict.Changed ? Verdict.Changed
        : Verdict.NoOp;

    /// <summary>The body's item names a key field it lacks only for the one default keys get before comparison: protocol TCP.</summary>
    private static bool KeyMatchesDesired(JsonObject key, JsonObject item) =>
        key.All(p => item.TryGetPropertyValue(p.Key, out var v) ? ValueEquals(v, p.Value) : p.Key == "protocol" && (string?)p.Value == "TCP");

    private static bool KeyMatchesLive(JsonObject key, JsonObject item) =>
        key.All(p => item.TryGetPropertyValue(p.Key, out var v) && ValueEquals(v, p.Value));

    /// <summary>JSON equality: objects by members in any order, numbers by value.</summary>
    internal static bool ValueEquals(JsonNode? a, JsonNode? b)
    {
        using var nesting = NestingGuard.Enter();
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject oa, JsonObject ob):
                if (oa.Count != ob.Count) return false;
                foreach (var (key, va) in oa)
                    if (!ob.TryGetPropertyValue(key, out var vb) || !ValueEquals(va, vb)) return false;
                return true;
            case (JsonArray la, JsonArray lb):
                if (la.Count != lb.Count) return false;
                for (var i = 0; i < la.Count; i++)
                    if (!ValueEquals(la[i], lb[i])) return false;
                return true;
            case (JsonValue va, JsonValue vb):
                var (ka, kb) = (va.GetValueKind(), vb.GetValueKind());
                if (ka != kb) return false;
                if (ka == JsonValueKind.Number)
                {
                    var (ta, tb) = (va.ToJsonString(), vb.ToJsonString());
                    return decimal.TryParse(ta, NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
                        && decimal.TryParse(tb, NumberStyles.Float, CultureInfo.InvariantCulture, out var db)
                        ? da == db
                        : ta == tb;
                }
                return ka != JsonValueKind.String || string.Equals((string?)va, (string?)vb, StringComparison.Ordinal);
            default:
                return false;
        }
    }

    private static JsonNode? Parse(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (JsonException) { return null; }
    }

    /// <summary>A resource.Quantity the server may rewrite to its canonical form ("1000m" is stored as "1").</summary>
    private static bool IsQuantity(string s) => QuantityPattern().IsMatch(s);

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?$")]
    private static partial Regex QuantityPattern();
}
