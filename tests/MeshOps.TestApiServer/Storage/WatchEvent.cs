using System.Text.Json.Nodes;

namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>One change in the store. Object and Previous are snapshots that are never mutated after recording.</summary>
public sealed record WatchEvent(string Type, string StorageKey, string Namespace, long ResourceVersion, JsonObject Object, JsonObject? Previous);
