using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Apply;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Patching;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Selectors;

namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>
/// The verbs with the real server's semantics, independent of HTTP: used by the HTTP layer, by direct seeding from
/// tests, and by the simulated controllers. Every operation runs under the store lock, so each is atomic.
/// </summary>
public sealed class ResourceService
{
    public ObjectStore Store { get; }
    public ResourceCatalog Catalog { get; }
    int _clusterIpCounter = 10;
    int _nodePortCounter;

    /// <summary>Mutating admission of new objects (type, namespace, object), run after defaulting and before validation.</summary>
    public Action<ResourceType, string, JsonObject>? Admission { get; set; }

    public ResourceService(ObjectStore store, ResourceCatalog catalog)
    {
        Store = store;
        Catalog = catalog;
    }

    static readonly ResourceType NamespaceType = new("", "v1", "Namespace", "namespaces", false, HasStatus: true);

    /// <summary>A copy of a stored object as served at the type's version (apiVersion and kind set).</summary>
    public static JsonObject Present(ResourceType type, JsonObject stored)
    {
        var o = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var (k, v) in stored)
            if (k is not ("apiVersion" or "kind")) o[k] = v?.DeepClone();
        return o;
    }

    public JsonObject Get(ResourceType type, string ns, string name)
    {
        var o = Store.Get(type.StorageKey, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
        return Present(type, o);
    }

    public JsonObject List(ResourceType type, string? ns, ListOptions options)
    {
        var labels = LabelSelector.Parse(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector, type.Kind);
        List<JsonObject> all;
        long rv;
        lock (Store.Sync)
        {
            all = Store.List(type.StorageKey, ns);
            rv = Store.CurrentResourceVersion;
        }
        string? after = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            try
            {
                var token = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(options.Continue)))!;
                after = token["start"]!.GetValue<string>();
            }
            catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
            {
                throw ApiException.BadRequest("continue key is not valid: illegal base64 data at input byte 0");
            }
        }
        var items = new JsonArray();
        string? next = null;
        var matched = 0;
        var remaining = 0;
        foreach (var o in all)
        {
            var id = JsonTools.Namespace(o) + "/" + JsonTools.Name(o);
            if (after != null && string.CompareOrdinal(id, after) <= 0) continue;
            if (!labels.Matches(o) || !fields.Matches(o)) continue;
            if (options.Limit is > 0 && matched >= options.Limit)
            {
                remaining++;
                continue;
            }
            matched++;
            var item = type.IsCustom ? Present(type, o) : JsonTools.CloneObj(o);
            if (!type.IsCustom) { item.Remove("apiVersion"); item.Remove("kind"); }
            items.Add(item);
            if (options.Limit is > 0 && matched == options.Limit) next = id;
        }
        var meta = new JsonObject { ["resourceVersion"] = rv.ToString() };
        if (remaining > 0 && next != null)
        {
            var token = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = next };
            meta["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString()));
            meta["remainingItemCount"] = remaining;
        }
        return new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.ListKind, ["metadata"] = meta, ["items"] = items };
    }

    // ---------------------------------------------------------------- create

    public JsonObject Create(ResourceType type, string ns, JsonObject body, WriteOptions w) => Create(type, ns, body, w, recordManaged: true);

    JsonObject Create(ResourceType type, string ns, JsonObject body, WriteOptions w, bool recordManaged)
    {
        lock (Store.Sync)
        {
            var obj = JsonTools.CloneObj(body);
            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            var meta = JsonTools.Meta(obj);
            CheckNamespace(type, ns, meta);
            var name = JsonTools.Str(meta, "name") ?? "";
            if (name.Length == 0 && JsonTools.Str(meta, "generateName") is { Length: > 0 } prefix)
            {
                do name = prefix + RandomSuffix(); while (Store.Get(type.StorageKey, ns, name) != null);
                meta["name"] = name;
            }
            if (name.Length == 0)
                throw ApiException.Invalid(type.Group, type.Kind, "", ("metadata.name", "Required", "name or generateName is required"));
            if (type.Namespaced) meta["namespace"] = ns; else meta.Remove("namespace");
            EnsureNamespaceUsable(type, ns, name);
            if (Store.Get(type.StorageKey, ns, name) != null) throw ApiException.AlreadyExists(type.Group, type.Plural, name);

            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = JsonTools.Now();
            foreach (var f in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" }) meta.Remove(f);
            if (type.TracksGeneration) meta["generation"] = 1; else meta.Remove("generation");
            InitialStatus(type, obj);
            Defaults.Apply(type, obj);
            Admission?.Invoke(type, ns, obj);
            AllocateServiceIp(type, obj, null);
            Validation.Validate(type, obj, null);
            if (recordManaged) FieldManager.RecordUpdate(null, obj, type, w.Manager, "");
            if (w.DryRun) return Present(type, obj);
            return Present(type, Store.Put(type.StorageKey, obj));
        }
    }

    static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
    }

    void InitialStatus(ResourceType type, JsonObject obj)
    {
        if (type.Group == "" && type.Kind == "Namespace")
        {
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] = new JsonObject { ["phase"] = "Active" };
            var labels = JsonTools.Obj(JsonTools.Meta(obj), "labels");
            labels["kubernetes.io/metadata.name"] = JsonTools.Name(obj);
        }
        else if (type.Group == "" && type.Kind == "Pod") obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
        else if (type.Group == "" && type.Kind == "Service") obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        else if (type.HasStatus && !(type.IsCustom && false)) obj.Remove("status");
    }

    void AllocateServiceIp(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type.Group != "" || type.Kind != "Service" || obj["spec"] is not JsonObject spec) return;
        if (JsonTools.Str(spec, "type") == "ExternalName") return;
        var oldSpec = old?["spec"] as JsonObject;
        if (string.IsNullOrEmpty(JsonTools.Str(spec, "clusterIP")))
        {
            // Like the real server, an update without clusterIP keeps the allocated one.
            var ip = JsonTools.Str(oldSpec, "clusterIP");
            if (ip == null)
            {
                var n = Interlocked.Increment(ref _clusterIpCounter);
                ip = $"10.96.{n / 250}.{n % 250 + 1}";
            }
            spec["clusterIP"] = ip;
        }
        if (spec["clusterIPs"] is not JsonArray) spec["clusterIPs"] = new JsonArray(JsonTools.Str(spec, "clusterIP"));
        AllocateNodePorts(spec, oldSpec);
        if (oldSpec != null && JsonTools.Str(oldSpec, "clusterIP") is { } was && was != JsonTools.Str(spec, "clusterIP"))
            throw ApiException.Invalid("", "Service", JsonTools.Name(obj), ("spec.clusterIPs[0]", "Invalid", $"\"{JsonTools.Str(spec, "clusterIP")}\": may not change once set"));
    }

    /// <summary>NodePort and LoadBalancer Services get a node port per port, as the real registry allocates them; an update keeps a port's one.</summary>
    void AllocateNodePorts(JsonObject spec, JsonObject? oldSpec)
    {
        var type = JsonTools.Str(spec, "type");
        if (type != "NodePort" && !(type == "LoadBalancer" && spec["allocateLoadBalancerNodePorts"]?.GetValue<bool>() != false)) return;
        if (spec["ports"] is not JsonArray ports) return;
        var oldPorts = (oldSpec?["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        foreach (var p in ports.OfType<JsonObject>())
        {
            if (p["nodePort"] != null) continue;
            var same = oldPorts.FirstOrDefault(o => JsonTools.DeepEquals(o["port"], p["port"]) && JsonTools.Str(o, "protocol") == JsonTools.Str(p, "protocol"));
            p["nodePort"] = same?["nodePort"]?.DeepClone() ?? 30000 + Interlocked.Increment(ref _nodePortCounter) % 2768;
        }
    }

    void CheckNamespace(ResourceType type, string ns, JsonObject meta)
    {
        if (!type.Namespaced) return;
        if (ns.Length == 0) throw ApiException.BadRequest("the namespace of the object must be set for namespaced resources");
        var bodyNs = JsonTools.Str(meta, "namespace");
        if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
    }

    void EnsureNamespaceUsable(ResourceType type, string ns, string name)
    {
        if (!type.Namespaced) return;
        var nsObj = Store.Get(NamespaceType.StorageKey, "", ns) ?? throw ApiException.NotFound("", "namespaces", ns);
        if (JsonTools.At(nsObj, "metadata", "deletionTimestamp") != null)
        {
            var details = new JsonObject { ["name"] = name };
            if (type.Group.Length > 0) details["group"] = type.Group;
            details["kind"] = type.Plural;
            details["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "NamespaceTerminating",
                ["message"] = $"namespace {ns} is being terminated",
                ["field"] = "metadata.namespace",
            });
            var resource = type.Group.Length == 0 ? type.Plural : type.Plural + "." + type.Group;
            throw new ApiException(403, "Forbidden",
                $"{resource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", details);
        }
    }

    // ---------------------------------------------------------------- update / patch / apply

    public JsonObject Update(ResourceType type, string ns, string name, JsonObject body, string subresource, WriteOptions w)
    {
        lock (Store.Sync)
        {
            var bodyName = JsonTools.Str(body, "metadata", "name");
            if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
                throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            CheckNamespace(type, ns, JsonTools.Meta(JsonTools.CloneObj(body)));
            var old = Store.Get(type.StorageKey, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            var next = JsonTools.CloneObj(body);
            JsonTools.Meta(next)["name"] = name;
            return Commit(type, old, next, subresource, w, recordManaged: true);
        }
    }

    public JsonObject Patch(ResourceType type, string ns, string name, string contentType, string body, string subresource, WriteOptions w)
    {
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "application/apply-patch+yaml" || mediaType == "application/apply-patch+json")
        {
            // Decoding needs no stored state: done before the lock, so concurrent applies of large objects overlap.
            var config = DecodeApplyBody(body, w);
            lock (Store.Sync) return ApplyPatch(type, ns, name, config, subresource, w);
        }
        lock (Store.Sync)
        {
            if (w.Force) throw ApiException.BadRequest("force may not be set for non-apply patch requests");
            var old = Store.Get(type.StorageKey, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            var current = Present(type, old);
            JsonObject next;
            try
            {
                switch (mediaType)
                {
                    case "application/merge-patch+json":
                        next = JsonMergePatch.Apply(current, ParseBody(body)) as JsonObject ?? throw ApiException.BadRequest("patch result is not an object");
                        break;
                    case "application/json-patch+json":
                        next = JsonPatch.Apply(current, JsonNode.Parse(body) as JsonArray ?? throw ApiException.BadRequest("json patch must be an array"));
                        break;
                    case "application/strategic-merge-patch+json":
                        if (type.IsCustom) throw UnsupportedPatch();
                        next = StrategicMergePatch.Apply(current, ParseBody(body) as JsonObject ?? throw ApiException.BadRequest("patch must be an object"));
                        break;
                    default:
                        throw UnsupportedPatch();
                }
            }
            catch (JsonException e)
            {
                throw ApiException.BadRequest($"error decoding patch: {e.Message}");
            }
            if (JsonTools.Name(next) != name) throw ApiException.BadRequest($"the name of the object ({JsonTools.Name(next)}) does not match the name on the URL ({name})");
            return Commit(type, old, next, subresource, w, recordManaged: true);
        }
    }

    static ApiException UnsupportedPatch() => new(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

    static JsonNode? ParseBody(string body) => JsonNode.Parse(body);

    static JsonObject DecodeApplyBody(string body, WriteOptions w)
    {
        if (string.IsNullOrEmpty(w.Manager)) throw ApiException.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        try
        {
            return YamlToJson.Convert(body) as JsonObject ?? throw ApiException.BadRequest("apply patch body must be an object");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ApiException.BadRequest($"error decoding YAML: {e.Message}");
        }
    }

    JsonObject ApplyPatch(ResourceType type, string ns, string name, JsonObject config, string subresource, WriteOptions w)
    {
        var apiVersion = JsonTools.Str(config, "apiVersion");
        var kind = JsonTools.Str(config, "kind");
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
            throw ApiException.BadRequest("apiVersion and kind must be set in the applied configuration");
        if (apiVersion != type.ApiVersion || kind != type.Kind)
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        var cfgName = JsonTools.Str(config, "metadata", "name");
        if (cfgName != name) throw ApiException.BadRequest($"the name of the object ({cfgName}) does not match the name on the URL ({name})");
        var cfgMeta = JsonTools.Meta(config);
        CheckNamespace(type, ns, cfgMeta);
        if (subresource.Length > 0) throw ApiException.BadRequest("server-side apply to subresources is not supported by this test server");

        var old = Store.Get(type.StorageKey, ns, name);
        if (old == null)
        {
            if (type.Namespaced) cfgMeta["namespace"] = ns;
            var created = FieldManager.Apply(null, config, type, w.Manager, w.Force);
            return Create(type, ns, created, w, recordManaged: false);
        }
        var applied = FieldManager.Apply(old, config, type, w.Manager, w.Force);
        return Commit(type, old, applied, "", w, recordManaged: false);
    }

    /// <summary>Turns a proposed new state into the stored one: preserved identity, status rules, generation, managedFields.</summary>
    JsonObject Commit(ResourceType type, JsonObject old, JsonObject next, string subresource, WriteOptions w, bool recordManaged)
    {
        var oldMeta = (JsonObject)old["metadata"]!;
        var sentRv = JsonTools.Str(next, "metadata", "resourceVersion");
        if (!string.IsNullOrEmpty(sentRv) && sentRv != JsonTools.Str(oldMeta, "resourceVersion"))
            throw ApiException.StaleConflict(type.Group, type.Plural, JsonTools.Name(old));

        if (subresource == "status")
        {
            var merged = JsonTools.CloneObj(old);
            if (next["status"] is { } st) merged["status"] = st.DeepClone(); else merged.Remove("status");
            if (next["metadata"]?["managedFields"] is { } mf) JsonTools.Meta(merged)["managedFields"] = mf.DeepClone();
            next = merged;
        }
        else if (type.HasStatus)
        {
            if (old["status"] is { } st) next["status"] = st.DeepClone(); else next.Remove("status");
        }
        next["apiVersion"] = type.ApiVersion;
        next["kind"] = type.Kind;
        var meta = JsonTools.Meta(next);
        foreach (var f in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "name", "namespace", "resourceVersion" })
        {
            if (oldMeta[f] is { } v) meta[f] = v.DeepClone(); else meta.Remove(f);
        }
        if (type.Group == "" && type.Kind == "Namespace" && subresource != "status") next["spec"] = old["spec"]?.DeepClone();
        if (subresource != "status")
        {
            Defaults.Apply(type, next);
            AllocateServiceIp(type, next, old);
            Validation.Validate(type, next, old);
        }
        if (type.TracksGeneration)
        {
            var gen = JsonTools.Long(oldMeta, "generation") ?? 1;
            if (!JsonTools.DeepEquals(SpecPart(old), SpecPart(next))) gen++;
            meta["generation"] = gen;
        }
        if (!recordManaged && subresource.Length == 0) { /* managedFields already computed by apply */ }
        else if (recordManaged)
        {
            var sent = meta["managedFields"];
            meta["managedFields"] = oldMeta["managedFields"]?.DeepClone();
            if (sent is JsonArray { Count: 1 } s && s[0] is JsonObject { Count: 0 }) meta["managedFields"] = sent.DeepClone();
            if (meta["managedFields"] is null) meta.Remove("managedFields");
            FieldManager.RecordUpdate(old, next, type, w.Manager, subresource);
        }
        if (JsonTools.DeepEquals(old, next)) return Present(type, old);

        if (meta["deletionTimestamp"] != null && (meta["finalizers"] is not JsonArray fin || fin.Count == 0))
        {
            meta.Remove("finalizers");
            if (w.DryRun) return Present(type, next);
            Store.Put(type.StorageKey, next);
            return Present(type, Store.Remove(type.StorageKey, JsonTools.Namespace(next), JsonTools.Name(next))!);
        }
        if (w.DryRun) return Present(type, next);
        return Present(type, Store.Put(type.StorageKey, next));
    }

    static JsonObject SpecPart(JsonObject o)
    {
        var c = JsonTools.CloneObj(o);
        c.Remove("metadata");
        c.Remove("status");
        c.Remove("apiVersion");
        c.Remove("kind");
        return c;
    }

    // ---------------------------------------------------------------- delete

    /// <summary>Deletes an object: immediately, or marks it (deletionTimestamp) while finalizers are pending.</summary>
    public (int Code, JsonObject Body) Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        lock (Store.Sync)
        {
            var old = Store.Get(type.StorageKey, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
            var meta = (JsonObject)old["metadata"]!;
            if (options.PreconditionUid is { Length: > 0 } uid && uid != JsonTools.Str(meta, "uid"))
                throw ApiException.Conflict(type.Group, type.Plural, name,
                    $"Precondition failed: UID in precondition: {uid}, UID in object meta: {JsonTools.Str(meta, "uid")}");
            if (options.PreconditionResourceVersion is { Length: > 0 } prv && prv != JsonTools.Str(meta, "resourceVersion"))
                throw ApiException.Conflict(type.Group, type.Plural, name,
                    $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in object meta: {JsonTools.Str(meta, "resourceVersion")}");

            var next = JsonTools.CloneObj(old);
            var nmeta = JsonTools.Meta(next);
            var finalizers = (nmeta["finalizers"] as JsonArray)?.Select(f => f?.ToString() ?? "").ToList() ?? new List<string>();
            var isNamespace = type.Group == "" && type.Kind == "Namespace";
            if (options.PropagationPolicy is { } policy && policy is not ("Foreground" or "Background" or "Orphan"))
                throw ApiException.Invalid("meta.k8s.io", "DeleteOptions", "", ("propagationPolicy", "NotSupported", $"\"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
            if (!isNamespace && nmeta["deletionTimestamp"] == null)
            {
                if (options.PropagationPolicy == "Foreground" && !finalizers.Contains("foregroundDeletion")) finalizers.Add("foregroundDeletion");
                if (options.PropagationPolicy == "Orphan" && !finalizers.Contains("orphan")) finalizers.Add("orphan");
            }
            if (isNamespace)
            {
                if (nmeta["deletionTimestamp"] == null)
                {
                    nmeta["deletionTimestamp"] = JsonTools.Now();
                    nmeta["deletionGracePeriodSeconds"] = 0;
                    next["status"] = new JsonObject { ["phase"] = "Terminating" };
                    if (options.DryRun) return (200, Present(type, next));
                    return (200, Present(type, Store.Put(type.StorageKey, next)));
                }
                return (200, Present(type, old));
            }
            if (finalizers.Count > 0)
            {
                nmeta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
                if (nmeta["deletionTimestamp"] == null)
                {
                    nmeta["deletionTimestamp"] = JsonTools.Now();
                    nmeta["deletionGracePeriodSeconds"] = 0;
                }
                if (options.DryRun || JsonTools.DeepEquals(old, next)) return (200, Present(type, next));
                return (200, Present(type, Store.Put(type.StorageKey, next)));
            }
            if (options.DryRun) return (200, SuccessStatus(type, name, JsonTools.Str(meta, "uid")));
            var removed = Store.Remove(type.StorageKey, ns, name)!;
            if (type.Kind == "Pod" || type.IsCustom) return (200, Present(type, removed));
            return (200, SuccessStatus(type, name, JsonTools.Str(meta, "uid")));
        }
    }

    static JsonObject SuccessStatus(ResourceType type, string name, string? uid)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0) details["group"] = type.Group;
        details["kind"] = type.Plural;
        if (uid != null) details["uid"] = uid;
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    public JsonObject DeleteCollection(ResourceType type, string? ns, ListOptions list, DeleteOptions options)
    {
        lock (Store.Sync)
        {
            var items = (JsonArray)List(type, ns, list with { Limit = null, Continue = null })["items"]!;
            var deleted = new JsonArray();
            foreach (var item in items.OfType<JsonObject>())
            {
                var (_, body) = Delete(type, JsonTools.Namespace(item), JsonTools.Name(item), options);
                if (JsonTools.Str(body, "kind") != "Status") deleted.Add(body);
            }
            return new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
            };
        }
    }

    // ---------------------------------------------------------------- internal writes (controllers, seeding)

    /// <summary>Writes status the way a controller does (status subresource, manager kube-controller-manager).</summary>
    public void WriteStatus(ResourceType type, JsonObject current, JsonObject status, string manager = "kube-controller-manager")
    {
        lock (Store.Sync)
        {
            var live = Store.Get(type.StorageKey, JsonTools.Namespace(current), JsonTools.Name(current));
            if (live == null || JsonTools.Str(live, "metadata", "resourceVersion") != JsonTools.Str(current, "metadata", "resourceVersion")) return;
            var next = JsonTools.CloneObj(live);
            next["status"] = status;
            Commit(type, live, next, "status", new WriteOptions(manager), recordManaged: true);
        }
    }

    /// <summary>Replaces an object as a controller would (Update by manager), skipping stale writes.</summary>
    public void WriteObject(ResourceType type, JsonObject current, JsonObject next, string manager = "kube-controller-manager")
    {
        lock (Store.Sync)
        {
            var live = Store.Get(type.StorageKey, JsonTools.Namespace(current), JsonTools.Name(current));
            if (live == null || JsonTools.Str(live, "metadata", "resourceVersion") != JsonTools.Str(current, "metadata", "resourceVersion")) return;
            Commit(type, live, next, "", new WriteOptions(manager), recordManaged: true);
        }
    }

    /// <summary>Creates or replaces an object without HTTP (test seeding); a status given is stored as well.</summary>
    public JsonObject Upsert(ResourceType type, JsonObject obj, string manager)
    {
        lock (Store.Sync)
        {
            var ns = type.Namespaced ? (JsonTools.Namespace(obj) is { Length: > 0 } n ? n : "default") : "";
            var name = JsonTools.Name(obj);
            var existing = Store.Get(type.StorageKey, ns, name);
            JsonObject result;
            if (existing == null) result = Create(type, ns, obj, new WriteOptions(manager));
            else
            {
                var next = JsonTools.CloneObj(obj);
                JsonTools.Meta(next).Remove("resourceVersion");
                result = Commit(type, existing, next, "", new WriteOptions(manager), recordManaged: true);
            }
            if (type.HasStatus && obj["status"] is JsonObject st)
            {
                var live = Store.Get(type.StorageKey, ns, JsonTools.Name(result))!;
                var withStatus = JsonTools.CloneObj(live);
                withStatus["status"] = st.DeepClone();
                result = Commit(type, live, withStatus, "status", new WriteOptions(manager), recordManaged: true);
            }
            return result;
        }
    }
}
