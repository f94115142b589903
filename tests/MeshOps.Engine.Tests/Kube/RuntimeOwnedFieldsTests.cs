using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class RuntimeOwnedFieldsTests
{
    private static readonly HashSet<string> TakeOver = ["istio-operator", "helm"];

    private static JsonObject Body(string kind) => JsonNode.Parse("""
        {"apiVersion":"admissionregistration.k8s.io/v1","kind":"KIND","metadata":{"name":"w"},
         "webhooks":[{"name":"a.istio.io","clientConfig":{"service":{"name":"istiod"},"caBundle":"Q0hBUlQ="},"failurePolicy":"Ignore"},
                     {"name":"b.istio.io","clientConfig":{"service":{"name":"istiod"},"caBundle":"Q0hBUlQ="},"failurePolicy":"Ignore"}]}
        """.Replace("KIND", kind))!.AsObject();

    /// <summary>A live object whose webhook a.istio.io has caBundle and failurePolicy under <paramref name="manager"/>.</summary>
    private static JsonObject Live(string kind, string manager) => JsonNode.Parse("""
        {"apiVersion":"admissionregistration.k8s.io/v1","kind":"KIND","metadata":{"name":"w","managedFields":[
          {"manager":"meshops","operation":"Apply","apiVersion":"admissionregistration.k8s.io/v1","fieldsType":"FieldsV1",
           "fieldsV1":{"f:webhooks":{"k:{\"name\":\"a.istio.io\"}":{".":{},"f:name":{}},"k:{\"name\":\"b.istio.io\"}":{".":{},"f:name":{},"f:failurePolicy":{},"f:clientConfig":{"f:caBundle":{}}}}}},
          {"manager":"MANAGER","operation":"Update","apiVersion":"admissionregistration.k8s.io/v1","fieldsType":"FieldsV1",
           "fieldsV1":{"f:webhooks":{"k:{\"name\":\"a.istio.io\"}":{"f:failurePolicy":{},"f:clientConfig":{"f:caBundle":{}}}}}}]},
         "webhooks":[]}
        """.Replace("KIND", kind).Replace("MANAGER", manager))!.AsObject();

    [Fact]
    public void AValidatorLeavesIstiodsCaBundleAndFailurePolicyOutOnlyWhereIstiodOwnsThem()
    {
        var body = Body("ValidatingWebhookConfiguration");
        var result = RuntimeOwnedFields.LeaveToOwners(body, Live("ValidatingWebhookConfiguration", "pilot-discovery"), "meshops", TakeOver, out var left);
        var a = result["webhooks"]![0]!;
        Assert.Null(a["failurePolicy"]);
        Assert.Null(a["clientConfig"]!["caBundle"]);
        Assert.NotNull(a["clientConfig"]!["service"]);
        var b = result["webhooks"]![1]!;
        Assert.Equal("Ignore", (string?)b["failurePolicy"]);
        Assert.Equal("Q0hBUlQ=", (string?)b["clientConfig"]!["caBundle"]);
        Assert.Equal(["webhooks[a.istio.io].clientConfig.caBundle (pilot-discovery)", "webhooks[a.istio.io].failurePolicy (pilot-discovery)"], left);
        Assert.Equal("Ignore", (string?)body["webhooks"]![0]!["failurePolicy"]); // the caller's body is not changed
    }

    [Fact]
    public void AnInjectorLeavesOnlyTheCaBundle()
    {
        var result = RuntimeOwnedFields.LeaveToOwners(Body("MutatingWebhookConfiguration"), Live("MutatingWebhookConfiguration", "pilot-discovery"), "meshops", TakeOver, out var left);
        Assert.Null(result["webhooks"]![0]!["clientConfig"]!["caBundle"]);
        Assert.Equal("Ignore", (string?)result["webhooks"]![0]!["failurePolicy"]);
        Assert.Single(left);
    }

    [Theory]
    [InlineData("helm")]
    [InlineData("meshops")]
    public void FieldsOfTakeOverManagersOrOursAreApplied(string manager)
    {
        var body = Body("ValidatingWebhookConfiguration");
        var result = RuntimeOwnedFields.LeaveToOwners(body, Live("ValidatingWebhookConfiguration", manager), "meshops", TakeOver, out var left);
        Assert.Same(body, result);
        Assert.Empty(left);
    }

    [Fact]
    public void OtherKindsAreApplied()
    {
        var body = Body("ValidatingWebhookConfiguration");
        body["apiVersion"] = "example.com/v1";
        Assert.Same(body, RuntimeOwnedFields.LeaveToOwners(body, Live("ValidatingWebhookConfiguration", "pilot-discovery"), "meshops", TakeOver, out _));
    }
}
