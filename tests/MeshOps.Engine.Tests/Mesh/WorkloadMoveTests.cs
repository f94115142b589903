using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Tests.Kube;
using MeshOps.Testing.KubeApi.Controllers;
using Xunit;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// Move-MeshWorkload's engine against the loopback server, whose simulated injector stamps pods as the seeded
/// revisions' webhooks select them: batching, the health gate, rollback, resume, the tag flow and request counts.
/// </summary>
public sealed class WorkloadMoveTests : ClusterTestBase
{
    private static readonly string[] Namespaces = { "ns-1", "ns-2", "ns-3" };
    private const int PodsPerNamespace = 4; // web x2, api x1, db x1

    /// <summary>Revisions a (1.18.5) and b (1.18.6); three namespaces on <paramref name="label"/> with two Deployments and a StatefulSet; a bare pod in ns-2.</summary>
    private async Task SeedAsync(string label = "a")
    {
        CanaryCluster.SeedRevision(Server, "a", "1.18.5");
        CanaryCluster.SeedRevision(Server, "b", "1.18.6");
        if (label == "stable") SeedTag("stable", "a");
        foreach (var ns in Namespaces)
        {
            CanaryCluster.SeedNamespace(Server, ns, label);
            CanaryCluster.SeedWorkload(Server, "Deployment", ns, "web", replicas: 2);
            CanaryCluster.SeedWorkload(Server, "Deployment", ns, "api");
            CanaryCluster.SeedWorkload(Server, "StatefulSet", ns, "db");
        }
        // A pod no workload owns (the kubelet's status seeded: no controller reports it).
        Server.Objects.Seed("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bare","namespace":"ns-2"},"spec":{"containers":[{"name":"app","image":"example/app:1"}]},
             "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}
            """);
        await CanaryCluster.WaitReadyAsync(Server, Namespaces, PodsPerNamespace * 3 + 1, "a");
    }

    private void SeedTag(string tag, string revision) =>
        Server.Objects.Seed(RevisionTagWebhooks.BuildInjector(tag, new InjectorEndpoint { Revision = revision, Namespace = CanaryCluster.ControlPlane, Path = "/inject" }));

    private static WorkloadMoveRequest Request(int batchSize = 1, string? tag = null, double timeoutSeconds = 20) => new()
    {
        From = "a", To = "b", Tag = tag, BatchSize = batchSize, Timeout = TimeSpan.FromSeconds(timeoutSeconds), PollInterval = TimeSpan.FromMilliseconds(200),
    };

    private async Task<(WorkloadMovePlan Plan, WorkloadMoveReport Report)> MoveAsync(WorkloadMoveRequest request, Action<IReadOnlyList<NamespaceMoveResult>>? batchDone = null, CancellationToken ct = default)
    {
        using var cluster = new MeshCluster(Connect());
        var plan = await new WorkloadMovePlanner(cluster, Host).PlanAsync(request, ct);
        var mover = new WorkloadMover(cluster, Host) { BatchDone = batchDone };
        return (plan, await mover.ExecuteAsync(plan, ct));
    }

    private string? RevisionLabel(string ns) => Server.Objects.Get("v1", "Namespace", null, ns).Str("metadata", "labels", MeshLabels.Revision);

    private IEnumerable<(string Pod, string? Revision, bool Ready)> WorkloadPods(string ns) => CanaryCluster.Pods(Server, ns).Where(p => p.Pod != "bare");

    [Fact]
    public async Task Moves_every_namespace_in_batches_restarting_each_workload_once_with_list_reads_only()
    {
        await SeedAsync();
        Server.RequestLog.Clear();

        var (plan, report) = await MoveAsync(Request(batchSize: 2));

        Assert.Null(report.Error);
        Assert.Equal(new[] { 1, 1, 2 }, plan.Namespaces.Select(n => n.Batch));
        Assert.All(report.Results, r => Assert.Equal(WorkloadMoveOutcome.Moved, r.Outcome));
        Assert.Equal(new[] { "Deployment/api", "Deployment/web", "StatefulSet/db" }, report.Results[0].Workloads);
        foreach (var ns in Namespaces)
        {
            Assert.Equal("b", RevisionLabel(ns));
            Assert.All(WorkloadPods(ns), p => Assert.True(p.Revision == "b" && p.Ready, $"{ns}/{p.Pod} on {p.Revision}, ready {p.Ready}"));
        }
        // The pod no workload owns is named, and left alone on a.
        Assert.Equal(new[] { "bare" }, report.Results[1].UnownedPods);
        Assert.Equal("a", CanaryCluster.Pods(Server, "ns-2").Single(p => p.Pod == "bare").Revision);
        Assert.Contains(Host.Warnings, w => w.Contains("bare", StringComparison.Ordinal));

        // One patch per namespace and per workload; reads are lists, never one GET per object.
        var log = Server.RequestLog;
        Assert.Equal(3, log.Count("patch", "namespaces"));
        Assert.Equal(6, log.Count("patch", "deployments"));
        Assert.Equal(3, log.Count("patch", "statefulsets"));
        Assert.Equal(0, log.Count("get", "deployments") + log.Count("get", "statefulsets") + log.Count("get", "pods") + log.Count("get", "replicasets"));
        Assert.True(log.Count("list", "pods") <= 40, $"{log.Count("list", "pods")} pod lists");
        Assert.Contains(Host.Progress, p => p.ActivityId == 7401 && p.Status.StartsWith("Batch 2 of 2", StringComparison.Ordinal));
        Assert.Contains(Host.Progress, p => p.ActivityId == 7402 && p.Status.Contains("StatefulSet/db in ns-1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RevisionFault.CrashLoopBackOff, "CrashLoopBackOff")]
    [InlineData(RevisionFault.ImagePullBackOff, "ImagePullBackOff")]
    public async Task A_failing_gate_rolls_the_first_batch_back_and_never_starts_the_others(RevisionFault fault, string reason)
    {
        await SeedAsync();
        Server.Controllers.FailRevision("b", fault);

        var (_, report) = await MoveAsync(Request(batchSize: 1));

        Assert.NotNull(report.Error);
        Assert.Equal("WorkloadMoveRolledBack", report.Error!.ErrorId);
        Assert.Contains(reason, report.Error.Message, StringComparison.Ordinal);
        Assert.Contains("in ns-1", report.Error.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { WorkloadMoveOutcome.RolledBack, WorkloadMoveOutcome.Skipped, WorkloadMoveOutcome.Skipped }, report.Results.Select(r => r.Outcome));
        Assert.Contains("not started", report.Results[2].Message, StringComparison.Ordinal);
        // a serves every namespace again: labels restored, ns-1's workloads restarted onto a, the others never touched.
        foreach (var ns in Namespaces)
        {
            Assert.Equal("a", RevisionLabel(ns));
            Assert.All(WorkloadPods(ns), p => Assert.True(p.Revision == "a" && p.Ready, $"{ns}/{p.Pod} on {p.Revision}, ready {p.Ready}"));
        }
        Assert.Equal(2, Server.RequestLog.Count("patch", "namespaces"));
    }

    [Fact]
    public async Task A_gate_that_times_out_names_the_workload_and_its_events()
    {
        await SeedAsync();
        Server.Controllers.FailRevision("b", RevisionFault.Unready);

        var (_, report) = await MoveAsync(Request(batchSize: 3, timeoutSeconds: 1.5));

        Assert.Equal("WorkloadMoveRolledBack", report.Error?.ErrorId);
        Assert.Contains("Readiness probe failed", report.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("Deployment/web in ns-", report.Error.Message, StringComparison.Ordinal);
        Assert.All(report.Results, r => Assert.Equal(WorkloadMoveOutcome.RolledBack, r.Outcome));
        Assert.All(Namespaces.SelectMany(WorkloadPods), p => Assert.Equal("a", p.Revision));
    }

    [Fact]
    public async Task An_injector_that_cannot_be_called_fails_the_gate_with_the_FailedCreate_event()
    {
        await SeedAsync();
        Server.Controllers.FailRevision("b", RevisionFault.InjectionFailed);

        var (_, report) = await MoveAsync(Request(batchSize: 1, timeoutSeconds: 1.5));

        Assert.Equal("WorkloadMoveRolledBack", report.Error?.ErrorId);
        Assert.Contains("event FailedCreate on ReplicaSet/web-", report.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("failed calling webhook", report.Error.Message, StringComparison.Ordinal);
        Assert.Equal(WorkloadMoveOutcome.RolledBack, report.Results[0].Outcome);
        await CanaryCluster.WaitReadyAsync(Server, Namespaces, PodsPerNamespace * 3 + 1, "a");
    }

    [Fact]
    public async Task To_a_tag_labels_namespaces_with_the_tag_and_restarts_DaemonSets_too()
    {
        await SeedAsync();
        SeedTag("canary", "b");
        CanaryCluster.SeedWorkload(Server, "DaemonSet", "ns-3", "agent");
        await CanaryCluster.WaitReadyAsync(Server, new[] { "ns-3" }, PodsPerNamespace + 1, "a");

        var (plan, report) = await MoveAsync(Request(batchSize: 3) with { To = "canary", Namespaces = new[] { "ns-3" } });

        Assert.Null(report.Error);
        Assert.Equal("b", plan.ToRevision);
        Assert.Contains(new MoveWorkload("DaemonSet", "ns-3", "agent"), plan.Namespaces[0].Workloads.Select(w => new MoveWorkload(w.Kind, w.Namespace, w.Name)));
        Assert.Equal("canary", RevisionLabel("ns-3"));
        Assert.All(WorkloadPods("ns-3"), p => Assert.True(p.Revision == "b" && p.Ready, $"{p.Pod} on {p.Revision}"));
        Assert.Equal(1, Server.RequestLog.Count("patch", "daemonsets"));
    }

    [Fact]
    public async Task An_interrupted_move_resumes_skipping_what_is_already_on_the_new_revision()
    {
        await SeedAsync();
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MoveAsync(Request(batchSize: 1), _ => cancel.Cancel(), cancel.Token));
        Assert.Equal("b", RevisionLabel("ns-1"));
        Assert.Equal("a", RevisionLabel("ns-2"));
        // Interrupted inside the next batch: ns-2 relabelled, nothing restarted yet.
        CanaryCluster.SeedNamespace(Server, "ns-2", "b");

        Server.RequestLog.Clear();
        var (plan, report) = await MoveAsync(Request(batchSize: 1));

        Assert.Null(report.Error);
        // ns-1 is wholly on b, so no longer part of the move; ns-2 needs only its restarts.
        Assert.Equal(new[] { ("ns-2", WorkloadMoveOutcome.Moved), ("ns-3", WorkloadMoveOutcome.Moved) }, report.Results.Select(r => (r.Namespace, r.Outcome)));
        Assert.Null(plan.Namespaces[0].Relabel);
        Assert.Equal(3, plan.Namespaces[0].Workloads.Count);
        Assert.Equal(1, Server.RequestLog.Count("patch", "namespaces"));
        Assert.Equal(4, Server.RequestLog.Count("patch", "deployments"));
        Assert.All(Namespaces.SelectMany(WorkloadPods), p => Assert.Equal("b", p.Revision));

        // Once all is on b, a third run has nothing to do.
        // (ns-2 stays in view while its bare pod runs a's sidecar, with nothing to do.)
        var (again, _) = await MoveAsync(Request());
        Assert.All(again.Namespaces, n => Assert.Equal(0, n.Batch));
        Assert.Equal(new[] { "bare" }, again.Namespaces.Single().UnownedPods);
        // Named explicitly, they are reported as skipped.
        var (named, result) = await MoveAsync(Request() with { Namespaces = Namespaces });
        Assert.All(result.Results, r => Assert.Equal(WorkloadMoveOutcome.Skipped, r.Outcome));
        Assert.Contains("already on revision 'b'", result.Results[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_tag_the_tag_moves_and_namespace_labels_stay()
    {
        await SeedAsync(label: "stable");

        var (_, report) = await MoveAsync(Request(batchSize: 2, tag: "stable"));

        Assert.Null(report.Error);
        Assert.All(report.Results, r => Assert.Equal(WorkloadMoveOutcome.Moved, r.Outcome));
        Assert.Equal("b", Server.Objects.Get("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", null, "istio-revision-tag-stable").Str("metadata", "labels", MeshLabels.Revision));
        foreach (var ns in Namespaces)
        {
            Assert.Equal("stable", RevisionLabel(ns));
            Assert.All(WorkloadPods(ns), p => Assert.Equal("b", p.Revision));
        }
    }

    [Fact]
    public async Task With_a_tag_a_failing_gate_points_the_tag_back()
    {
        CanaryCluster.SeedRevision(Server, "a", "1.18.5");
        CanaryCluster.SeedRevision(Server, "b", "1.18.6");
        SeedTag("stable", "a");
        foreach (var ns in Namespaces)
        {
            CanaryCluster.SeedNamespace(Server, ns, "stable");
            CanaryCluster.SeedWorkload(Server, "Deployment", ns, "web", replicas: 2);
        }
        await CanaryCluster.WaitReadyAsync(Server, Namespaces, 6, "a");
        Server.Controllers.FailRevision("b", RevisionFault.ImagePullBackOff);

        var (_, report) = await MoveAsync(Request(batchSize: 1, tag: "stable"));

        Assert.Equal("WorkloadMoveRolledBack", report.Error?.ErrorId);
        Assert.Equal(new[] { WorkloadMoveOutcome.RolledBack, WorkloadMoveOutcome.Skipped, WorkloadMoveOutcome.Skipped }, report.Results.Select(r => r.Outcome));
        Assert.Equal("a", Server.Objects.Get("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", null, "istio-revision-tag-stable").Str("metadata", "labels", MeshLabels.Revision));
        Assert.All(Namespaces.SelectMany(WorkloadPods), p => Assert.True(p.Revision == "a" && p.Ready));
    }

    [Fact]
    public async Task Plan_names_skipped_and_missing_namespaces()
    {
        await SeedAsync();
        CanaryCluster.SeedNamespace(Server, "elsewhere", null);
        using var cluster = new MeshCluster(Connect());
        var plan = await new WorkloadMovePlanner(cluster, Host).PlanAsync(
            Request() with { Namespaces = new[] { "ns-1", "elsewhere", "nope" } }, default);
        Assert.Equal(new[] { "nope" }, plan.MissingNamespaces);
        Assert.Equal(1, plan.Namespaces.Single(n => n.Namespace == "ns-1").Batch);
        Assert.Equal("no revision injects it", plan.Namespaces.Single(n => n.Namespace == "elsewhere").SkipReason);
        // A tag as -From selects the namespaces that use the tag, not every namespace of its revision.
        SeedTag("stable", "a");
        CanaryCluster.SeedNamespace(Server, "tagged", "stable");
        var byTag = await new WorkloadMovePlanner(cluster, Host).PlanAsync(Request() with { From = "stable" }, default);
        Assert.Equal(new[] { "tagged" }, byTag.Namespaces.Select(n => n.Namespace));
        var error = await Assert.ThrowsAsync<MeshException>(() => new WorkloadMovePlanner(cluster, Host).PlanAsync(Request() with { To = "c" }, default));
        Assert.Equal("RevisionNotFound", error.ErrorId);
    }

    [Fact]
    public async Task Reader_maps_pods_to_workloads_with_revision_proxy_version_and_staleness()
    {
        await SeedAsync();
        CanaryCluster.SeedNamespace(Server, "ns-1", "b");
        CanaryCluster.SeedWorkload(Server, "DaemonSet", "ns-3", "agent");
        await CanaryCluster.WaitReadyAsync(Server, new[] { "ns-3" }, PodsPerNamespace + 1, "a");
        using var cluster = new MeshCluster(Connect());
        var targets = await InjectionTargets.LoadAsync(cluster, default);
        Server.RequestLog.Clear();

        var snapshot = await new WorkloadReader(cluster).ReadAsync(null, targets, default);

        Assert.Equal(2, Server.RequestLog.Count("list", "*") - Server.RequestLog.Count("list", "namespaces"));
        var ns1 = snapshot.Pods.Where(p => p.Namespace == "ns-1").ToList();
        Assert.Equal(new[] { "Deployment/api", "Deployment/web", "Deployment/web", "StatefulSet/db" }, ns1.Select(p => p.Workload));
        Assert.All(ns1, p =>
        {
            Assert.Equal("a", p.InjectedRevision);
            Assert.Equal("1.18.5", p.ProxyVersion);
            Assert.Equal("b", p.NamespaceRevision);
            Assert.True(p.OutOfDate);
            Assert.True(p.Ready);
        });
        Assert.All(snapshot.Pods.Where(p => p.Namespace == "ns-3"), p => Assert.False(p.OutOfDate));
        Assert.Contains(snapshot.Pods, p => p.Workload == "DaemonSet/agent");
        var bare = snapshot.Pods.Single(p => p.Name == "bare");
        Assert.Null(bare.Workload);
    }
}
