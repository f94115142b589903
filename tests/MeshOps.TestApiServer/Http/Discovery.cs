using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Resources;

namespace MeshOps.Testing.KubeApi.Http;

/// <summary>Discovery documents: /version, /api, /api/v1, /apis, /apis/g, /apis/g/v, and aggregated discovery v2.</summary>
public static class Discovery
{
    public const string AggregatedMediaType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static JsonObject Version(KubernetesVersionInfo version) => new()
    {
        ["major"] = version.Major,
        ["minor"] = version.Minor,
        ["gitVersion"] = version.GitVersion,
        ["gitCommit"] = "meshops-test-apiserver",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-04-17T00:00:00Z",
        ["goVersion"] = "go1.22.2",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1:443" }),
    };

    static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        var vs = new JsonArray();
        foreach (var v in versions) vs.Add(new JsonObject { ["groupVersion"] = name + "/" + v, ["version"] = v });
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = vs,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = name + "/" + versions[0], ["version"] = versions[0] },
        };
    }

    public static JsonObject GroupList(ResourceCatalog catalog)
    {
        var groups = new JsonArray();
        foreach (var (g, vs) in catalog.Groups()) groups.Add(Group(g, vs));
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? SingleGroup(ResourceCatalog catalog, string group)
    {
        var found = catalog.Groups().FirstOrDefault(g => g.Group == group);
        if (found.Group == null) return null;
        var o = Group(found.Group, found.Versions);
        o["kind"] = "APIGroup";
        o["apiVersion"] = "v1";
        return o;
    }

    static JsonArray Verbs() => new(ResourceType.AllVerbs.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    public static JsonObject? ResourceList(ResourceCatalog catalog, string group, string version)
    {
        var types = catalog.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (types.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var t in types)
        {
            var r = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = Verbs(),
            };
            if (t.ShortNames != null) r["shortNames"] = new JsonArray(t.ShortNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            resources.Add(r);
            if (t.HasStatus)
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    /// <summary>apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core) or /apis (all named groups).</summary>
    public static JsonObject Aggregated(ResourceCatalog catalog, bool core)
    {
        var items = new JsonArray();
        IEnumerable<(string Group, IReadOnlyList<string> Versions)> groups = core ? [("", ["v1"])] : catalog.Groups();
        foreach (var (g, versions) in groups)
        {
            var vs = new JsonArray();
            foreach (var v in versions)
            {
                var resources = new JsonArray();
                foreach (var t in catalog.All.Where(r => r.Group == g && r.Version == v))
                {
                    var kind = new JsonObject { ["group"] = g, ["version"] = v, ["kind"] = t.Kind };
                    var r = new JsonObject
                    {
                        ["resource"] = t.Plural,
                        ["responseKind"] = kind,
                        ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = t.Singular,
                        ["verbs"] = Verbs(),
                    };
                    if (t.ShortNames != null) r["shortNames"] = new JsonArray(t.ShortNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
                    if (t.HasStatus)
                        r["subresources"] = new JsonArray(new JsonObject
                        {
                            ["subresource"] = "status", ["responseKind"] = kind.DeepClone(), ["verbs"] = new JsonArray("get", "patch", "update"),
                        });
                    resources.Add(r);
                }
                vs.Add(new JsonObject { ["version"] = v, ["resources"] = resources, ["freshness"] = "Current" });
            }
            var meta = new JsonObject();
            if (g.Length > 0) meta["name"] = g;
            items.Add(new JsonObject { ["metadata"] = meta, ["versions"] = vs });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }
}
