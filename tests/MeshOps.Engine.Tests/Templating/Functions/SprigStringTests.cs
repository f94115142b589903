namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>Sprig's string functions: expected outputs are what Go's Sprig prints.</summary>
public class SprigStringTests
{
    [Theory]
    [InlineData("{{ trunc 3 \"abcdef\" }}", "abc")]
    [InlineData("{{ trunc -3 \"abcdef\" }}", "def")]
    [InlineData("{{ trunc 10 \"abc\" }}", "abc")]
    [InlineData("{{ trunc -10 \"abc\" }}", "abc")]
    [InlineData("{{ trunc 0 \"abc\" }}", "")]
    [InlineData("{{ substr 1 3 \"abcdef\" }}", "bc")]
    [InlineData("{{ substr -1 3 \"abcdef\" }}", "abc")]
    [InlineData("{{ substr 2 -1 \"abcdef\" }}", "cdef")]
    [InlineData("{{ substr 2 99 \"abcdef\" }}", "cdef")]
    [InlineData("{{ quote \"a\" nil \"b\" }}", "\"a\" \"b\"")]
    [InlineData("{{ quote nil }}", "")]
    [InlineData("{{ quote 1 }}", "\"1\"")]
    [InlineData("{{ quote 1.5 }}", "\"1.5\"")]
    [InlineData("{{ quote \"a\\\"b\\n\\t\" }}", "\"a\\\"b\\n\\t\"")]
    [InlineData("{{ quote \"\\u00e9\\u00a0\" }}", "\"\u00e9\\u00a0\"")]
    [InlineData("{{ squote \"a\" nil 2 }}", "'a' '2'")]
    [InlineData("{{ cat \"a\" nil 1 \"b\" }}", "a 1 b")]
    [InlineData("{{ cat }}", "")]
    [InlineData("{{ indent 2 \"a\\nb\" }}", "  a\n  b")]
    [InlineData("{{ indent 2 \"a\\n\" }}", "  a\n  ")]
    [InlineData("{{ indent 0 \"a\" }}", "a")]
    [InlineData("{{ nindent 4 \"a\\nb\" }}", "\n    a\n    b")]
    [InlineData("{{ indent 2 \"\" }}", "  ")]
    [InlineData("{{ nindent 0 \"\" }}", "\n")]
    [InlineData("{{ nindent 1 \"\\n\\n\" }}", "\n \n \n ")]
    [InlineData("{{ title \"hello wORLD\" }}", "Hello WORLD")]
    [InlineData("{{ title \"hello-world_x 9lives\" }}", "Hello-World_x 9lives")]
    [InlineData("{{ untitle \"Hello World\" }}", "hello world")]
    [InlineData("{{ upper \"abc\" }}", "ABC")]
    [InlineData("{{ lower \"ÀBC\" }}", "àbc")]
    [InlineData("{{ replace \"a\" \"b\" \"banana\" }}", "bbnbnb")]
    [InlineData("{{ replace \"\" \"-\" \"ab\" }}", "-a-b-")]
    [InlineData("{{ \"ab\" | repeat 3 }}", "ababab")]
    [InlineData("{{ plural \"one\" \"many\" 1 }}", "one")]
    [InlineData("{{ plural \"one\" \"many\" 2 }}", "many")]
    [InlineData("{{ \"foobar\" | contains \"oba\" }}", "true")]
    [InlineData("{{ hasPrefix \"foo\" \"foobar\" }}", "true")]
    [InlineData("{{ hasSuffix \"foo\" \"foobar\" }}", "false")]
    [InlineData("{{ trimAll \"$\" \"$5.00$\" }}", "5.00")]
    [InlineData("{{ trimall \"ab\" \"abxba\" }}", "x")]
    [InlineData("{{ trimSuffix \"-\" \"a--\" }}", "a-")]
    [InlineData("{{ trimPrefix \"-\" \"--a\" }}", "-a")]
    [InlineData("{{ trim \"\\t a b \\n\" }}", "a b")]
    [InlineData("{{ splitList \",\" \"a,b,,c\" }}", "[a b  c]")]
    [InlineData("{{ splitList \"\" \"abc\" }}", "[a b c]")]
    [InlineData("{{ split \"$\" \"a$b\" }}", "map[_0:a _1:b]")]
    [InlineData("{{ (split \"$\" \"a$b\")._1 }}", "b")]
    [InlineData("{{ splitn \"$\" 2 \"a$b$c\" }}", "map[_0:a _1:b$c]")]
    [InlineData("{{ splitn \"$\" 0 \"a$b$c\" | len }}", "0")]
    [InlineData("{{ toString 1.0 }}", "1")]
    [InlineData("{{ toString 2.50 }}", "2.5")]
    [InlineData("{{ toString (list 1 \"a\") }}", "[1 a]")]
    [InlineData("{{ toString nil }}", "<nil>")]
    [InlineData("{{ toString true }}", "true")]
    [InlineData("{{ toStrings (list 1 nil \"a\") }}", "[1 a]")]
    [InlineData("{{ join \",\" (list 1 nil \"a\") }}", "1,a")]
    [InlineData("{{ join \",\" \"abc\" }}", "abc")]
    [InlineData("{{ join \",\" nil }}", "")]
    [InlineData("{{ sortAlpha (list \"b\" \"a\" 10 2) }}", "[10 2 a b]")]
    [InlineData("{{ sortAlpha \"x\" }}", "[x]")]
    [InlineData("{{ abbrev 5 \"hello world\" }}", "he...")]
    [InlineData("{{ abbrev 3 \"hello world\" }}", "hello world")]
    [InlineData("{{ abbrev 20 \"hello\" }}", "hello")]
    [InlineData("{{ abbrevboth 5 10 \"1234 5678 9123\" }}", "...5678...")]
    [InlineData("{{ abbrevboth 0 8 \"abcdefghijkl\" }}", "abcde...")]
    [InlineData("{{ initials \"First  Try Again\" }}", "FTA")]
    [InlineData("{{ nospace \" a\\tb\\nc \" }}", "abc")]
    [InlineData("{{ wrap 5 \"Hello World Again\" }}", "Hello\nWorld\nAgain")]
    [InlineData("{{ wrap 3 \"abcdefg hi\" }}", "abcdefg\nhi")]
    [InlineData("{{ wrapWith 3 \"|\" \"abcdefg\" }}", "abc|def|g")]
    [InlineData("{{ swapcase \"Hello wORLD\" }}", "hELLO World")]
    [InlineData("{{ snakecase \"FirstName\" }}", "first_name")]
    [InlineData("{{ snakecase \"HTTPServer2Go\" }}", "http_server2_go")]
    [InlineData("{{ kebabcase \"FirstName\" }}", "first-name")]
    [InlineData("{{ camelcase \"http_server\" }}", "HttpServer")]
    [InlineData("{{ camelcase \"__a\" }}", "__A")]
    [InlineData("{{ atoi \"42\" }}", "42")]
    [InlineData("{{ atoi \"-7\" }}", "-7")]
    [InlineData("{{ atoi \"4x\" }}", "0")]
    [InlineData("{{ atoi \"1.5\" }}", "0")]
    [InlineData("{{ int \"12\" }}", "12")]
    [InlineData("{{ int \"1.0\" }}", "1")]
    [InlineData("{{ int \"1.5\" }}", "0")]
    [InlineData("{{ int 1.9 }}", "1")]
    [InlineData("{{ int -1.9 }}", "-1")]
    [InlineData("{{ int true }}", "1")]
    [InlineData("{{ int nil }}", "0")]
    [InlineData("{{ int64 \"0x10\" }}", "16")]
    [InlineData("{{ int64 \"010\" }}", "8")]
    [InlineData("{{ int64 \"0b101\" }}", "5")]
    [InlineData("{{ int64 \"1_000\" }}", "0")]
    [InlineData("{{ int64 \"0x_1F\" }}", "31")]
    [InlineData("{{ int64 \" 1\" }}", "0")]
    [InlineData("{{ float64 \"1.5\" }}", "1.5")]
    [InlineData("{{ float64 \"1e3\" }}", "1000")]
    [InlineData("{{ float64 \"abc\" }}", "0")]
    [InlineData("{{ float64 3 }}", "3")]
    [InlineData("{{ toDecimal \"0777\" }}", "511")]
    [InlineData("{{ toDecimal 777 }}", "511")]
    [InlineData("{{ toDecimal \"8\" }}", "0")]
    [InlineData("{{ typeOf (int 3) }}", "int")]
    [InlineData("{{ typeOf (int64 3) }}", "int64")]
    [InlineData("{{ typeOf (atoi \"3\") }}", "int")]
    [InlineData("{{ hello }}", "Hello!")]
    public void String_function_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Trunc_counts_bytes_like_go()
    {
        // "é" is two UTF-8 bytes: Go's trunc 2 keeps exactly it.
        Assert.Equal("é", Render("{{ trunc 2 \"ébc\" }}"));
        Assert.Equal(4, (int)Render("{{ len \"éé\" }}")[0] - '0');
    }

    [Fact]
    public void Substr_with_start_after_end_fails_like_a_go_slice()
    {
        var message = CallFails("substr", 4, 2, "abcdef");
        Assert.Equal("runtime error: slice bounds out of range [4:2]", message);
    }

    [Fact]
    public void Substr_with_negative_start_and_end_beyond_length_fails()
    {
        Assert.Equal("runtime error: slice bounds out of range [:9] with length 3", CallFails("substr", -1, 9, "abc"));
    }

    [Fact]
    public void Repeat_with_negative_count_fails()
    {
        Assert.Equal("strings: negative Repeat count", CallFails("repeat", -1, "a"));
    }

    [Fact]
    public void String_parameter_rejects_other_types_with_go_words()
    {
        Assert.Equal("wrong type for value; expected string; got int", CallFails("upper", 3));
        Assert.Equal("wrong type for value; expected string; got float64", CallFails("trim", 1.5));
        Assert.Equal("wrong type for value; expected string; got interface {}", CallFails("lower", new object?[] { null }));
    }

    [Fact]
    public void Int_parameter_rejects_float64_values()
    {
        Assert.Equal("wrong type for value; expected int; got float64", CallFails("trunc", 2.0, "abc"));
    }

    [Fact]
    public void Wrong_argument_count_is_reported_with_go_words()
    {
        Assert.Equal("wrong number of args for upper: want 1 got 0", CallFails("upper"));
        Assert.Equal("wrong number of args for replace: want 3 got 2", CallFails("replace", "a", "b"));
    }

    [Fact]
    public void Random_strings_have_the_requested_length_and_alphabet()
    {
        var s = (string)Call("randAlphaNum", 16)!;
        Assert.Equal(16, s.Length);
        Assert.All(s, c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.Matches("^[0-9]{8}$", (string)Call("randNumeric", 8)!);
        Assert.Equal("", Call("randAlpha", 0));
        var shuffled = (string)Call("shuffle", "hello")!;
        Assert.Equal("ehllo", string.Concat(shuffled.OrderBy(c => c)));
    }

    [Fact]
    public void Env_and_expandenv_are_removed_as_in_helm()
    {
        Assert.False(Table.ContainsKey("env"));
        Assert.False(Table.ContainsKey("expandenv"));
    }
}
