using System.Diagnostics;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Storage;

namespace MeshOps.Testing.KubeApi.Controllers;

/// <summary>
/// Background stand-ins for kube-controller-manager and apiextensions: CRD establishment and cleanup, namespace
/// termination, garbage collection (background, foreground, orphan), and Deployment/ReplicaSet/DaemonSet/StatefulSet
/// controllers that create pods and report status. Each pass runs under the store lock and visits objects in
/// name order, so results are deterministic for a given sequence of requests.
/// </summary>
public sealed class SimulatedControllers : IAsyncDisposable
{
    const string Manager = "kube-controller-manager";
    const string CrdCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    readonly ResourceService _svc;
    readonly ControllerSettings _settings;
    readonly CancellationTokenSource _stop = new();
    readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    readonly Dictionary<string, TimeSpan> _firstSeen = new();
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly Task _loop;
    volatile bool _gcDirty = true;
    // Namespaces with a deletionTimestamp, by name, kept from the change events (under the store lock, as the passes
    // run): a pass runs after every write, and looking at every namespace each time cost more than the writes did.
    readonly SortedSet<string> _terminating = new(StringComparer.Ordinal);

    readonly ResourceType _crd, _ns, _pod, _deploy, _rs, _ds, _sts, _event;

    public SimulatedControllers(ResourceService svc, ControllerSettings settings)
    {
        _svc = svc;
        _settings = settings;
        var c = svc.Catalog;
        _crd = c.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
        _ns = c.Find("", "v1", "namespaces")!;
        _pod = c.Find("", "v1", "pods")!;
        _deploy = c.Find("apps", "v1", "deployments")!;
        _rs = c.Find("apps", "v1", "replicasets")!;
        _ds = c.Find("apps", "v1", "daemonsets")!;
        _sts = c.Find("apps", "v1", "statefulsets")!;
        _event = c.Find("", "v1", "events")!;
        svc.Store.Changed += OnChanged;
        _loop = Task.Run(Run);
    }

    void OnChanged(WatchEvent e)
    {
        if (e.StorageKey == _crd.StorageKey) RefreshCatalog();
        if (e.StorageKey == _ns.StorageKey)
        {
            var name = JsonTools.Name(e.Object);
            if (e.Type != "DELETED" && e.Object["metadata"]?["deletionTimestamp"] != null) _terminating.Add(name);
            else _terminating.Remove(name);
        }
        if (e.Type == "DELETED" || e.Object["metadata"]?["deletionTimestamp"] != null) _gcDirty = true;
        _wake.Release();
    }

    /// <summary>Serves the kinds of every Established CRD (called under the store lock on each CRD change).</summary>
    void RefreshCatalog()
    {
        var established = _svc.Store.List(_crd.StorageKey, null).Where(IsEstablished).ToList();
        _svc.Catalog.SetCustomResources(established);
    }

    static bool IsEstablished(JsonObject crd) =>
        JsonTools.At(crd, "status", "conditions") is JsonArray conds &&
        conds.OfType<JsonObject>().Any(c => JsonTools.Str(c, "type") == "Established" && JsonTools.Str(c, "status") == "True");

    async Task Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(_settings.Interval, _stop.Token);
                while (_wake.CurrentCount > 0) _wake.Wait(0);
                if (_settings.Enabled) ReconcileOnce();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // A controller bug must not kill the loop; it shows up in tests as a missing status.
                Console.Error.WriteLine($"test apiserver controller error: {e}");
            }
        }
    }

    /// <summary>One pass of every controller.</summary>
    public void ReconcileOnce()
    {
        lock (_svc.Store.Sync)
        {
            Crds();
            Namespaces();
            if (_gcDirty)
            {
                _gcDirty = false;
                GarbageCollect();
            }
            if (_settings.CreatePods) Deployments();
            ReplicaSets();
            DaemonSets();
            StatefulSets();
        }
    }

    TimeSpan Age(string key)
    {
        if (!_firstSeen.TryGetValue(key, out var t)) _firstSeen[key] = t = _clock.Elapsed;
        return _clock.Elapsed - t;
    }

    // ------------------------------------------------------------------ CRDs

    void Crds()
    {
        foreach (var crd in _svc.Store.List(_crd.StorageKey, null))
        {
            var meta = (JsonObject)crd["metadata"]!;
            var finalizers = (meta["finalizers"] as JsonArray)?.Select(f => f?.ToString()).ToList() ?? new List<string?>();
            if (meta["deletionTimestamp"] != null)
            {
                if (!finalizers.Contains(CrdCleanupFinalizer)) continue;
                var key = (JsonTools.Str(crd, "spec", "group") ?? "") + "/" + JsonTools.Str(crd, "spec", "names", "plural");
                var remaining = _svc.Store.List(key, null);
                foreach (var cr in remaining) _svc.Store.Remove(key, JsonTools.Namespace(cr), JsonTools.Name(cr));
                var next = JsonTools.CloneObj(crd);
                JsonTools.Meta(next)["finalizers"] = new JsonArray(finalizers.Where(f => f != CrdCleanupFinalizer).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
                _svc.WriteObject(_crd, crd, next, "kube-apiserver");
                continue;
            }
            if (!finalizers.Contains(CrdCleanupFinalizer))
            {
                var next = JsonTools.CloneObj(crd);
                finalizers.Add(CrdCleanupFinalizer);
                JsonTools.Meta(next)["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
                _svc.WriteObject(_crd, crd, next, "kube-apiserver");
                continue;
            }
            if (IsEstablished(crd)) continue;
            if (Age("crd/" + JsonTools.Str(meta, "uid")) < _settings.CrdEstablishDelay) continue;
            var now = JsonTools.Now();
            var names = JsonTools.At(crd, "spec", "names")?.DeepClone() as JsonObject ?? new JsonObject();
            if (!names.ContainsKey("singular")) names["singular"] = (JsonTools.Str(names, "kind") ?? "").ToLowerInvariant();
            if (!names.ContainsKey("listKind")) names["listKind"] = JsonTools.Str(names, "kind") + "List";
            var storage = (JsonTools.At(crd, "spec", "versions") as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b);
            var status = new JsonObject
            {
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
                    new JsonObject { ["type"] = "Established", ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" }),
                ["acceptedNames"] = names,
                ["storedVersions"] = new JsonArray(JsonTools.Str(storage, "name") ?? "v1"),
            };
            _svc.WriteStatus(_crd, crd, status, "kube-apiserver");
        }
    }

    // ------------------------------------------------------------------ namespaces

    void Namespaces()
    {
        foreach (var name in _terminating.ToList())
        {
            var ns = _svc.Store.Get(_ns.StorageKey, "", name);
            if (ns?["metadata"]?["deletionTimestamp"] == null) continue;
            var remaining = 0;
            foreach (var key in _svc.Store.Keys)
            {
                var type = _svc.Catalog.ByStorageKey(key).FirstOrDefault();
                if (type is { Namespaced: false }) continue;
                foreach (var obj in _svc.Store.List(key, name))
                {
                    remaining++;
                    if (obj["metadata"]?["deletionTimestamp"] != null) continue;
                    if (type == null) _svc.Store.Remove(key, name, JsonTools.Name(obj));
                    else _svc.Delete(type, name, JsonTools.Name(obj), new DeleteOptions("Background"));
                }
            }
            if (remaining > 0) continue;
            var metaFinalizers = ns["metadata"]?["finalizers"] as JsonArray;
            if (metaFinalizers is { Count: > 0 }) continue;
            _svc.Store.Remove(_ns.StorageKey, "", name);
        }
    }

    // ------------------------------------------------------------------ garbage collector

    void GarbageCollect()
    {
        var dependentsOf = new Dictionary<string, List<(string Key, JsonObject Obj)>>();
        foreach (var key in _svc.Store.Keys)
        {
            foreach (var obj in _svc.Store.List(key, null))
            {
                if (obj["metadata"]?["ownerReferences"] is not JsonArray refs) continue;
                foreach (var r in refs.OfType<JsonObject>())
                {
                    var uid = JsonTools.Str(r, "uid") ?? "";
                    if (!dependentsOf.TryGetValue(uid, out var list)) dependentsOf[uid] = list = new();
                    list.Add((key, obj));
                }
            }
        }
        foreach (var (ownerUid, dependents) in dependentsOf)
        {
            var ownerLoc = _svc.Store.FindUid(ownerUid);
            var owner = ownerLoc is { } l ? _svc.Store.Get(l.Key, l.Ns, l.Name) : null;
            var ownerFinalizers = (owner?["metadata"]?["finalizers"] as JsonArray)?.Select(f => f?.ToString()).ToList() ?? new List<string?>();
            var ownerDeleting = owner?["metadata"]?["deletionTimestamp"] != null;
            foreach (var (key, dep) in dependents)
            {
                var live = _svc.Store.Get(key, JsonTools.Namespace(dep), JsonTools.Name(dep));
                if (live == null || live["metadata"]?["deletionTimestamp"] != null) continue;
                var type = _svc.Catalog.ByStorageKey(key).FirstOrDefault();
                if (type == null) continue;
                if (owner == null || ownerDeleting && ownerFinalizers.Contains("foregroundDeletion"))
                {
                    var refs = (JsonArray)live["metadata"]!["ownerReferences"]!;
                    var otherOwnersAlive = refs.OfType<JsonObject>().Any(r => JsonTools.Str(r, "uid") != ownerUid && _svc.Store.FindUid(JsonTools.Str(r, "uid") ?? "") != null);
                    if (otherOwnersAlive) RemoveOwnerRef(type, live, ownerUid);
                    else _svc.Delete(type, JsonTools.Namespace(live), JsonTools.Name(live), new DeleteOptions(owner == null ? "Background" : "Foreground"));
                }
                else if (ownerDeleting && ownerFinalizers.Contains("orphan"))
                {
                    RemoveOwnerRef(type, live, ownerUid);
                }
            }
        }
        // Owners waiting on dependents: drop foregroundDeletion/orphan once nothing references them.
        foreach (var key in _svc.Store.Keys)
        {
            var type = _svc.Catalog.ByStorageKey(key).FirstOrDefault();
            if (type == null) continue;
            foreach (var obj in _svc.Store.List(key, null))
            {
                var meta = (JsonObject)obj["metadata"]!;
                if (meta["deletionTimestamp"] == null || meta["finalizers"] is not JsonArray fins) continue;
                var names = fins.Select(f => f?.ToString()).ToList();
                if (!names.Contains("foregroundDeletion") && !names.Contains("orphan")) continue;
                var uid = JsonTools.Str(meta, "uid") ?? "";
                var stillReferenced = dependentsOf.TryGetValue(uid, out var deps) &&
                    deps.Any(d => _svc.Store.Get(d.Key, JsonTools.Namespace(d.Obj), JsonTools.Name(d.Obj)) is { } live &&
                                  (live["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>().Any(r => JsonTools.Str(r, "uid") == uid) == true);
                if (stillReferenced) { _gcDirty = true; continue; }
                var next = JsonTools.CloneObj(obj);
                JsonTools.Meta(next)["finalizers"] = new JsonArray(names.Where(n => n is not ("foregroundDeletion" or "orphan")).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
                _svc.WriteObject(type, obj, next, "kube-controller-manager");
            }
        }
    }

    void RemoveOwnerRef(ResourceType type, JsonObject live, string ownerUid)
    {
        var next = JsonTools.CloneObj(live);
        var refs = (JsonArray)next["metadata"]!["ownerReferences"]!;
        var kept = refs.OfType<JsonObject>().Where(r => JsonTools.Str(r, "uid") != ownerUid).Select(r => (JsonNode?)r.DeepClone()).ToArray();
        if (kept.Length == 0) JsonTools.Meta(next).Remove("ownerReferences");
        else JsonTools.Meta(next)["ownerReferences"] = new JsonArray(kept);
        _svc.WriteObject(type, live, next, "kube-controller-manager");
    }

    // ------------------------------------------------------------------ workloads

    static JsonObject OwnerRef(ResourceType type, JsonObject owner) => new()
    {
        ["apiVersion"] = type.ApiVersion,
        ["kind"] = type.Kind,
        ["name"] = JsonTools.Name(owner),
        ["uid"] = JsonTools.Str(owner, "metadata", "uid"),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    static bool OwnedBy(JsonObject obj, string uid) =>
        obj["metadata"]?["ownerReferences"] is JsonArray refs && refs.OfType<JsonObject>().Any(r => JsonTools.Str(r, "uid") == uid);

    static uint Fnv(string text)
    {
        uint h = 2166136261;
        foreach (var ch in text) { h ^= ch; h *= 16777619; }
        return h;
    }

    static string Hash(string text)
    {
        // FNV-1a, rendered with the consonant/digit alphabet the real pod-template-hash uses.
        uint h = 2166136261;
        foreach (var ch in text) { h ^= ch; h *= 16777619; }
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++) { chars[i] = alphabet[(int)(h % (uint)alphabet.Length)]; h = h / (uint)alphabet.Length + (uint)(i * 7919); }
        return new string(chars);
    }

    /// <summary>Ready state of a workload's current generation: never (matching pattern), not yet, or ready.</summary>
    (bool Ready, bool Never) Readiness(JsonObject workload)
    {
        var ns = JsonTools.Namespace(workload);
        var name = JsonTools.Name(workload);
        if (_settings.IsNeverReady(ns, name)) return (false, true);
        var key = $"ready/{JsonTools.Str(workload, "metadata", "uid")}/{JsonTools.Long(workload, "metadata", "generation")}";
        return (Age(key) >= _settings.WorkloadReadyDelay, false);
    }

    static long Replicas(JsonObject o) => JsonTools.Long(o, "spec", "replicas") ?? 1;

    static JsonObject Cond(string type, bool status, string reason, string message)
    {
        var now = JsonTools.Now();
        return new JsonObject
        {
            ["type"] = type, ["status"] = status ? "True" : "False", ["lastUpdateTime"] = now, ["lastTransitionTime"] = now,
            ["reason"] = reason, ["message"] = message,
        };
    }

    void SetStatus(ResourceType type, JsonObject obj, JsonObject status)
    {
        // Compare without timestamps so that an unchanged state writes nothing (no endless MODIFIED events).
        static JsonNode? Normalized(JsonNode? s)
        {
            if (s?.DeepClone() is not JsonObject c) return s;
            if (c["conditions"] is JsonArray conds)
                foreach (var cond in conds.OfType<JsonObject>()) { cond.Remove("lastUpdateTime"); cond.Remove("lastTransitionTime"); }
            return c;
        }
        if (JsonTools.DeepEquals(Normalized(obj["status"]), Normalized(status))) return;
        _svc.WriteStatus(type, obj, status, Manager);
    }

    void Deployments()
    {
        foreach (var d in _svc.Store.List(_deploy.StorageKey, null))
        {
            if (d["metadata"]?["deletionTimestamp"] != null) continue;
            var ns = JsonTools.Namespace(d);
            var name = JsonTools.Name(d);
            var uid = JsonTools.Str(d, "metadata", "uid")!;
            var template = JsonTools.At(d, "spec", "template") as JsonObject ?? new JsonObject();
            var hash = Hash(template.ToJsonString());
            var rsName = name + "-" + hash;
            var replicas = Replicas(d);
            foreach (var rs in _svc.Store.List(_rs.StorageKey, ns).Where(r => OwnedBy(r, uid)))
            {
                if (JsonTools.Name(rs) == rsName || Replicas(rs) == 0) continue;
                var scaled = JsonTools.CloneObj(rs);
                JsonTools.Obj(scaled, "spec")["replicas"] = 0;
                _svc.WriteObject(_rs, rs, scaled, Manager);
            }
            var current = _svc.Store.Get(_rs.StorageKey, ns, rsName);
            if (current == null)
            {
                var rsTemplate = (JsonObject)template.DeepClone();
                JsonTools.Obj(JsonTools.Meta(rsTemplate), "labels")["pod-template-hash"] = hash;
                var selector = JsonTools.At(d, "spec", "selector")?.DeepClone() as JsonObject ?? new JsonObject();
                JsonTools.Obj(selector, "matchLabels")["pod-template-hash"] = hash;
                var labels = (JsonTools.At(template, "metadata", "labels")?.DeepClone() as JsonObject) ?? new JsonObject();
                labels["pod-template-hash"] = hash;
                var rs = new JsonObject
                {
                    ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = rsName, ["namespace"] = ns, ["labels"] = labels,
                        ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "1" },
                        ["ownerReferences"] = new JsonArray(OwnerRef(_deploy, d)),
                    },
                    ["spec"] = new JsonObject { ["replicas"] = replicas, ["selector"] = selector, ["template"] = rsTemplate },
                };
                _svc.Create(_rs, ns, rs, new WriteOptions(Manager));
            }
            else if (Replicas(current) != replicas)
            {
                var scaled = JsonTools.CloneObj(current);
                JsonTools.Obj(scaled, "spec")["replicas"] = replicas;
                _svc.WriteObject(_rs, current, scaled, Manager);
            }

            var (ready, never) = Readiness(d);
            var healthy = 0L;
            if (ready && _settings.CreatePods && _svc.Store.Get(_rs.StorageKey, ns, rsName) is { } currentRs)
            {
                // Ready only once the new ReplicaSet's pods exist and none fails (e.g. a faulty sidecar of its revision).
                var rsUid = JsonTools.Str(currentRs, "metadata", "uid") ?? "";
                var rsPods = _svc.Store.List(_pod.StorageKey, ns).Where(p => OwnedBy(p, rsUid) && p["metadata"]?["deletionTimestamp"] == null).ToList();
                healthy = rsPods.Count(p => _settings.RevisionFaultOf(InjectedRevision(p)) == RevisionFault.None);
                if (rsPods.Count < replicas || healthy < replicas) ready = false;
            }
            else if (ready && _settings.CreatePods) ready = false;
            var status = new JsonObject { ["observedGeneration"] = JsonTools.Long(d, "metadata", "generation") ?? 1 };
            if (replicas > 0) { status["replicas"] = replicas; status["updatedReplicas"] = replicas; }
            if (ready)
            {
                if (replicas > 0) { status["readyReplicas"] = replicas; status["availableReplicas"] = replicas; }
                status["conditions"] = new JsonArray(
                    Cond("Available", true, "MinimumReplicasAvailable", "Deployment has minimum availability."),
                    Cond("Progressing", true, "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed."));
            }
            else
            {
                if (healthy > 0) { status["readyReplicas"] = healthy; status["availableReplicas"] = healthy; }
                if (replicas > 0) status["unavailableReplicas"] = replicas - healthy;
                status["conditions"] = new JsonArray(
                    Cond("Available", false, "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
                    Cond("Progressing", true, "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing."));
            }
            _ = never;
            SetStatus(_deploy, d, status);
        }
    }

    void ReplicaSets()
    {
        foreach (var rs in _svc.Store.List(_rs.StorageKey, null))
        {
            if (rs["metadata"]?["deletionTimestamp"] != null) continue;
            var readiness = TopLevelReadiness(rs);
            var names = Enumerable.Range(0, (int)Replicas(rs)).Select(_ => (string?)null).ToList();
            var ready = SyncPods(_rs, rs, names, readiness, indexNames: false);
            var status = new JsonObject { ["replicas"] = Replicas(rs), ["observedGeneration"] = JsonTools.Long(rs, "metadata", "generation") ?? 1 };
            if (Replicas(rs) > 0) status["fullyLabeledReplicas"] = Replicas(rs);
            if (ready > 0) { status["readyReplicas"] = ready; status["availableReplicas"] = ready; }
            SetStatus(_rs, rs, status);
        }
    }

    /// <summary>A ReplicaSet's pods follow the readiness of the Deployment that owns it (or its own).</summary>
    (bool Ready, bool Never) TopLevelReadiness(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is JsonArray refs)
        {
            foreach (var r in refs.OfType<JsonObject>())
            {
                if (_svc.Store.FindUid(JsonTools.Str(r, "uid") ?? "") is { } loc && _svc.Store.Get(loc.Key, loc.Ns, loc.Name) is { } owner)
                    return Readiness(owner);
            }
        }
        return Readiness(obj);
    }

    void DaemonSets()
    {
        foreach (var ds in _svc.Store.List(_ds.StorageKey, null))
        {
            if (ds["metadata"]?["deletionTimestamp"] != null) continue;
            var n = Math.Max(0, _settings.Nodes);
            var readiness = Readiness(ds);
            var ready = _settings.CreatePods ? SyncPods(_ds, ds, Enumerable.Repeat<string?>(null, n).ToList(), readiness, indexNames: false) : readiness.Ready ? n : 0;
            var status = new JsonObject
            {
                ["currentNumberScheduled"] = n, ["desiredNumberScheduled"] = n, ["numberMisscheduled"] = 0, ["numberReady"] = ready,
                ["observedGeneration"] = JsonTools.Long(ds, "metadata", "generation") ?? 1,
            };
            if (readiness.Ready && ready == n) { status["numberAvailable"] = n; status["updatedNumberScheduled"] = n; }
            else
            {
                if (ready > 0) status["numberAvailable"] = ready;
                status["numberUnavailable"] = n - ready; status["updatedNumberScheduled"] = n;
            }
            SetStatus(_ds, ds, status);
        }
    }

    void StatefulSets()
    {
        foreach (var sts in _svc.Store.List(_sts.StorageKey, null))
        {
            if (sts["metadata"]?["deletionTimestamp"] != null) continue;
            var name = JsonTools.Name(sts);
            var replicas = (int)Replicas(sts);
            var readiness = Readiness(sts);
            var ready = _settings.CreatePods
                ? SyncPods(_sts, sts, Enumerable.Range(0, replicas).Select(i => (string?)$"{name}-{i}").ToList(), readiness, indexNames: true)
                : readiness.Ready ? replicas : 0;
            var revision = name + "-" + Hash((JsonTools.At(sts, "spec", "template") ?? new JsonObject()).ToJsonString())[..10];
            var status = new JsonObject
            {
                ["observedGeneration"] = JsonTools.Long(sts, "metadata", "generation") ?? 1,
                ["replicas"] = replicas, ["currentReplicas"] = replicas, ["updatedReplicas"] = replicas,
                ["currentRevision"] = revision, ["updateRevision"] = revision, ["collisionCount"] = 0,
            };
            if (ready > 0) { status["readyReplicas"] = ready; status["availableReplicas"] = ready; }
            else status["availableReplicas"] = 0;
            SetStatus(_sts, sts, status);
        }
    }

    /// <summary>Creates/deletes the owner's pods to match the wanted count, sets their status; returns how many are ready.</summary>
    int SyncPods(ResourceType ownerType, JsonObject owner, List<string?> wanted, (bool Ready, bool Never) readiness, bool indexNames)
    {
        var ns = JsonTools.Namespace(owner);
        var uid = JsonTools.Str(owner, "metadata", "uid")!;
        var pods = _svc.Store.List(_pod.StorageKey, ns).Where(p => OwnedBy(p, uid) && p["metadata"]?["deletionTimestamp"] == null).ToList();
        var template = JsonTools.At(owner, "spec", "template") as JsonObject ?? new JsonObject();
        // DaemonSets and StatefulSets replace pods of an older template (e.g. after kubectl rollout restart), as their
        // controllers do through the controller-revision-hash label; a ReplicaSet's template never changes.
        string? revisionHash = ownerType == _rs ? null : JsonTools.Name(owner) + "-" + Hash(template.ToJsonString())[..10];
        if (revisionHash != null)
        {
            foreach (var old in pods.Where(p => JsonTools.Str(p, "metadata", "labels", "controller-revision-hash") != revisionHash).ToList())
            {
                _svc.Delete(_pod, ns, JsonTools.Name(old), new DeleteOptions());
                pods.Remove(old);
            }
        }
        // Remove extras (highest names first), then create the missing ones.
        var keep = indexNames ? pods.Where(p => wanted.Contains(JsonTools.Name(p))).ToList() : pods.OrderBy(JsonTools.Name, StringComparer.Ordinal).Take(wanted.Count).ToList();
        foreach (var extra in pods.Except(keep)) _svc.Delete(_pod, ns, JsonTools.Name(extra), new DeleteOptions());
        var missing = indexNames ? wanted.Where(w => keep.All(p => JsonTools.Name(p) != w)).ToList() : Enumerable.Repeat<string?>(null, wanted.Count - keep.Count).ToList();
        var podIndex = 0;
        foreach (var podName in missing)
        {
            var podLabels = JsonTools.At(template, "metadata", "labels")?.DeepClone() as JsonObject ?? new JsonObject();
            if (revisionHash != null) podLabels["controller-revision-hash"] = revisionHash;
            var meta = new JsonObject
            {
                ["namespace"] = ns,
                ["labels"] = podLabels,
                ["ownerReferences"] = new JsonArray(OwnerRef(ownerType, owner)),
            };
            if (JsonTools.At(template, "metadata", "annotations") is JsonObject ann) meta["annotations"] = ann.DeepClone();
            if (podName != null) meta["name"] = podName;
            else
            {
                string candidate;
                do candidate = $"{JsonTools.Name(owner)}-{Hash(uid + "/" + podIndex++)[..5]}"; while (_svc.Store.Get(_pod.StorageKey, ns, candidate) != null);
                meta["name"] = candidate;
            }
            var spec = JsonTools.At(template, "spec")?.DeepClone() as JsonObject ?? new JsonObject();
            spec["nodeName"] = "meshops-test-node-" + (podIndex % Math.Max(1, _settings.Nodes));
            var pod = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
            try
            {
                keep.Add(_svc.Create(_pod, ns, pod, new WriteOptions(Manager)));
            }
            catch (Http.ApiException e)
            {
                // As the real controllers do when admission refuses a pod: a FailedCreate event, and try again later.
                RecordEvent(ownerType, owner, "FailedCreate", $"Error creating: {e.Message}");
                break;
            }
        }
        var readyCount = 0;
        foreach (var pod in keep)
        {
            var live = _svc.Store.Get(_pod.StorageKey, ns, JsonTools.Name(pod));
            if (live == null) continue;
            var fault = _settings.RevisionFaultOf(InjectedRevision(live));
            var status = PodStatus(live, readiness, fault);
            SetStatus(_pod, live, status);
            if (readiness.Ready && fault == RevisionFault.None) readyCount++;
            else if (readiness.Ready) RecordPodFault(live, fault);
        }
        return readyCount;
    }

    /// <summary>The revision in a pod's sidecar.istio.io/status annotation; null when it was not injected.</summary>
    static string? InjectedRevision(JsonObject pod)
    {
        if (JsonTools.Str(pod, "metadata", "annotations", Admission.SimulatedInjector.StatusAnnotation) is not { Length: > 0 } text) return null;
        try { return JsonNode.Parse(text)?["revision"]?.ToString() ?? "default"; }
        catch (System.Text.Json.JsonException) { return "default"; }
    }

    /// <summary>One Warning event per pod and reason, as the kubelet reports a failing sidecar.</summary>
    void RecordPodFault(JsonObject pod, RevisionFault fault)
    {
        var (reason, message) = fault switch
        {
            RevisionFault.ImagePullBackOff => ("Failed", $"Failed to pull image \"{ProxyImage(pod)}\": rpc error: code = NotFound desc = manifest unknown"),
            RevisionFault.CrashLoopBackOff => ("BackOff", "Back-off restarting failed container istio-proxy in pod " + JsonTools.Name(pod)),
            _ => ("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503"),
        };
        RecordEvent(_pod, pod, reason, message);
    }

    void RecordEvent(ResourceType type, JsonObject obj, string reason, string message)
    {
        var ns = JsonTools.Namespace(obj);
        var name = $"{JsonTools.Name(obj)}.{reason.ToLowerInvariant()}";
        if (_svc.Store.Get(_event.StorageKey, ns, name) != null) return;
        var now = JsonTools.Now();
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind, ["name"] = JsonTools.Name(obj), ["namespace"] = ns,
                ["uid"] = JsonTools.Str(obj, "metadata", "uid"),
            },
            ["reason"] = reason, ["message"] = message, ["type"] = "Warning", ["count"] = 1,
            ["firstTimestamp"] = now, ["lastTimestamp"] = now,
            ["source"] = new JsonObject { ["component"] = type == _pod ? "kubelet" : "replicaset-controller" },
        };
        try { _svc.Create(_event, ns, ev, new WriteOptions(Manager)); }
        catch (Http.ApiException) { }
    }

    static string ProxyImage(JsonObject pod) =>
        (JsonTools.At(pod, "spec", "containers") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => JsonTools.Str(c, "name") == "istio-proxy") is { } c
            ? JsonTools.Str(c, "image") ?? "" : "";

    JsonObject PodStatus(JsonObject pod, (bool Ready, bool Never) readiness, RevisionFault fault = RevisionFault.None)
    {
        // A fault of the injected revision shows once the pod would otherwise run: only the sidecar fails.
        var faulty = readiness.Ready && fault != RevisionFault.None;
        var containers = JsonTools.At(pod, "spec", "containers") as JsonArray ?? new JsonArray();
        var statuses = new JsonArray();
        var start = JsonTools.Str(pod, "metadata", "creationTimestamp") ?? JsonTools.Now();
        foreach (var c in containers.OfType<JsonObject>())
        {
            var image = JsonTools.Str(c, "image") ?? "";
            if (faulty && JsonTools.Str(c, "name") == "istio-proxy")
            {
                statuses.Add(FaultyProxyStatus(pod, c, fault, start));
                continue;
            }
            var s = new JsonObject
            {
                ["name"] = JsonTools.Str(c, "name"), ["image"] = image, ["imageID"] = readiness.Ready ? "docker.io/" + image + "@sha256:0" : "",
                ["ready"] = readiness.Ready, ["restartCount"] = 0, ["started"] = readiness.Ready,
            };
            if (readiness.Ready)
            {
                s["containerID"] = "containerd://" + Hash(JsonTools.Str(pod, "metadata", "uid") + image);
                s["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = start } };
            }
            else if (readiness.Never)
                s["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = _settings.NeverReadyReason, ["message"] = $"Back-off pulling image \"{image}\"" } };
            else
                s["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
            statuses.Add(s);
        }
        var ready = readiness.Ready && !faulty;
        JsonObject C(string type, bool ok, string? reason = null)
        {
            var o = new JsonObject { ["type"] = type, ["status"] = ok ? "True" : "False", ["lastProbeTime"] = null, ["lastTransitionTime"] = start };
            if (!ok && reason != null) { o["reason"] = reason; o["message"] = "containers with unready status: [" + string.Join(" ", containers.OfType<JsonObject>().Select(c => JsonTools.Str(c, "name"))) + "]"; }
            return o;
        }
        var result = new JsonObject
        {
            ["phase"] = ready || (faulty && fault != RevisionFault.ImagePullBackOff) ? "Running" : "Pending",
            ["conditions"] = new JsonArray(C("Initialized", true), C("Ready", ready, "ContainersNotReady"), C("ContainersReady", ready, "ContainersNotReady"), C("PodScheduled", true)),
            ["hostIP"] = "10.0.0.1",
            ["startTime"] = start,
            ["containerStatuses"] = statuses,
            ["qosClass"] = "BestEffort",
        };
        if (ready) result["podIP"] = "10.244.0." + (Fnv(JsonTools.Name(pod)) % 250 + 2);
        return result;
    }

    static JsonObject FaultyProxyStatus(JsonObject pod, JsonObject container, RevisionFault fault, string start)
    {
        var image = JsonTools.Str(container, "image") ?? "";
        var s = new JsonObject { ["name"] = "istio-proxy", ["image"] = image, ["imageID"] = "", ["ready"] = false, ["restartCount"] = 0, ["started"] = false };
        switch (fault)
        {
            case RevisionFault.ImagePullBackOff:
                s["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = $"Back-off pulling image \"{image}\"" } };
                break;
            case RevisionFault.CrashLoopBackOff:
                s["restartCount"] = 3;
                s["imageID"] = "docker.io/" + image + "@sha256:0";
                s["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off 40s restarting failed container=istio-proxy pod={JsonTools.Name(pod)}" } };
                s["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 255, ["reason"] = "Error", ["startedAt"] = start, ["finishedAt"] = start } };
                break;
            default:
                s["imageID"] = "docker.io/" + image + "@sha256:0";
                s["started"] = true;
                s["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = start } };
                break;
        }
        return s;
    }

    public async ValueTask DisposeAsync()
    {
        _svc.Store.Changed -= OnChanged;
        _stop.Cancel();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
