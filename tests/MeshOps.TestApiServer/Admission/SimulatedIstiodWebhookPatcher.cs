using System.Text;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Storage;

namespace MeshOps.Testing.KubeApi.Admission;

/// <summary>
/// Plays the part of a running istiod's webhook controllers (pkg/webhooks/webhookpatch.go and
/// pkg/webhooks/validation/controller/controller.go): for every Mutating/ValidatingWebhookConfiguration labelled
/// istio.io/rev=REV it writes the CA bundle into each webhook's clientConfig.caBundle and, on validators, switches
/// failurePolicy to Fail, with an Update (not an apply) under istiod's manager, so managedFields move those fields to
/// it as a real API server records them. A configuration already so is not written, as istiod skips it.
/// </summary>
public static class SimulatedIstiodWebhookPatcher
{
    public const string Manager = "pilot-discovery";

    /// <summary>A stand-in for istiod's root certificate, base64 as JSON holds caBundle.</summary>
    public static readonly string TestCaBundle = Convert.ToBase64String(Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\nMESHOPS-TEST-ISTIOD-CA\n-----END CERTIFICATE-----\n"));

    /// <summary>Patches the revision's webhook configurations; returns how many were written.</summary>
    public static int Patch(ResourceService svc, string revision, string? caBundle = null)
    {
        caBundle ??= TestCaBundle;
        var written = 0;
        foreach (var (apiVersion, kind) in new[] { ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"), ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration") })
        {
            var type = svc.Catalog.FindByKind(apiVersion, kind);
            if (type == null) continue;
            foreach (var stored in svc.Store.List(type.StorageKey, null))
            {
                if (JsonTools.Str(stored, "metadata", "labels", "istio.io/rev") != revision) continue;
                var next = ResourceService.Present(type, stored);
                var changed = false;
                foreach (var hook in (next["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (hook["clientConfig"] is not JsonObject client) hook["clientConfig"] = client = new JsonObject();
                    if (JsonTools.Str(client, "caBundle") != caBundle)
                    {
                        client["caBundle"] = caBundle;
                        changed = true;
                    }
                    if (kind == "ValidatingWebhookConfiguration" && JsonTools.Str(hook, "failurePolicy") != "Fail")
                    {
                        hook["failurePolicy"] = "Fail";
                        changed = true;
                    }
                }
                if (!changed) continue;
                svc.Update(type, "", JsonTools.Name(next), next, "", new WriteOptions(Manager));
                written++;
            }
        }
        return written;
    }
}
