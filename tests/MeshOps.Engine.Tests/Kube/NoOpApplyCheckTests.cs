using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;
using Verdict = MeshOps.Engine.Kube.NoOpApplyCheck.Verdict;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// The verdicts on live objects written as the API server keeps them (managedFields in FieldsV1, server-filled
/// metadata and defaults): NoOp only when applying surely changes nothing.
/// </summary>
public class NoOpApplyCheckTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    private const string ConfigMapBody = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns","labels":{"app":"istiod","meshops.io/revision":"canary"}},"data":{"key":"v1"}}
        """;

    private static JsonObject ConfigMapLive(string value = "v1", string fields = """{"f:data":{".":{},"f:key":{}},"f:metadata":{"f:labels":{".":{},"f:app":{},"f:meshops.io/revision":{}}}}""") => J("""
        {"apiVersion":"v1","kind":"ConfigMap",
         "metadata":{"name":"cm","namespace":"ns","uid":"u-1","resourceVersion":"41","creationTimestamp":"2024-01-01T00:00:00Z",
          "labels":{"app":"istiod","meshops.io/revision":"canary","team":"added-by-someone-else"},
          "managedFields":[
           {"manager":"meshops","operation":"Apply","apiVersion":"v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":@FIELDS@},
           {"manager":"kubectl-label","operation":"Update","apiVersion":"v1","time":"2024-01-02T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:team":{}}}}}]},
         "data":{"key":"@VALUE@"}}
        """.Replace("@FIELDS@", fields).Replace("@VALUE@", value));

    [Fact]
    public void TheSameBodyOverServerFilledMetadataAndOtherManagersFieldsIsANoOp() =>
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(J(ConfigMapBody), ConfigMapLive(), "meshops"));

    [Fact]
    public void APlainValueThatDiffersIsChanged() =>
        Assert.Equal(Verdict.Changed, NoOpApplyCheck.Check(J(ConfigMapBody), ConfigMapLive(value: "v0"), "meshops"));

    [Fact]
    public void AFieldTheBodyAddsOrDropsIsUnknown()
    {
        var added = J(ConfigMapBody);
        added["data"]!["other"] = "x";
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(added, ConfigMapLive(), "meshops"));
        var dropped = J(ConfigMapBody);
        ((JsonObject)dropped["metadata"]!["labels"]!).Remove("app");
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(dropped, ConfigMapLive(), "meshops"));
    }

    [Fact]
    public void WithoutOurOwnApplyEntryForTheSameApiVersionItIsUnknown()
    {
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(J(ConfigMapBody), ConfigMapLive(), "someone-else"));
        var update = ConfigMapLive();
        update["metadata"]!["managedFields"]![0]!["operation"] = "Update";
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(J(ConfigMapBody), update, "meshops"));
        var otherVersion = ConfigMapLive();
        otherVersion["metadata"]!["managedFields"]![0]!["apiVersion"] = "v2";
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(J(ConfigMapBody), otherVersion, "meshops"));
    }

    [Fact]
    public void NullsAndStatusInTheBodyAreLeftToTheServer()
    {
        var withNull = J(ConfigMapBody);
        withNull["data"]!["key"] = null;
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(withNull, ConfigMapLive(), "meshops"));
        var withStatus = J(ConfigMapBody);
        withStatus["status"] = new JsonObject();
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(withStatus, ConfigMapLive(), "meshops"));
    }

    [Fact]
    public void ANullWhereTheLiveObjectHasNothingIsANoOpWhetherOwnedOrNot()
    {
        // Rendered charts hold nulls (metadata.annotations: null in the gateways): stored as nothing, so applying them again changes nothing.
        var withNull = J(ConfigMapBody);
        withNull["metadata"]!["annotations"] = null;
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(withNull, ConfigMapLive(), "meshops"));
        var owned = """{"f:data":{".":{},"f:key":{}},"f:metadata":{"f:annotations":{},"f:labels":{".":{},"f:app":{},"f:meshops.io/revision":{}}}}""";
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(withNull, ConfigMapLive(fields: owned), "meshops"));
        // A null over a value someone keeps there: the server decides.
        var live = ConfigMapLive();
        live["metadata"]!["annotations"] = new JsonObject { ["note"] = "kept" };
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(withNull, live, "meshops"));
        var ownedLive = ConfigMapLive(fields: owned);
        ownedLive["metadata"]!["annotations"] = new JsonObject { ["note"] = "kept" };
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(withNull, ownedLive, "meshops"));
    }

    private const string DeploymentBody = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"istiod","namespace":"ns","labels":{"app":"istiod"}},
         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"istiod"}},
          "template":{"metadata":{"labels":{"app":"istiod"}},"spec":{"containers":[
           {"name":"discovery","image":"istio/pilot:1.18.5","ports":[{"containerPort":8080},{"containerPort":15010,"protocol":"TCP"}],
            "resources":{"requests":{"cpu":"500m","memory":"2048Mi"}}},
           {"name":"sidecar","image":"busybox:1"}]}}}}
        """;

    // As the API server stores it: defaults filled in (protocol, imagePullPolicy, strategy, ...), the selector atomic,
    // containers keyed by name and ports by containerPort and protocol.
    private static JsonObject DeploymentLive(string image = "istio/pilot:1.18.5", string cpu = "500m") => J("""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"istiod","namespace":"ns","uid":"u-2","resourceVersion":"77","generation":3,"labels":{"app":"istiod"},
          "annotations":{"deployment.kubernetes.io/revision":"3"},
          "managedFields":[{"manager":"meshops","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":
           {"f:metadata":{"f:labels":{"f:app":{}}},
            "f:spec":{"f:replicas":{},"f:selector":{},
             "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{
              "k:{\"name\":\"discovery\"}":{".":{},"f:image":{},"f:name":{},
               "f:ports":{"k:{\"containerPort\":8080,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}},
                          "k:{\"containerPort\":15010,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},
               "f:resources":{"f:requests":{"f:cpu":{},"f:memory":{}}}},
              "k:{\"name\":\"sidecar\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}]},
         "spec":{"replicas":1,"revisionHistoryLimit":10,"progressDeadlineSeconds":600,"selector":{"matchLabels":{"app":"istiod"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
          "template":{"metadata":{"labels":{"app":"istiod"}},"spec":{"restartPolicy":"Always","containers":[
           {"name":"discovery","image":"@IMAGE@","imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log",
            "ports":[{"containerPort":8080,"protocol":"TCP"},{"containerPort":15010,"protocol":"TCP"}],
            "resources":{"requests":{"cpu":"@CPU@","memory":"2Gi"}}},
           {"name":"sidecar","image":"busybox:1","imagePullPolicy":"IfNotPresent"}]}}},
         "status":{"observedGeneration":3,"replicas":1,"updatedReplicas":1,"availableReplicas":1}}
        """.Replace("@IMAGE@", image).Replace("@CPU@", cpu));

    [Fact]
    public void KeyedListsPairByKeyIncludingTheDefaultedProtocol()
    {
        // memory 2048Mi is stored as 2Gi (the server's canonical form): the same value, so applying stores 2Gi again.
        var body = J(DeploymentBody);
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(body, DeploymentLive(), "meshops"));
        body["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["requests"]!["memory"] = "2Gi";
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(body, DeploymentLive(), "meshops"));
        Assert.Equal(Verdict.Changed, NoOpApplyCheck.Check(body, DeploymentLive(image: "istio/pilot:1.18.4"), "meshops"));
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(body, DeploymentLive(cpu: "0.5"), "meshops"));
        Assert.Equal(Verdict.Changed, NoOpApplyCheck.Check(body, DeploymentLive(cpu: "1"), "meshops"));
    }

    [Theory]
    [InlineData("requests", "2048Mi", "2Gi", "NoOp")]
    [InlineData("limits", "2000m", "2", "NoOp")]
    [InlineData("limits", "0.5", "500m", "NoOp")]
    [InlineData("requests", "1e3", "1k", "NoOp")]
    [InlineData("requests", "1.5Gi", "1536Mi", "NoOp")]
    [InlineData("requests", "1Gi", "1G", "Changed")]
    // Outside resource quantities the server keeps the text: a label "1000m" is not "1" (left to the server, as before).
    [InlineData("labels", "1000m", "1", "Unknown")]
    public void QuantitiesCompareByValueOnlyWhereTheServerStoresThemCanonically(string parent, string desired, string live, string expected)
    {
        var body = J("""{"apiVersion":"v1","kind":"X","metadata":{"name":"x"},"spec":{"@P@":{"cpu":"@D@"}}}""".Replace("@P@", parent).Replace("@D@", desired));
        var liveObject = J("""
            {"apiVersion":"v1","kind":"X","metadata":{"name":"x","managedFields":[{"manager":"meshops","operation":"Apply","apiVersion":"v1","fieldsV1":{"f:spec":{"f:@P@":{"f:cpu":{}}}}}]},
             "spec":{"@P@":{"cpu":"@L@"}}}
            """.Replace("@P@", parent).Replace("@L@", live));
        Assert.Equal(Enum.Parse<Verdict>(expected), NoOpApplyCheck.Check(body, liveObject, "meshops"));
    }

    [Fact]
    public void ReorderedOrUnpairedListItemsAreUnknown()
    {
        var swapped = J(DeploymentBody);
        var containers = swapped["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        var first = containers[0]!;
        containers.RemoveAt(0);
        containers.Add(first);
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(swapped, DeploymentLive(), "meshops"));

        var renamed = J(DeploymentBody);
        renamed["spec"]!["template"]!["spec"]!["containers"]![1]!["name"] = "other";
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(renamed, DeploymentLive(), "meshops"));
    }

    [Fact]
    public void AnAtomicValueMustMatchWhole()
    {
        var body = J(DeploymentBody);
        body["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["requests"]!["memory"] = "2Gi";
        body["spec"]!["selector"]!["matchLabels"]!["extra"] = "x";
        // The selector is owned whole ("f:selector": {}): a different map cannot be paired field by field.
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(body, DeploymentLive(), "meshops"));
    }

    [Theory]
    // A real API server fills in rules[].scope "*" (SetDefaults_Rule): applying the body again gets the same default.
    [InlineData(",\"scope\":\"*\"", "NoOp")]
    // Any other value there was set by someone: applying without it would reset it, so the server decides.
    [InlineData(",\"scope\":\"Namespaced\"", "Unknown")]
    // A field no default explains.
    [InlineData(",\"other\":\"x\"", "Unknown")]
    public void ServerDefaultsInsideAnAtomicListAreNoOpOnlyWithTheDefaultValue(string liveExtra, string expected)
    {
        var body = J("""
            {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration","metadata":{"name":"v"},
             "webhooks":[{"name":"w.istio.io","rules":[{"apiGroups":["*"],"apiVersions":["*"],"operations":["CREATE"],"resources":["*"]}]}]}
            """);
        var live = J("""
            {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration",
             "metadata":{"name":"v","managedFields":[{"manager":"meshops","operation":"Apply","apiVersion":"admissionregistration.k8s.io/v1","fieldsType":"FieldsV1",
              "fieldsV1":{"f:webhooks":{"k:{\"name\":\"w.istio.io\"}":{".":{},"f:name":{},"f:rules":{}}}}}]},
             "webhooks":[{"name":"w.istio.io","timeoutSeconds":10,"matchPolicy":"Equivalent","rules":[{"apiGroups":["*"],"apiVersions":["*"],"operations":["CREATE"],"resources":["*"]@EXTRA@}]}]}
            """.Replace("@EXTRA@", liveExtra));
        Assert.Equal(Enum.Parse<Verdict>(expected), NoOpApplyCheck.Check(body, live, "meshops"));
    }

    [Fact]
    public void DefaultsInsideAtomicEnvFieldReferencesAndProjectedTokensAreNoOp()
    {
        const string container = """
            "containers":[{"name":"c","env":[{"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"@REF@}}}]}],
            "volumes":[{"name":"t","projected":{"sources":[{"serviceAccountToken":{"audience":"istio-ca","path":"istio-token"@TOKEN@}}]}}]
            """;
        var body = J("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{""" +
            container.Replace("@REF@", "").Replace("@TOKEN@", "") + "}}}}");
        var live = J("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","managedFields":[{"manager":"meshops","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1",
              "fieldsV1":{"f:spec":{"f:template":{"f:spec":{
                "f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:name":{},"f:env":{"k:{\"name\":\"POD\"}":{".":{},"f:name":{},"f:valueFrom":{"f:fieldRef":{}}}}}},
                "f:volumes":{"k:{\"name\":\"t\"}":{".":{},"f:name":{},"f:projected":{"f:sources":{}}}}}}}}}]},
             "spec":{"template":{"spec":{
            """ + container.Replace("@REF@", ",\"apiVersion\":\"v1\"").Replace("@TOKEN@", ",\"expirationSeconds\":3600") + "}}}}");
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(body, live, "meshops"));
    }

    [Fact]
    public void SetsCompareByValueInOrder()
    {
        var body = J("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","finalizers":["a/x","b/y"]}}""");
        JsonObject Live(string finalizers) => J("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","finalizers":@FINALIZERS@,
             "managedFields":[{"manager":"meshops","operation":"Apply","apiVersion":"v1","fieldsV1":{"f:metadata":{"f:finalizers":{".":{},"v:\"a/x\"":{},"v:\"b/y\"":{}}}}}]}}
            """.Replace("@FINALIZERS@", finalizers));
        Assert.Equal(Verdict.NoOp, NoOpApplyCheck.Check(body, Live("""["a/x","b/y"]"""), "meshops"));
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(body, Live("""["b/y","a/x"]"""), "meshops"));
        Assert.Equal(Verdict.Unknown, NoOpApplyCheck.Check(body, Live("""["a/x"]"""), "meshops"));
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("1", "1", true)]
    [InlineData("1", "2", false)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("{\"a\":1,\"b\":[true,null]}", "{\"b\":[true,null],\"a\":1}", true)]
    [InlineData("[1,2]", "[2,1]", false)]
    public void ValuesCompareAsJson(string a, string b, bool equal) =>
        Assert.Equal(equal, NoOpApplyCheck.ValueEquals(JsonNode.Parse(a), JsonNode.Parse(b)));
}
