using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>values.schema.json failures worded as Helm 4 (santhosh-tekuri/jsonschema v6) words them.</summary>
public class SchemaParityTests
{
    private const string Schema = """
        {"type":"object","additionalProperties":false,
         "properties":{"name":{"type":"string","minLength":2,"pattern":"^[a-z]+$"},"replicas":{"type":"integer","minimum":1,"maximum":9},
           "mode":{"enum":["a","b"]},"one":{"const":"x"},"ports":{"type":"array","items":{"type":"integer"},"maxItems":2,"uniqueItems":true},
           "nested":{"type":"object","required":["a","b"],"properties":{"a":{"type":["string","null"]},"b":{"$ref":"#/$defs/pos"}}},
           "alt":{"anyOf":[{"type":"string"},{"type":"boolean"}]},
           "sub":{"type":"object","additionalProperties":{"type":"integer"}},
           "all":{"allOf":[{"type":"string"},{"minLength":3}]},"one":{"oneOf":[{"type":"number"},{"type":"integer"}]},
           "no":{"not":{"type":"string"}},"never":false},
         "$defs":{"pos":{"type":"number","exclusiveMinimum":0}}}
        """;

    [HelmTheory]
    [InlineData("name=A")]
    [InlineData("name=a")]
    [InlineData("replicas=10")]
    [InlineData("replicas=1.5")]
    [InlineData("one=y")]
    [InlineData("ports={1,1}")]
    [InlineData("ports={1,2,3}")]
    [InlineData("nested.a=x")]
    [InlineData("nested.a=x,nested.b=-2")]
    [InlineData("nested.a=1,nested.b=2")]
    [InlineData("alt=1")]
    [InlineData("sub.k=x")]
    [InlineData("extra1=1")] // one key only: Go visits map keys in random order
    [InlineData("all=ab")]
    [InlineData("one=1")]
    [InlineData("no=x")]
    [InlineData("never=1")]
    [InlineData("name=ok,replicas=3,mode=b,nested.a=null,nested.b=1,alt=true,sub.k=1")]
    public void Schema_errors_match_helm(string set)
    {
        using var c = new TempChart("schema");
        c.Write("values.schema.json", Schema).Write("templates/a.yaml", "x: 1\n");
        string? expected = null;
        try
        {
            expected = HelmBinary.Run(new[] { "template", c.Dir, "--set", set });
        }
        catch (HelmFailedException e)
        {
            expected = e.Stderr;
        }
        string actual;
        try
        {
            actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(c.Dir), SetValuesParser.Parse(set), new RenderOptions()));
        }
        catch (MeshException e) when (e.ErrorId == ChartErrors.SchemaValidationFailed)
        {
            actual = "Error: " + e.Message.TrimEnd('\n');
        }
        Assert.Equal(expected, actual);
    }
}
