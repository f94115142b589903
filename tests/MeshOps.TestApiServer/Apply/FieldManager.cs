using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;

namespace MeshOps.Testing.KubeApi.Apply;

/// <summary>
/// Server-side apply and managedFields tracking after structured-merge-diff: Update operations take ownership of
/// the fields they change (others lose them); Apply merges the applied configuration, reports conflicts with other
/// owners unless forced, and removes fields the manager stopped applying that nobody else owns.
/// </summary>
public static class FieldManager
{
    static readonly string[] StrippedMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ];

    /// <summary>The part of an object whose fields are tracked: no apiVersion/kind/identity metadata, status only for /status.</summary>
    public static JsonObject Tracked(JsonObject obj, ResourceType type, bool statusOnly)
    {
        var c = JsonTools.CloneObj(obj);
        if (statusOnly) return c["status"] is JsonObject s ? new JsonObject { ["status"] = s.DeepClone() } : new JsonObject();
        c.Remove("apiVersion");
        c.Remove("kind");
        if (type.HasStatus) c.Remove("status");
        if (c["metadata"] is JsonObject m)
        {
            foreach (var f in StrippedMetadata) m.Remove(f);
            if (m.Count == 0) c.Remove("metadata");
        }
        return c;
    }

    /// <summary>Fields added, modified and removed from a to b (both tracked views).</summary>
    public static (FieldSet Added, FieldSet Modified, FieldSet Removed) Compare(JsonObject a, JsonObject b, bool custom)
    {
        var sa = FieldSet.FromObject(a, custom);
        var sb = FieldSet.FromObject(b, custom);
        var modified = new List<List<string>>();
        // A leaf both hold (a member with nothing beneath it in either) is modified when its values differ. One walk
        // down both sets and both objects together, rather than a walk from the root for every leaf.
        Modified(sa.Intersect(sb), sa, sb, a, b, null, [], modified);
        return (sb.Difference(sa), FieldSet.FromPaths(modified), sa.Difference(sb));
    }

    static void Modified(FieldSet both, FieldSet? sa, FieldSet? sb, JsonNode? a, JsonNode? b, string? field, List<string> prefix, List<List<string>> into)
    {
        foreach (var e in both.Elements())
        {
            var childA = sa?.Children.GetValueOrDefault(e);
            var childB = sb?.Children.GetValueOrDefault(e);
            var va = FieldSet.Step(a, field, e, out var nextField);
            var vb = FieldSet.Step(b, field, e, out _);
            prefix.Add(e);
            if (both.Members.Contains(e) && childA is not { IsEmpty: false } && childB is not { IsEmpty: false } && !JsonTools.DeepEquals(va, vb))
                into.Add(new List<string>(prefix));
            if (both.Children.TryGetValue(e, out var beneath)) Modified(beneath, childA, childB, va, vb, nextField, prefix, into);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    /// <summary>Records an Update (create, PUT, PATCH) by manager in newObj's managedFields.</summary>
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, ResourceType type, string manager, string subresource)
    {
        var statusOnly = subresource == "status";
        var entries = oldObj == null ? new List<ManagedFieldsEntry>() : ManagedFieldsEntry.Read(oldObj);
        if (JsonTools.At(newObj, "metadata", "managedFields") is JsonArray sent && sent.Count == 1 && sent[0] is JsonObject { Count: 0 })
            entries.Clear(); // a single empty entry is the documented way to reset managedFields
        var before = oldObj == null ? new JsonObject() : Tracked(oldObj, type, statusOnly);
        var after = Tracked(newObj, type, statusOnly);
        var (added, modified, removed) = Compare(before, after, type.IsCustom);
        var touched = added.Union(modified).Union(removed);
        foreach (var e in entries) e.Set = e.Set.Difference(touched);
        var own = entries.FirstOrDefault(e => e.SameOwner(manager, "Update", subresource));
        var grown = added.Union(modified);
        if (own == null)
        {
            own = new ManagedFieldsEntry { Manager = manager, Operation = "Update", Subresource = subresource };
            entries.Add(own);
        }
        var newSet = own.Set.Union(grown).Difference(removed);
        if (!grown.IsEmpty || own.Time == null) own.Time = JsonTools.Now();
        own.Set = newSet;
        own.ApiVersion = JsonTools.Str(newObj, "apiVersion") ?? type.ApiVersion;
        ManagedFieldsEntry.Write(newObj, entries);
    }

    /// <summary>
    /// Server-side apply of config onto live (null to create). Returns the new object (without identity metadata
    /// changes other than those in config) with managedFields, or throws a 409 apply conflict.
    /// </summary>
    public static JsonObject Apply(JsonObject? live, JsonObject config, ResourceType type, string manager, bool force)
    {
        var baseObj = live ?? new JsonObject();
        var entries = ManagedFieldsEntry.Read(live);
        var liveTracked = Tracked(baseObj, type, statusOnly: false);
        var configTracked = Tracked(config, type, statusOnly: false);
        var configSet = FieldSet.FromObject(configTracked, type.IsCustom);
        var merged = Merge(liveTracked, configTracked, type.IsCustom);

        var (added, modified, _) = Compare(liveTracked, merged, type.IsCustom);
        var changed = added.Union(modified);
        var conflicts = new List<(ManagedFieldsEntry Entry, List<string> Path)>();
        foreach (var e in entries.Where(e => !e.SameOwner(manager, "Apply", "")))
        {
            foreach (var p in e.Set.Intersect(changed).MemberPaths()) conflicts.Add((e, p));
        }
        if (conflicts.Count > 0)
        {
            if (!force) throw ConflictError(conflicts);
            foreach (var g in conflicts.GroupBy(c => c.Entry)) g.Key.Set = g.Key.Set.Difference(FieldSet.FromPaths(g.Select(c => c.Path)));
        }

        var own = entries.FirstOrDefault(e => e.SameOwner(manager, "Apply", ""));
        var others = entries.Where(e => e != own).Aggregate(new FieldSet(), (acc, e) => acc.Union(e.Set));
        if (own != null)
        {
            var toRemove = own.Set.NotCoveredBy(configSet).NotCoveredBy(others);
            toRemove.RemoveFrom(merged);
        }
        if (own == null)
        {
            own = new ManagedFieldsEntry { Manager = manager, Operation = "Apply" };
            entries.Add(own);
        }
        if (own.Time == null || !FieldSetEquals(own.Set, configSet)) own.Time = JsonTools.Now();
        own.Set = configSet;
        own.ApiVersion = JsonTools.Str(config, "apiVersion") ?? type.ApiVersion;

        var result = merged;
        result["apiVersion"] = JsonTools.Str(config, "apiVersion") ?? type.ApiVersion;
        result["kind"] = type.Kind;
        var meta = JsonTools.Meta(result);
        var liveMeta = baseObj["metadata"] as JsonObject;
        var cfgMeta = config["metadata"] as JsonObject;
        foreach (var f in StrippedMetadata.Where(f => f != "managedFields"))
        {
            var v = liveMeta?[f] ?? (f is "name" or "namespace" ? cfgMeta?[f] : null);
            if (v != null) meta[f] = v.DeepClone();
        }
        if (type.HasStatus && baseObj["status"] is JsonObject st) result["status"] = st.DeepClone();
        ManagedFieldsEntry.Write(result, entries);
        return result;
    }

    static bool FieldSetEquals(FieldSet a, FieldSet b) => a.Difference(b).IsEmpty && b.Difference(a).IsEmpty;

    /// <summary>Merges applied config into live: maps recursively, keyed lists by key, sets by value, the rest replaced.</summary>
    public static JsonObject Merge(JsonObject live, JsonObject config, bool custom)
    {
        var result = JsonTools.CloneObj(live);
        foreach (var (key, value) in config)
        {
            var current = result[key];
            if (value is JsonObject vo && current is JsonObject co && vo.Count > 0 && !(key == "selector" && (vo.ContainsKey("matchLabels") || vo.ContainsKey("matchExpressions"))))
                result[key] = Merge(co, vo, custom);
            else if (value is JsonArray va && current is JsonArray ca && va.Count > 0)
                result[key] = MergeList(key, ca, va, custom);
            else
                result[key] = value?.DeepClone();
        }
        return result;
    }

    static JsonArray MergeList(string field, JsonArray live, JsonArray config, bool custom)
    {
        var info = Patching.ListInfo.For(field, config, custom);
        if (info.Type == Patching.ListType.Set)
        {
            var items = live.Select(i => i?.DeepClone()).ToList();
            foreach (var v in config) if (!items.Any(i => JsonTools.DeepEquals(i, v))) items.Add(v?.DeepClone());
            return new JsonArray(items.ToArray());
        }
        if (info.Type == Patching.ListType.Atomic || config.Any(i => i is not JsonObject) || live.Any(i => i is not JsonObject))
            return (JsonArray)config.DeepClone();
        var result = live.Select(i => i?.DeepClone()).ToList();
        foreach (var item in config.OfType<JsonObject>())
        {
            var idx = result.FindIndex(r => r is JsonObject ro && info.SameKey(ro, item, forPatch: false));
            if (idx >= 0) result[idx] = Merge((JsonObject)result[idx]!, item, custom);
            else result.Add(item.DeepClone());
        }
        return new JsonArray(result.ToArray());
    }

    static ApiException ConflictError(List<(ManagedFieldsEntry Entry, List<string> Path)> conflicts)
    {
        static string Who(ManagedFieldsEntry e)
        {
            var s = $"\"{e.Manager}\"";
            if (e.Subresource.Length > 0) s += $" with subresource \"{e.Subresource}\"";
            if (e.Operation == "Update") s += e.Time == null ? $" using {e.ApiVersion}" : $" using {e.ApiVersion} at {e.Time}";
            return s;
        }
        var causes = new JsonArray();
        foreach (var (e, p) in conflicts)
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = "conflict with " + Who(e), ["field"] = FieldSet.PathString(p) });
        string message;
        if (conflicts.Count == 1)
            message = $"Apply failed with 1 conflict: conflict with {Who(conflicts[0].Entry)}: {FieldSet.PathString(conflicts[0].Path)}";
        else
        {
            var lines = new List<string>();
            foreach (var g in conflicts.GroupBy(c => Who(c.Entry)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add($"conflicts with {g.Key}:");
                lines.AddRange(g.Select(c => "- " + FieldSet.PathString(c.Path)));
            }
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }
        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }
}
