using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class ManifestObjectTests
{
    private static Dictionary<string, object?> Map(params (string, object?)[] entries)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) d[k] = v;
        return d;
    }

    [Fact]
    public void FromGoValuesReadsIdentityLabelsAndBody()
    {
        var doc = Map(("apiVersion", "apps/v1"), ("kind", "Deployment"),
            ("metadata", Map(("name", "istiod"), ("namespace", "istio-system"), ("labels", Map(("app", "istiod"))))),
            ("spec", Map(("replicas", 2), ("big", 5_000_000_000L), ("ratio", 0.5), ("whole", 3.0), ("on", true), ("none", null),
                ("list", new List<object?> { "a", 1 }))));
        var o = ManifestObject.FromGoValues(doc, "deployment.yaml");
        Assert.Equal(("apps", "v1", "Deployment", "istiod", "istio-system"), (o.Group, o.Version, o.Kind, o.Name, o.Namespace));
        Assert.Equal("istiod", o.Labels["app"]);
        Assert.Equal("Deployment istio-system/istiod", o.DisplayName);
        Assert.Equal("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"istiod","namespace":"istio-system","labels":{"app":"istiod"}},"spec":{"replicas":2,"big":5000000000,"ratio":0.5,"whole":3,"on":true,"none":null,"list":["a",1]}}""", o.ToJson());
    }

    [Fact]
    public void CoreGroupHasEmptyGroup()
    {
        var o = ManifestObject.FromJson("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""");
        Assert.Equal("", o.Group);
        Assert.Equal("v1", o.Version);
        Assert.Null(o.Namespace);
    }

    [Theory]
    [InlineData("""{"kind":"ConfigMap","metadata":{"name":"c"}}""", "apiVersion")]
    [InlineData("""{"apiVersion":"v1","metadata":{"name":"c"}}""", "kind")]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap"}""", "metadata")]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}""", "name")]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":1}}}""", "labels.a")]
    [InlineData("""[1]""", "not a JSON object")]
    [InlineData("""{nope""", "not valid JSON")]
    public void InvalidObjectsFailWithManifestObjectInvalid(string json, string mention)
    {
        var e = Assert.Throws<MeshException>(() => ManifestObject.FromJson(json, "x.yaml"));
        Assert.Equal("ManifestObjectInvalid", e.ErrorId);
        Assert.Contains(mention, e.Message);
        Assert.Contains("x.yaml", e.Message);
    }

    [Fact]
    public void UnsupportedGoValuesAreRejectedWithTheirPath()
    {
        var doc = Map(("apiVersion", "v1"), ("kind", "ConfigMap"), ("metadata", Map(("name", "c"))), ("data", Map(("x", new object()))));
        var e = Assert.Throws<MeshException>(() => ManifestObject.FromGoValues(doc));
        Assert.Contains(".data.x", e.Message);
    }
}
