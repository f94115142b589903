using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using static MeshOps.Engine.Tests.Charts.ValueAssert;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>Cases from Helm's pkg/strvals parser_test.go.</summary>
public class SetValuesParserTests
{
    public static TheoryData<string, object> TypedCases() => new()
    {
        { "name1=null,f=false,t=true", Map(("name1", null), ("f", false), ("t", true)) },
        { "name1=value1,name2=value2,", Map(("name1", "value1"), ("name2", "value2")) },
        { "name1=,name2=value2", Map(("name1", ""), ("name2", "value2")) },
        { "leading_zeros=00009", Map(("leading_zeros", "00009")) },
        { "zero_int=0", Map(("zero_int", 0L)) },
        { "long_int=1234567890", Map(("long_int", 1234567890L)) },
        { "negative=-5", Map(("negative", -5L)) },
        { "float=1.5", Map(("float", "1.5")) },
        { "upper=TRUE,nul=NULL", Map(("upper", true), ("nul", null)) },
        { "name1=one\\,two,name2=three\\,four", Map(("name1", "one,two"), ("name2", "three,four")) },
        { "name1=one\\=two", Map(("name1", "one=two")) },
        { "a\\.b=c", Map(("a.b", "c")) },
        { "name1=one two three", Map(("name1", "one two three")) },
        { "outer.inner1=value,outer.middle.inner=value", Map(("outer", Map(("inner1", "value"), ("middle", Map(("inner", "value")))))) },
        { "name1.name2=", Map(("name1", Map(("name2", "")))) },
        { "name1={value1,value2}", Map(("name1", List("value1", "value2"))) },
        { "name1={1021,902}", Map(("name1", List(1021L, 902L))) },
        { "name1={a,b},name2=c", Map(("name1", List("a", "b")), ("name2", "c")) },
        { "list[0]=foo,list[1]=bar,", Map(("list", List("foo", "bar"))) },
        { "list[0]=foo,list[3]=bar", Map(("list", List("foo", null, null, "bar"))) },
        { "list[0].foo=bar,list[0].hello=world", Map(("list", List(Map(("foo", "bar"), ("hello", "world"))))) },
        { "nested[0][0]=1", Map(("nested", List(List(1L)))) },
        { "a=b,a=c", Map(("a", "c")) },
        { "a[1", Map() },
        { "", Map() },
    };

    [Theory]
    [MemberData(nameof(TypedCases))]
    public void Typed_set_matches_helm(string expression, object expected) =>
        Equal(expected, SetValuesParser.Parse(expression));

    [Theory]
    [InlineData("name1=value1,,,,name2=value2,", "key \"\" has no value (cannot end with ,)")]
    [InlineData("name1,name2=", "key \"name1\" has no value (cannot end with ,)")]
    [InlineData("name1.name2", "key \"name2\" has no value")]
    [InlineData("name1.=name2", "key map \"name1\" has no value")]
    [InlineData("name1={1021,902", "list must terminate with '}'")]
    [InlineData("list[0].foo=bar,list[-30].hello=world", "negative -30 index not allowed")]
    [InlineData("illegal[0]name.foo=bar", "unexpected data at end of array index: \"name\"")]
    [InlineData("list[x]=1", "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("list[65537]=1", "index of 65537 is greater than maximum supported index of 65536")]
    [InlineData("a=1,a.b=2", "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}")]
    [InlineData("a=x,a[0]=2", "unable to parse key: interface conversion: interface {} is string, not []interface {}")]
    public void Bad_set_expressions_fail_with_helms_message(string expression, string message)
    {
        var e = Assert.Throws<MeshException>(() => SetValuesParser.Parse(expression));
        Assert.Equal(ChartErrors.SetSyntaxInvalid, e.ErrorId);
        Assert.Equal("failed parsing --set data: " + message, e.Message);
    }

    [Fact]
    public void Nesting_deeper_than_thirty_levels_is_refused()
    {
        var expr = string.Join(".", Enumerable.Range(0, 32).Select(i => "k" + i)) + "=v";
        var e = Assert.Throws<MeshException>(() => SetValuesParser.Parse(expr));
        Assert.Contains("value name nested level is greater than maximum supported nested level of 30", e.Message);
    }

    [Fact]
    public void Set_string_keeps_every_value_a_string() =>
        Equal(Map(("a", "1"), ("b", "true"), ("c", "null"), ("d", List("0", "x"))),
            SetValuesParser.Parse("a=1,b=true,c=null,d={0,x}", SetValueMode.String));

    [Fact]
    public void Set_json_decodes_json_values() =>
        Equal(Map(("a", Map(("b", List(1.0, "x")))), ("c", null), ("d", true), ("e", 2.5)),
            SetValuesParser.Parse("a={\"b\":[1,\"x\"]},c=,d=true,e=2.5", SetValueMode.Json));

    [Fact]
    public void Set_literal_takes_the_rest_verbatim() =>
        Equal(Map(("a", Map(("b", "x,y=z\\,w")))), SetValuesParser.Parse("a.b=x,y=z\\,w", SetValueMode.Literal));

    [Fact]
    public void Set_file_reads_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "meshops-setfile-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, "line1\nline2");
        try
        {
            Equal(Map(("cert", "line1\nline2")), SetValuesParser.Parse("cert=" + path, SetValueMode.File, File.ReadAllText));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Value_options_merge_in_helms_order()
    {
        var dir = Directory.CreateTempSubdirectory("meshops-values-");
        try
        {
            var file = Path.Combine(dir.FullName, "v.yaml");
            File.WriteAllText(file, "a: 1\nb:\n  c: 2\n---\nb:\n  d: 3\n");
            var options = new HelmValueOptions();
            options.ValueFiles.Add(file);
            options.Values.Add("a=5");
            options.StringValues.Add("a=6");
            options.JsonValues.Add("{\"e\": [1]}");
            Equal(Map(("a", "6"), ("b", Map(("c", 2.0), ("d", 3.0))), ("e", List(1.0))), options.Merge());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_values_file_that_is_not_a_map_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("meshops-values-");
        try
        {
            var file = Path.Combine(dir.FullName, "v.yaml");
            File.WriteAllText(file, "- a\n- b\n");
            var options = new HelmValueOptions();
            options.ValueFiles.Add(file);
            var e = Assert.Throws<MeshException>(() => options.Merge());
            Assert.Equal(ChartErrors.ValuesInvalid, e.ErrorId);
            Assert.StartsWith("failed to parse " + file, e.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
