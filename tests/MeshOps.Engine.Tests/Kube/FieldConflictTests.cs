using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class FieldConflictTests
{
    [Fact]
    public void ReadsManagersAndFieldsFromTheApiServersConflictStatus()
    {
        // The shape k8s.io/apiserver's NewConflictError produces.
        var status = JsonNode.Parse("""
        {"kind":"Status","status":"Failure","reason":"Conflict","code":409,
         "message":"Apply failed with 2 conflicts: conflicts with \"helm\" using apps/v1:\n- .spec.replicas\nconflicts with \"kubectl-edit\":\n- .metadata.labels.app",
         "details":{"causes":[
           {"reason":"FieldManagerConflict","message":"conflict with \"helm\" using apps/v1","field":".spec.replicas"},
           {"reason":"FieldManagerConflict","message":"conflict with \"kubectl-edit\"","field":".metadata.labels.app"},
           {"reason":"FieldValueInvalid","message":"other","field":"x"}]}}
        """)!.AsObject();
        var conflicts = FieldConflict.FromStatus(status);
        Assert.Equal([new FieldConflict(".spec.replicas", "helm"), new FieldConflict(".metadata.labels.app", "kubectl-edit")], conflicts);
    }

    [Fact]
    public void A409WithoutCausesIsNotAnApplyConflict()
    {
        Assert.Empty(FieldConflict.FromStatus(JsonNode.Parse("""{"reason":"AlreadyExists","code":409}""")!.AsObject()));
        Assert.Empty(FieldConflict.FromStatus(null));
    }

    [Fact]
    public void ManagerNamesWithEscapedQuotesAreUnescaped()
    {
        var status = JsonNode.Parse("""{"details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"we\\\"ird\" at 2024","field":".a"}]}}""")!.AsObject();
        Assert.Equal("we\"ird", FieldConflict.FromStatus(status).Single().Manager);
    }
}
