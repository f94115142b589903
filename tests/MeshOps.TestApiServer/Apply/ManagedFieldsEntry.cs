using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Apply;

/// <summary>One metadata.managedFields entry; (Manager, Operation, Subresource) identifies it.</summary>
public sealed class ManagedFieldsEntry
{
    public required string Manager { get; init; }
    public required string Operation { get; init; }
    public string Subresource { get; init; } = "";
    public string ApiVersion { get; set; } = "";
    public string? Time { get; set; }
    public FieldSet Set { get; set; } = new();

    public bool SameOwner(string manager, string operation, string subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    public static List<ManagedFieldsEntry> Read(JsonObject? obj)
    {
        var list = new List<ManagedFieldsEntry>();
        if (JsonTools.At(obj, "metadata", "managedFields") is not JsonArray arr) return list;
        foreach (var e in arr.OfType<JsonObject>())
        {
            list.Add(new ManagedFieldsEntry
            {
                Manager = JsonTools.Str(e, "manager") ?? "",
                Operation = JsonTools.Str(e, "operation") ?? "Update",
                Subresource = JsonTools.Str(e, "subresource") ?? "",
                ApiVersion = JsonTools.Str(e, "apiVersion") ?? "",
                Time = JsonTools.Str(e, "time"),
                Set = FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject),
            });
        }
        return list;
    }

    /// <summary>Writes entries in the apiserver's order: Apply before Update, then by time, manager, apiVersion.</summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var kept = entries.Where(e => !e.Set.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource, StringComparer.Ordinal)
            .ToList();
        var meta = JsonTools.Meta(obj);
        if (kept.Count == 0) { meta.Remove("managedFields"); return; }
        var arr = new JsonArray();
        foreach (var e in kept)
        {
            var o = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
            };
            if (e.Time != null) o["time"] = e.Time;
            o["fieldsType"] = "FieldsV1";
            o["fieldsV1"] = e.Set.ToFieldsV1();
            if (e.Subresource.Length > 0) o["subresource"] = e.Subresource;
            arr.Add(o);
        }
        meta["managedFields"] = arr;
    }
}
