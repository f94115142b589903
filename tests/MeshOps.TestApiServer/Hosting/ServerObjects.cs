using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Storage;

namespace MeshOps.Testing.KubeApi;

/// <summary>
/// Direct access to the server's objects for test setup and assertions, without HTTP, faults or the request log.
/// Writes go through the same semantics as the API (uid, resourceVersion, managedFields, validation, watch events).
/// </summary>
public sealed class ServerObjects
{
    readonly ResourceService _svc;
    readonly Action _reconcile;

    internal ServerObjects(ResourceService svc, Action reconcile)
    {
        _svc = svc;
        _reconcile = reconcile;
    }

    ResourceType TypeOf(string apiVersion, string kind) =>
        _svc.Catalog.FindByKind(apiVersion, kind) ?? throw new ArgumentException($"the test apiserver does not serve {kind} in {apiVersion} (is its CRD Established?)");

    /// <summary>Creates or replaces an object (kind and apiVersion from the object; namespaced objects default to "default"). Status given is stored too.</summary>
    public JsonObject Seed(JsonObject obj, string manager = "test-seed")
    {
        var type = TypeOf(JsonTools.Str(obj, "apiVersion") ?? "", JsonTools.Str(obj, "kind") ?? "");
        return _svc.Upsert(type, obj, manager);
    }

    /// <summary>Seeds one object written as JSON or YAML.</summary>
    public JsonObject Seed(string jsonOrYaml, string manager = "test-seed") =>
        Seed(YamlToJson.Convert(jsonOrYaml) as JsonObject ?? throw new ArgumentException("the text is not an object"), manager);

    /// <summary>A copy of the stored object, or null.</summary>
    public JsonObject? Get(string apiVersion, string kind, string? ns, string name)
    {
        var type = TypeOf(apiVersion, kind);
        var o = _svc.Store.Get(type.StorageKey, type.Namespaced ? ns ?? "" : "", name);
        return o == null ? null : ResourceService.Present(type, o);
    }

    /// <summary>Copies of the stored objects of a kind, optionally in one namespace, in namespace/name order.</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null)
    {
        var type = TypeOf(apiVersion, kind);
        return _svc.Store.List(type.StorageKey, ns).Select(o => ResourceService.Present(type, o)).ToList();
    }

    /// <summary>Deletes as DELETE would (finalizers and propagation honoured); false when it did not exist.</summary>
    public bool Delete(string apiVersion, string kind, string? ns, string name, string? propagationPolicy = null)
    {
        var type = TypeOf(apiVersion, kind);
        try
        {
            _svc.Delete(type, type.Namespaced ? ns ?? "" : "", name, new DeleteOptions(propagationPolicy));
            return true;
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Does what a running istiod of the revision ("default" for the default revision) does to its webhook
    /// configurations: caBundle into every webhook, validators switched to failurePolicy Fail, written with an Update
    /// by manager pilot-discovery (<see cref="Admission.SimulatedIstiodWebhookPatcher"/>). Returns how many it wrote.
    /// </summary>
    public int PatchWebhooksAsIstiod(string revision, string? caBundle = null) => Admission.SimulatedIstiodWebhookPatcher.Patch(_svc, revision, caBundle);

    /// <summary>The current global resourceVersion.</summary>
    public long ResourceVersion => _svc.Store.CurrentResourceVersion;

    /// <summary>Runs one pass of every simulated controller now (delays still apply).</summary>
    public void RunControllersOnce() => _reconcile();
}
