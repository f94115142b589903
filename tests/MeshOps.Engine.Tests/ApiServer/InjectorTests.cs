using System.Text.Json.Nodes;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Tests.Kube;
using MeshOps.Engine.Tests.Mesh;
using MeshOps.Testing.KubeApi.Controllers;
using Xunit;

namespace MeshOps.Engine.Tests.ApiServer;

/// <summary>The loopback server's simulated sidecar injector and its per-revision pod faults.</summary>
public sealed class InjectorTests : ClusterTestBase
{
    private JsonObject Pod(string ns, string name, JsonObject? labels = null) => Server.Objects.Seed(new JsonObject
    {
        ["apiVersion"] = "v1", ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? new JsonObject() },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "example/app:1" }) },
    });

    private void SeedTag(string tag, string revision)
    {
        // The tag webhook as Set-MeshRevisionTag writes it: routed to istiod-REV.
        var endpoint = new InjectorEndpoint { Revision = revision, Namespace = CanaryCluster.ControlPlane, Path = "/inject" };
        Server.Objects.Seed(RevisionTagWebhooks.BuildInjector(tag, endpoint));
    }

    [Fact]
    public void Injects_as_the_webhooks_select_namespaces_and_pods()
    {
        CanaryCluster.SeedRevision(Server, "a", "1.18.5");
        CanaryCluster.SeedRevision(Server, "b", "1.18.6");
        SeedTag("stable", "b");
        CanaryCluster.SeedNamespace(Server, "on-a", "a");
        CanaryCluster.SeedNamespace(Server, "on-tag", "stable");
        CanaryCluster.SeedNamespace(Server, "legacy-wins", "a", "disabled");
        CanaryCluster.SeedNamespace(Server, "plain", null);

        var onA = Pod("on-a", "p1");
        Assert.Equal("a", RevisionReader.InjectedRevision(onA));
        Assert.Equal("a", onA.Str("metadata", "annotations", "istio.io/rev"));
        Assert.Equal("istio", onA.Str("metadata", "labels", "security.istio.io/tlsMode"));
        var proxy = ((JsonArray)onA["spec"]!["containers"]!).OfType<JsonObject>().Single(c => c.Str("name") == "istio-proxy");
        Assert.Equal("docker.io/istio/proxyv2:1.18.5", proxy.Str("image"));

        // A tag injects for the revision behind it: the status names the revision, never the tag.
        Assert.Equal("b", RevisionReader.InjectedRevision(Pod("on-tag", "p2")));
        // istio-injection (any value) wins over istio.io/rev.
        Assert.Null(RevisionReader.InjectedRevision(Pod("legacy-wins", "p3")));
        // Pod-level istio.io/rev counts only where the namespace has neither label; opt-out wins.
        Assert.Equal("b", RevisionReader.InjectedRevision(Pod("plain", "p4", new JsonObject { ["istio.io/rev"] = "b" })));
        Assert.Null(RevisionReader.InjectedRevision(Pod("plain", "p5")));
        Assert.Null(RevisionReader.InjectedRevision(Pod("on-a", "p6", new JsonObject { ["sidecar.istio.io/inject"] = "false" })));
    }

    [Fact]
    public async Task A_faulty_revision_makes_only_its_injected_pods_fail_with_pod_status_and_events()
    {
        CanaryCluster.SeedRevision(Server, "a", "1.18.5");
        CanaryCluster.SeedRevision(Server, "b", "1.18.6");
        CanaryCluster.SeedNamespace(Server, "good", "a");
        CanaryCluster.SeedNamespace(Server, "bad", "b");
        Server.Controllers.FailRevision("b", RevisionFault.ImagePullBackOff);
        CanaryCluster.SeedWorkload(Server, "Deployment", "good", "web", replicas: 2);
        CanaryCluster.SeedWorkload(Server, "Deployment", "bad", "web", replicas: 2);
        await CanaryCluster.WaitReadyAsync(Server, new[] { "good" }, 2);
        await Task.Delay(300);

        var bad = Server.Objects.List("v1", "Pod", "bad");
        Assert.Equal(2, bad.Count);
        Assert.All(bad, p =>
        {
            Assert.False(WorkloadReader.IsReady(p));
            var proxy = ((JsonArray)p["status"]!["containerStatuses"]!).OfType<JsonObject>().Single(c => c.Str("name") == "istio-proxy");
            Assert.Equal("ImagePullBackOff", proxy.Str("state", "waiting", "reason"));
        });
        var deployment = Server.Objects.Get("apps/v1", "Deployment", "bad", "web")!;
        Assert.Null(deployment.Int("status", "availableReplicas"));
        Assert.Contains(Server.Objects.List("v1", "Event", "bad"), e => e.Str("reason") == "Failed" && e.Str("message")!.Contains("proxyv2:1.18.6"));
    }

    [Fact]
    public async Task An_unreachable_injector_refuses_pods_and_the_ReplicaSet_reports_FailedCreate()
    {
        CanaryCluster.SeedRevision(Server, "b", "1.18.6");
        CanaryCluster.SeedNamespace(Server, "ns", "b");
        Server.Controllers.FailRevision("b", RevisionFault.InjectionFailed);
        CanaryCluster.SeedWorkload(Server, "Deployment", "ns", "web");
        await Task.Delay(400);
        Assert.Empty(Server.Objects.List("v1", "Pod", "ns"));
        Assert.Contains(Server.Objects.List("v1", "Event", "ns"), e => e.Str("reason") == "FailedCreate" && e.Str("message")!.Contains("failed calling webhook"));
    }

    [Fact]
    public async Task StatefulSet_and_DaemonSet_pods_are_replaced_when_the_template_changes()
    {
        CanaryCluster.SeedRevision(Server, "a", "1.18.5");
        CanaryCluster.SeedNamespace(Server, "ns", null);
        CanaryCluster.SeedWorkload(Server, "StatefulSet", "ns", "db", replicas: 2);
        CanaryCluster.SeedWorkload(Server, "DaemonSet", "ns", "agent");
        await CanaryCluster.WaitReadyAsync(Server, new[] { "ns" }, 3, "none");

        CanaryCluster.SeedNamespace(Server, "ns", "a");
        foreach (var (kind, name) in new[] { ("StatefulSet", "db"), ("DaemonSet", "agent") })
        {
            var obj = Server.Objects.Get("apps/v1", kind, "ns", name)!;
            obj["spec"]!["template"]!["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/restartedAt"] = "2026-01-01T00:00:00Z" };
            Server.Objects.Seed(obj);
        }
        await CanaryCluster.WaitReadyAsync(Server, new[] { "ns" }, 3, "a");
        var pods = CanaryCluster.Pods(Server, "ns");
        Assert.All(pods, p => Assert.Equal("a", p.Revision));
        Assert.Contains(pods, p => p.Pod == "db-0");
    }
}
