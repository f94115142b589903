namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>default/empty/coalesce/ternary, JSON, reflection and arithmetic.</summary>
public class SprigLogicMathTests
{
    [Theory]
    [InlineData("{{ default \"x\" nil }}", "x")]
    [InlineData("{{ default \"x\" \"\" }}", "x")]
    [InlineData("{{ default \"x\" 0 }}", "x")]
    [InlineData("{{ default \"x\" 0.0 }}", "x")]
    [InlineData("{{ default \"x\" false }}", "x")]
    [InlineData("{{ default \"x\" (list) }}", "x")]
    [InlineData("{{ default \"x\" (dict) }}", "x")]
    [InlineData("{{ default \"x\" \"y\" }}", "y")]
    [InlineData("{{ default \"x\" }}", "x")]
    [InlineData("{{ .missing | default \"d\" }}", "d")]
    [InlineData("{{ empty 0 }}", "true")]
    [InlineData("{{ empty \" \" }}", "false")]
    [InlineData("{{ empty nil }}", "true")]
    [InlineData("{{ empty (dict \"a\" 1) }}", "false")]
    [InlineData("{{ ternary \"a\" \"b\" true }}", "a")]
    [InlineData("{{ false | ternary \"a\" \"b\" }}", "b")]
    [InlineData("{{ typeOf 1 }}", "int")]
    [InlineData("{{ typeOf 1.5 }}", "float64")]
    [InlineData("{{ typeOf \"a\" }}", "string")]
    [InlineData("{{ typeOf nil }}", "<nil>")]
    [InlineData("{{ typeOf (dict) }}", "map[string]interface {}")]
    [InlineData("{{ kindOf (list) }}", "slice")]
    [InlineData("{{ kindOf (dict) }}", "map")]
    [InlineData("{{ kindOf 1 }}", "int")]
    [InlineData("{{ kindIs \"string\" \"a\" }}", "true")]
    [InlineData("{{ typeIs \"int\" 1 }}", "true")]
    [InlineData("{{ typeIsLike \"int\" 1 }}", "true")]
    [InlineData("{{ deepEqual (list 1 (dict \"a\" 2)) (list 1 (dict \"a\" 2)) }}", "true")]
    [InlineData("{{ deepEqual 1 1.0 }}", "false")]
    [InlineData("{{ deepEqual (int64 1) 1 }}", "false")]
    [InlineData("{{ add 1 2 3 }}", "6")]
    [InlineData("{{ add }}", "0")]
    [InlineData("{{ add \"1\" 2.9 }}", "3")]
    [InlineData("{{ typeOf (add 1 2) }}", "int64")]
    [InlineData("{{ add1 -1 }}", "0")]
    [InlineData("{{ sub 1 3 }}", "-2")]
    [InlineData("{{ div 7 2 }}", "3")]
    [InlineData("{{ div -7 2 }}", "-3")]
    [InlineData("{{ mod 7 3 }}", "1")]
    [InlineData("{{ mod -7 3 }}", "-1")]
    [InlineData("{{ mul 2 3 4 }}", "24")]
    [InlineData("{{ max 1 \"7\" 3 }}", "7")]
    [InlineData("{{ min 4 -2 3 }}", "-2")]
    [InlineData("{{ maxf 1 2.5 }}", "2.5")]
    [InlineData("{{ minf 1 2.5 -0.5 }}", "-0.5")]
    [InlineData("{{ floor 1.7 }}", "1")]
    [InlineData("{{ ceil 1.2 }}", "2")]
    [InlineData("{{ floor \"-1.5\" }}", "-2")]
    [InlineData("{{ round 3.5 0 }}", "4")]
    [InlineData("{{ round 3.14159 2 }}", "3.14")]
    [InlineData("{{ round 3.145 2 0.4 }}", "3.15")]
    [InlineData("{{ round -1.5 0 }}", "-2")]
    [InlineData("{{ addf 1.1 2.2 }}", "3.3")]
    [InlineData("{{ subf 1.5 2 }}", "-0.5")]
    [InlineData("{{ mulf 1.1 3 }}", "3.3")]
    [InlineData("{{ divf 1 3 }}", "0.3333333333333333")]
    [InlineData("{{ divf 10 4 }}", "2.5")]
    [InlineData("{{ add1f 0.1 }}", "1.1")]
    [InlineData("{{ typeOf (addf 1 2) }}", "float64")]
    public void Logic_and_math_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Integer_division_by_zero_fails_like_go()
    {
        Assert.Equal("runtime error: integer divide by zero", CallFails("div", 1, 0));
        Assert.Equal("runtime error: integer divide by zero", CallFails("mod", 1, 0));
        Assert.Equal("decimal division by zero", CallFails("divf", 1, 0));
    }

    [Fact]
    public void Fail_ends_the_template_with_the_message()
    {
        var e = RenderFails("{{ fail \"stop here\" }}");
        Assert.Contains("stop here", e.Message);
    }

    [Fact]
    public void Ternary_needs_a_bool()
    {
        Assert.Equal("wrong type for value; expected bool; got string", CallFails("ternary", 1, 2, "true"));
    }

    [Theory]
    [InlineData("{{ dict \"b\" 1 \"a\" (list 1.5 \"x\" nil) | toJson }}", "{\"a\":[1.5,\"x\",null],\"b\":1}")]
    [InlineData("{{ \"<a&b>\" | toJson }}", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("{{ \"<a&b>\" | toRawJson }}", "\"<a&b>\"")]
    [InlineData("{{ dict \"a\" 1 | toPrettyJson }}", "{\n  \"a\": 1\n}")]
    [InlineData("{{ (fromJson \"{\\\"a\\\":1}\").a }}", "1")]
    [InlineData("{{ fromJson \"[1,2]\" | len }}", "1")]
    [InlineData("{{ (fromJson \"{bad\").Error }}", "invalid character 'b' looking for beginning of object key string")]
    [InlineData("{{ fromJsonArray \"[1,\\\"a\\\"]\" }}", "[1 a]")]
    [InlineData("{{ fromJsonArray \"{}\" }}", "[json: cannot unmarshal object into Go value of type []interface {}]")]
    [InlineData("{{ (mustFromJson \"[1]\") }}", "[1]")]
    public void Json_functions(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
