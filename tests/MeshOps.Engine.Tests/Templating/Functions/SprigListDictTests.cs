namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>Lists, dicts and mergo's merge rules.</summary>
public class SprigListDictTests
{
    [Theory]
    [InlineData("{{ has 1 (list 1 2) }}", "true")]
    [InlineData("{{ has \"1\" (list 1 2) }}", "false")]
    [InlineData("{{ has 1 nil }}", "false")]
    [InlineData("{{ list 1 1 \"a\" \"a\" (list 1) (list 1) | uniq }}", "[1 a [1]]")]
    [InlineData("{{ without (list 1 2 3 2) 2 3 }}", "[1]")]
    [InlineData("{{ compact (list 0 1 \"\" \"a\" nil false (list) (dict) 2.5) }}", "[1 a 2.5]")]
    [InlineData("{{ until 0 }}", "[]")]
    [InlineData("{{ until 3 }}", "[0 1 2]")]
    [InlineData("{{ untilStep 0 10 3 }}", "[0 3 6 9]")]
    [InlineData("{{ untilStep 0 10 -1 }}", "[]")]
    [InlineData("{{ seq 5 }}", "1 2 3 4 5")]
    [InlineData("{{ seq 0 }}", "1 0")]
    [InlineData("{{ seq -3 }}", "1 0 -1 -2 -3")]
    [InlineData("{{ seq 5 1 }}", "5 4 3 2 1")]
    [InlineData("{{ seq 1 2 10 }}", "1 3 5 7 9")]
    [InlineData("{{ seq 10 -2 1 }}", "10 8 6 4 2")]
    [InlineData("{{ seq 1 -2 10 }}", "")]
    [InlineData("{{ seq }}", "")]
    [InlineData("{{ slice (list 1 2 3) 1 }}", "[2 3]")]
    [InlineData("{{ slice (list) }}", "<no value>")]
    [InlineData("{{ concat }}", "[]")]
    [InlineData("{{ first (list) }}", "<no value>")]
    [InlineData("{{ typeOf (list) }}", "[]interface {}")]
    [InlineData("{{ dict \"a\" }}", "map[a:]")]
    [InlineData("{{ dict 1 2 true 3 }}", "map[1:2 true:3]")]
    [InlineData("{{ get (dict \"a\" 1) \"b\" }}", "")]
    [InlineData("{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d }}", "map[a:1 b:2]")]
    [InlineData("{{ $d := dict \"a\" 1 \"b\" 2 }}{{ unset $d \"a\" }}", "map[b:2]")]
    [InlineData("{{ hasKey (dict \"a\" nil) \"a\" }}", "true")]
    [InlineData("{{ hasKey (dict \"a\" nil) \"b\" }}", "false")]
    [InlineData("{{ pluck \"a\" (dict \"a\" 1) (dict \"b\" 2) (dict \"a\" 3) }}", "[1 3]")]
    [InlineData("{{ keys (dict \"b\" 1 \"a\" 2 \"c\" 3) }}", "[a b c]")]
    [InlineData("{{ values (dict \"b\" 1 \"a\" 2) }}", "[2 1]")]
    [InlineData("{{ pick (dict \"a\" 1 \"b\" 2) \"b\" \"z\" }}", "map[b:2]")]
    [InlineData("{{ omit (dict \"a\" 1 \"b\" 2) \"b\" }}", "map[a:1]")]
    [InlineData("{{ dig \"a\" \"b\" \"def\" (dict \"a\" (dict \"b\" nil)) }}", "<no value>")]
    [InlineData("{{ dig \"x\" \"def\" (dict) }}", "def")]
    [InlineData("{{ merge (dict \"a\" 1 \"b\" (dict \"c\" 2)) (dict \"a\" 3 \"b\" (dict \"d\" 4) \"e\" 5) }}", "map[a:1 b:map[c:2 d:4] e:5]")]
    [InlineData("{{ mergeOverwrite (dict \"a\" 1 \"b\" (dict \"c\" 2)) (dict \"a\" 3 \"b\" (dict \"d\" 4) \"e\" 5) }}", "map[a:3 b:map[c:2 d:4] e:5]")]
    [InlineData("{{ merge (dict \"a\" \"\" \"b\" 0) (dict \"a\" \"x\" \"b\" 7) }}", "map[a:x b:7]")]
    [InlineData("{{ mergeOverwrite (dict \"default\" \"default\" \"overwrite\" \"me\" \"key\" true) (dict \"overwrite\" \"overwritten\" \"key\" false) }}", "map[default:default key:false overwrite:overwritten]")]
    [InlineData("{{ merge (dict \"l\" (list 1)) (dict \"l\" (list 2 3)) }}", "map[l:[1]]")]
    [InlineData("{{ mergeOverwrite (dict \"l\" (list 1)) (dict \"l\" (list 2 3)) }}", "map[l:[2 3]]")]
    [InlineData("{{ merge (dict \"l\" (list)) (dict \"l\" (list 2 3)) }}", "map[l:[2 3]]")]
    [InlineData("{{ mergeOverwrite (dict \"a\" 1) (dict \"a\" nil) }}", "map[a:<nil>]")]
    [InlineData("{{ merge (dict \"a\" 1) (dict \"a\" nil) }}", "map[a:1]")]
    [InlineData("{{ merge (dict \"a\" \"s\") (dict \"a\" (dict \"x\" 1)) }}", "map[a:s]")]
    [InlineData("{{ mergeOverwrite (dict \"a\" \"s\") (dict \"a\" (dict \"x\" 1)) }}", "map[a:map[x:1]]")]
    [InlineData("{{ mergeOverwrite (dict \"a\" (dict \"x\" 1)) (dict \"a\" \"s\") }}", "map[a:s]")]
    [InlineData("{{ merge (dict \"a\" (dict)) (dict \"a\" (dict \"x\" 1)) }}", "map[a:map[x:1]]")]
    [InlineData("{{ merge (dict) (dict \"a\" 1) (dict \"a\" 2 \"b\" 3) }}", "map[a:1 b:3]")]
    [InlineData("{{ $d := dict \"a\" 1 }}{{ $_ := merge $d (dict \"b\" 2) }}{{ $d.b }}", "2")]
    [InlineData("{{ $a := dict \"x\" (dict \"y\" 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b.x \"y\" 2 }}{{ $a.x.y }}", "1")]
    public void List_and_dict_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void List_functions_on_non_lists_fail_with_sprig_messages()
    {
        Assert.Equal("Cannot find first on type string", CallFails("first", "abc"));
        Assert.Equal("Cannot push on type map", CallFails("append", Map(), 1));
        Assert.Equal("Cannot concat type string as list", CallFails("concat", List(1), "x"));
        Assert.Equal("list should be type of slice or array but int", CallFails("slice", 3));
    }

    [Fact]
    public void List_functions_on_nil_fail_like_a_nil_dereference()
    {
        Assert.Equal("runtime error: invalid memory address or nil pointer dereference", CallFails("first", new object?[] { null }));
    }

    [Fact]
    public void Chunk_with_size_below_one_fails()
    {
        Assert.Equal("runtime error: makeslice: len out of range", CallFails("chunk", 0, List(1, 2)));
    }

    [Fact]
    public void Slice_out_of_range_fails()
    {
        Assert.Contains("slice index out of bounds", CallFails("slice", List(1, 2), 1, 5));
    }

    [Fact]
    public void Dig_through_a_non_map_fails_with_go_interface_conversion()
    {
        Assert.Equal("interface conversion: interface {} is string, not map[string]interface {}",
            CallFails("dig", "a", "b", "def", Map("a", "str")));
        Assert.Equal("dig needs at least three arguments", CallFails("dig", "a", Map()));
    }

    [Fact]
    public void Map_parameter_reads_nil_as_a_nil_map_and_rejects_lists()
    {
        // Whether a nil may reach the parameter is decided by the executor (NilArgumentTests); the function reads it as empty.
        Assert.Equal(false, Call("hasKey", null, "a"));
        Assert.Equal("wrong type for value; expected map[string]interface {}; got []interface {}", CallFails("keys", List()));
    }

    [Fact]
    public void Merge_returns_and_mutates_the_destination()
    {
        var dst = Map("a", 1.0);
        var result = Call("merge", dst, Map("b", 2.0));
        Assert.Same(dst, result);
        Assert.Equal(2.0, dst["b"]);
    }

    [Fact]
    public void Merge_merges_nested_maps_in_place()
    {
        var inner = Map("x", 1.0);
        var dst = Map("m", inner);
        Call("mergeOverwrite", dst, Map("m", Map("x", 2.0, "y", 3.0)));
        Assert.Same(inner, dst["m"]);
        Assert.Equal(2.0, inner["x"]);
        Assert.Equal(3.0, inner["y"]);
    }

    [Fact]
    public void Set_on_values_dictionary_is_visible_to_the_caller()
    {
        var values = Map("a", 1.0);
        Assert.Equal("2", Render("{{ $_ := set . \"a\" 2 }}{{ .a }}", values));
        Assert.Equal(2, values["a"]);
    }

    [Fact]
    public void Has_uses_deep_equality_so_float_values_do_not_match_int_literals()
    {
        Assert.Equal("false", Render("{{ has 1 .l }}", Map("l", List(1.0, 2.0))));
        Assert.Equal("true", Render("{{ has 1.0 .l }}", Map("l", List(1.0, 2.0))));
    }
}
