using System.Net;
using k8s;
using k8s.Models;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class CrudTests : ApiServerTestBase
{
    [Fact]
    public async Task CreateSetsUidCreationTimestampAndResourceVersion()
    {
        var ns = await NewNamespace();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        Assert.False(string.IsNullOrEmpty(cm.Metadata.Uid));
        Assert.NotNull(cm.Metadata.CreationTimestamp);
        Assert.True(long.Parse(cm.Metadata.ResourceVersion) > 0);
        Assert.Equal(ns, cm.Metadata.NamespaceProperty);
        Assert.Equal("v1", cm.ApiVersion);
        Assert.Equal("ConfigMap", cm.Kind);
    }

    [Fact]
    public async Task GetReturnsStoredObject()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["x"] = "1" }), ns);
        var got = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns);
        Assert.Equal("1", got.Data["x"]);
    }

    [Fact]
    public async Task ResourceVersionIsAGlobalIncreasingCounter()
    {
        var ns = await NewNamespace();
        var a = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var b = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), ns);
        Assert.True(long.Parse(b.Metadata.ResourceVersion) > long.Parse(a.Metadata.ResourceVersion));
        a.Data["k"] = "changed";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(a, "a", ns);
        Assert.True(long.Parse(updated.Metadata.ResourceVersion) > long.Parse(b.Metadata.ResourceVersion));
        Assert.Equal(a.Metadata.Uid, updated.Metadata.Uid);
    }

    [Fact]
    public async Task NotFoundHasRealStatusBody()
    {
        var ns = await NewNamespace();
        var (code, status) = await Failure(() => Client.CoreV1.ReadNamespacedConfigMapAsync("missing", ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("Status", status["kind"]!.ToString());
        Assert.Equal("v1", status["apiVersion"]!.ToString());
        Assert.Equal("Failure", status["status"]!.ToString());
        Assert.Equal("configmaps \"missing\" not found", status["message"]!.ToString());
        Assert.Equal("NotFound", status["reason"]!.ToString());
        Assert.Equal("missing", status["details"]!["name"]!.ToString());
        Assert.Equal("configmaps", status["details"]!["kind"]!.ToString());
        Assert.Equal(404, status["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task NotFoundForGroupedResourceNamesTheGroup()
    {
        var ns = await NewNamespace();
        var (_, status) = await Failure(() => Client.AppsV1.ReadNamespacedDeploymentAsync("nope", ns));
        Assert.Equal("deployments.apps \"nope\" not found", status["message"]!.ToString());
        Assert.Equal("apps", status["details"]!["group"]!.ToString());
    }

    [Fact]
    public async Task AlreadyExistsIs409()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns));
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", status["reason"]!.ToString());
        Assert.Equal("configmaps \"a\" already exists", status["message"]!.ToString());
    }

    [Fact]
    public async Task StaleUpdateIs409ConflictWithRealMessage()
    {
        var ns = await NewNamespace();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var stale = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns);
        cm.Data["k"] = "first";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", ns);
        stale.Data["k"] = "second";
        var (code, status) = await Failure(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "a", ns));
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status["reason"]!.ToString());
        Assert.Equal("Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again", status["message"]!.ToString());
    }

    [Fact]
    public async Task UpdateWithoutResourceVersionIsUnconditional()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(ConfigMap("a", new Dictionary<string, string> { ["n"] = "2" }), "a", ns);
        Assert.Equal("2", replaced.Data["n"]);
    }

    [Fact]
    public async Task NamespaceMustExist()
    {
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "no-such-ns"));
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"no-such-ns\" not found", status["message"]!.ToString());
        Assert.Equal("namespaces", status["details"]!["kind"]!.ToString());
    }

    [Fact]
    public async Task InvalidNameIs422WithCauses()
    {
        var ns = await NewNamespace();
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("Bad_Name"), ns));
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", status["reason"]!.ToString());
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain", status["message"]!.ToString());
        Assert.Equal("ConfigMap", status["details"]!["kind"]!.ToString());
        Assert.Equal("metadata.name", status["details"]!["causes"]![0]!["field"]!.ToString());
        Assert.Equal("FieldValueInvalid", status["details"]!["causes"]![0]!["reason"]!.ToString());
    }

    [Fact]
    public async Task MissingNameIs422Required()
    {
        var ns = await NewNamespace();
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta() }, ns));
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("metadata.name: Required value: name or generateName is required", status["message"]!.ToString());
    }

    [Fact]
    public async Task GenerateNameAddsSuffix()
    {
        var ns = await NewNamespace();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns);
        Assert.StartsWith("gen-", cm.Metadata.Name);
        Assert.Equal(9, cm.Metadata.Name.Length);
    }

    [Fact]
    public async Task ClusterScopedCrud()
    {
        var role = new V1ClusterRole { Metadata = new V1ObjectMeta { Name = "system:reader" }, Rules = [new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["pods"] }] };
        var created = await Client.RbacAuthorizationV1.CreateClusterRoleAsync(role);
        Assert.Null(created.Metadata.NamespaceProperty);
        created.Rules[0].Verbs = ["get", "list"];
        var updated = await Client.RbacAuthorizationV1.ReplaceClusterRoleAsync(created, "system:reader");
        Assert.Equal(2, updated.Rules[0].Verbs.Count);
        var list = await Client.RbacAuthorizationV1.ListClusterRoleAsync();
        Assert.Contains(list.Items, r => r.Metadata.Name == "system:reader");
        await Client.RbacAuthorizationV1.DeleteClusterRoleAsync("system:reader");
        await Failure(() => Client.RbacAuthorizationV1.ReadClusterRoleAsync("system:reader"));
    }

    [Fact]
    public async Task GenerationBumpsOnSpecChangesOnly()
    {
        var ns = await NewNamespace();
        Server.Controllers.Enabled = false;
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        Assert.Equal(1, d.Metadata.Generation);
        d.Metadata.Labels = new Dictionary<string, string> { ["x"] = "y" };
        d = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", ns);
        Assert.Equal(1, d.Metadata.Generation);
        d.Spec.Replicas = 3;
        d = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", ns);
        Assert.Equal(2, d.Metadata.Generation);
        d.Status = new V1DeploymentStatus { Replicas = 3, ObservedGeneration = 2 };
        d = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(d, "web", ns);
        Assert.Equal(2, d.Metadata.Generation);
        Assert.Equal(3, d.Status.Replicas);
    }

    [Fact]
    public async Task MainResourceUpdateIgnoresStatusAndStatusUpdateIgnoresSpec()
    {
        var ns = await NewNamespace();
        Server.Controllers.Enabled = false;
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        d.Status = new V1DeploymentStatus { Replicas = 7 };
        d = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", ns);
        Assert.Null(d.Status?.Replicas);
        d.Spec.Replicas = 5;
        d.Status = new V1DeploymentStatus { Replicas = 2 };
        d = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(d, "web", ns);
        Assert.Equal(1, d.Spec.Replicas);
        Assert.Equal(2, d.Status.Replicas);
    }

    [Fact]
    public async Task NoOpUpdateKeepsResourceVersion()
    {
        var ns = await NewNamespace();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var again = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", ns);
        Assert.Equal(cm.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task DeploymentSelectorIsImmutableAndMustMatchTemplate()
    {
        Server.Controllers.Enabled = false;
        var ns = await NewNamespace();
        var bad = Deployment("web");
        bad.Spec.Selector.MatchLabels = new Dictionary<string, string> { ["app"] = "other" };
        var (code, status) = await Failure(() => Client.AppsV1.CreateNamespacedDeploymentAsync(bad, ns));
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("spec.template.metadata.labels", status["message"]!.ToString());
        var d = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        d.Spec.Selector.MatchLabels["tier"] = "x";
        d.Spec.Template.Metadata.Labels["tier"] = "x";
        (code, status) = await Failure(() => Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", ns));
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("field is immutable", status["message"]!.ToString());
        Assert.Equal("spec.selector", status["details"]!["causes"]![0]!["field"]!.ToString());
    }

    [Fact]
    public async Task ServiceGetsClusterIpKeptAcrossUpdatesAndDefaults()
    {
        var ns = await NewNamespace();
        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }], Selector = new Dictionary<string, string> { ["app"] = "web" } },
        }, ns);
        Assert.StartsWith("10.96.", svc.Spec.ClusterIP);
        Assert.Equal("ClusterIP", svc.Spec.Type);
        Assert.Equal("TCP", svc.Spec.Ports[0].Protocol);
        Assert.Equal("80", svc.Spec.Ports[0].TargetPort.Value);
        var replacement = new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 81 }] } };
        var updated = await Client.CoreV1.ReplaceNamespacedServiceAsync(replacement, "web", ns);
        Assert.Equal(svc.Spec.ClusterIP, updated.Spec.ClusterIP);
    }

    [Fact]
    public async Task StoredObjectsCarryTheDefaultsARealServerFillsIn()
    {
        var ns = await NewNamespace();
        var hook = (await Client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration
        {
            Metadata = new V1ObjectMeta { Name = "inject" },
            Webhooks = [new V1MutatingWebhook
            {
                Name = "a.istio.io", SideEffects = "None", AdmissionReviewVersions = ["v1"],
                ClientConfig = new Admissionregistrationv1WebhookClientConfig { Service = new Admissionregistrationv1ServiceReference { Name = "istiod", NamespaceProperty = ns } },
                Rules = [new V1RuleWithOperations { Operations = ["CREATE"], ApiGroups = [""], ApiVersions = ["v1"], Resources = ["pods"] }],
            }],
        })).Webhooks[0];
        Assert.Equal(("Fail", "Equivalent", "Never", 10), (hook.FailurePolicy, hook.MatchPolicy, hook.ReinvocationPolicy, hook.TimeoutSeconds));
        Assert.NotNull(hook.NamespaceSelector);
        Assert.NotNull(hook.ObjectSelector);
        Assert.Equal("*", hook.Rules[0].Scope);
        Assert.Equal(443, hook.ClientConfig.Service.Port);

        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "gw" },
            Spec = new V1ServiceSpec { Type = "LoadBalancer", Ports = [new V1ServicePort { Port = 80, Name = "http" }] },
        }, ns);
        Assert.Equal(("None", "Cluster", "Cluster", "SingleStack", true), (svc.Spec.SessionAffinity, svc.Spec.InternalTrafficPolicy, svc.Spec.ExternalTrafficPolicy, svc.Spec.IpFamilyPolicy, svc.Spec.AllocateLoadBalancerNodePorts));
        Assert.Equal(["IPv4"], svc.Spec.IpFamilies);
        var nodePort = svc.Spec.Ports[0].NodePort;
        Assert.InRange(nodePort ?? 0, 30000, 32767);
        svc.Spec.Ports[0].NodePort = null;
        svc.Metadata.ResourceVersion = null;
        Assert.Equal(nodePort, (await Client.CoreV1.ReplaceNamespacedServiceAsync(svc, "gw", ns)).Spec.Ports[0].NodePort);

        var container = new V1Container
        {
            Name = "c", Image = "istio/proxyv2:1.18.5",
            Env = [new V1EnvVar { Name = "POD", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }],
            Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["memory"] = new("2048Mi"), ["cpu"] = new("2000m") } },
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/ready", Port = 8080 } },
        };
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "d" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "d" } },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "d" } }, Spec = new V1PodSpec { Containers = [container] } },
            },
        }, ns);
        var stored = deployment.Spec.Template.Spec.Containers[0];
        Assert.Equal("v1", stored.Env[0].ValueFrom.FieldRef.ApiVersion);
        Assert.Equal(("2Gi", "2"), (stored.Resources.Requests["memory"].ToString(), stored.Resources.Requests["cpu"].ToString()));
        Assert.Equal((1, 10, 1, 3, "HTTP"), (stored.ReadinessProbe.TimeoutSeconds, stored.ReadinessProbe.PeriodSeconds, stored.ReadinessProbe.SuccessThreshold, stored.ReadinessProbe.FailureThreshold, stored.ReadinessProbe.HttpGet.Scheme));
        Assert.Equal(("25%", "25%"), (deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value, deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value));
    }

    [Fact]
    public async Task AllRequiredBuiltInKindsAreServed()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["a"] = "b" } }, ns);
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "sa" } }, ns);
        await Client.CoreV1.CreateNamespacedEndpointsAsync(new V1Endpoints { Metadata = new V1ObjectMeta { Name = "ep" } }, ns);
        await Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = new V1ObjectMeta { Name = "r" } }, ns);
        await Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding { Metadata = new V1ObjectMeta { Name = "rb" }, RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "r" } }, ns);
        await Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding { Metadata = new V1ObjectMeta { Name = "crb" }, RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "x" } });
        await Client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration { Metadata = new V1ObjectMeta { Name = "m" } });
        await Client.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(new V1ValidatingWebhookConfiguration { Metadata = new V1ObjectMeta { Name = "v" } });
        await Client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler { Metadata = new V1ObjectMeta { Name = "h" }, Spec = new V2HorizontalPodAutoscalerSpec { MaxReplicas = 3, ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = "x", ApiVersion = "apps/v1" } } }, ns);
        await Client.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(new V1PodDisruptionBudget { Metadata = new V1ObjectMeta { Name = "p" } }, ns);
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy { Metadata = new V1ObjectMeta { Name = "np" } }, ns);
        await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease { Metadata = new V1ObjectMeta { Name = "l" } }, ns);
        await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] } }, ns);
        Assert.Single((await Client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns)).Items);
        Assert.Single((await Client.CoordinationV1.ListNamespacedLeaseAsync(ns)).Items);
    }

    [Fact]
    public async Task HpaIsServedAtV2AndV2beta2FromOneStore()
    {
        var ns = await NewNamespace();
        await Client.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(new V2HorizontalPodAutoscaler { Metadata = new V1ObjectMeta { Name = "h" }, Spec = new V2HorizontalPodAutoscalerSpec { MaxReplicas = 3, ScaleTargetRef = new V2CrossVersionObjectReference { Kind = "Deployment", Name = "x" } } }, ns);
        var (code, body) = await Raw(HttpMethod.Get, $"apis/autoscaling/v2beta2/namespaces/{ns}/horizontalpodautoscalers/h");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("autoscaling/v2beta2", body!["apiVersion"]!.ToString());
    }

    [Fact]
    public async Task ListHasResourceVersionAndKind()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var (_, body) = await Raw(HttpMethod.Get, $"api/v1/namespaces/{ns}/configmaps");
        Assert.Equal("ConfigMapList", body!["kind"]!.ToString());
        Assert.True(long.Parse(body["metadata"]!["resourceVersion"]!.ToString()) >= long.Parse(body["items"]![0]!["metadata"]!["resourceVersion"]!.ToString()));
    }

    [Fact]
    public async Task ListAcrossNamespaces()
    {
        var a = await NewNamespace();
        var b = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("x"), a);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("x"), b);
        var all = await Client.CoreV1.ListConfigMapForAllNamespacesAsync();
        Assert.Equal(2, all.Items.Count(c => c.Metadata.Name == "x"));
    }

    [Fact]
    public async Task UnknownResourceIs404()
    {
        var (code, body) = await Raw(HttpMethod.Get, "apis/example.com/v1/widgets");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", body!["reason"]!.ToString());
    }

    [Fact]
    public async Task SeededObjectsAreVisibleThroughTheApi()
    {
        Server.Objects.Seed("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: seeded
              namespace: default
            data:
              a: "1"
            """);
        var cm = await Client.CoreV1.ReadNamespacedConfigMapAsync("seeded", "default");
        Assert.Equal("1", cm.Data["a"]);
        Assert.Equal("1", Server.Objects.Get("v1", "ConfigMap", "default", "seeded")!["data"]!["a"]!.ToString());
    }
}
