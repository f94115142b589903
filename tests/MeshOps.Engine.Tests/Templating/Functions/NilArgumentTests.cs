using MeshOps.Engine.Templating;

namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>
/// text/template's argument conversion (exec.go evalArg/validateType) for typed parameters, as Helm 4.1.4 does it
/// (every expectation below was checked against the helm binary): a nil that is "no value" (a parenthesized pipeline,
/// a variable, the piped value, the literal nil) becomes a nil map or slice, which the function reads as empty; a nil
/// of static type interface{} (a map field, a range element) is the wrong type, reported at that argument.
/// </summary>
public class NilArgumentTests
{
    private static object Values() => Map("Values", Map("present", Map(), "nul", null, "num", 3.0, "lst", List(1.0)));

    private static string HelmRender(string text)
    {
        var set = new TemplateSet(Table, new TemplateOptions { MissingKey = MissingKeyMode.Zero });
        set.Parse("t", text);
        return set.Execute("t", Values());
    }

    private static string HelmError(string text)
    {
        var set = new TemplateSet(Table, new TemplateOptions { MissingKey = MissingKeyMode.Zero });
        set.Parse("t", text);
        return Assert.Throws<TemplateExecException>(() => set.Execute("t", Values())).Message;
    }

    [Theory]
    [InlineData("{{ mergeOverwrite (dict \"a\" 1) (.Values.missing) }}", "map[a:1]")]
    [InlineData("{{ mustMergeOverwrite (dict \"a\" 1) (index .Values \"missing\") }}", "map[a:1]")]
    [InlineData("{{ mustMerge (dict \"a\" 1) (index .Values \"nul\") }}", "map[a:1]")]
    [InlineData("{{ .Values.missing | mergeOverwrite (dict \"a\" 1) }}", "map[a:1]")]
    [InlineData("{{ $x := .Values.missing }}{{ mergeOverwrite (dict \"a\" 1) $x }}", "map[a:1]")]
    [InlineData("{{ $p := dict }}{{ mustMergeOverwrite (dict \"a\" 1) ($p.global) (.Values.global | default dict) }}", "map[a:1]")]
    [InlineData("{{ merge (.Values.missing) (dict \"a\" 1) }}", "map[a:1]")]
    [InlineData("{{ merge (.Values.missing) (.Values.missing) }}", "map[]")]
    [InlineData("{{ merge (dict) nil }}", "map[]")]
    [InlineData("{{ hasKey (.Values.missing) \"a\" }}", "false")]
    [InlineData("{{ get (.Values.missing) \"a\" }}", "")]
    [InlineData("{{ unset (.Values.missing) \"a\" }}", "map[]")]
    [InlineData("{{ keys (.Values.missing) }}", "[]")]
    [InlineData("{{ values (.Values.missing) }}", "[]")]
    [InlineData("{{ pick (.Values.missing) \"a\" }}", "map[]")]
    [InlineData("{{ omit (.Values.missing) \"a\" }}", "map[]")]
    [InlineData("{{ pluck \"a\" (.Values.missing) (dict \"a\" 1) }}", "[1]")]
    [InlineData("{{ urlJoin (.Values.missing) }}", "")]
    [InlineData("{{ with dict \"b\" 2 }}{{ merge . (dict \"a\" 1) }}{{ end }}", "map[a:1 b:2]")]
    public void A_nil_that_is_no_value_is_a_nil_map(string text, string expected)
    {
        Assert.Equal(expected, HelmRender(text));
    }

    [Theory]
    [InlineData("{{ mergeOverwrite (dict \"a\" 1) .Values.missing }}", "<.Values.missing>: wrong type for value; expected map[string]interface {}; got interface {}")]
    [InlineData("{{ mergeOverwrite (dict \"a\" 1) .Values.nul }}", "<.Values.nul>: wrong type for value; expected map[string]interface {}; got interface {}")]
    [InlineData("{{ merge .Values.present (dict \"a\" 1) .Values.present.x }}", "<.Values.present.x>: wrong type for value; expected map[string]interface {}; got interface {}")]
    [InlineData("{{ $d := dict \"a\" nil }}{{ merge (dict) $d.a }}", "<$d.a>: wrong type for value; expected map[string]interface {}; got interface {}")]
    [InlineData("{{ range $k, $v := .Values }}{{ if eq $k \"nul\" }}{{ merge (dict) $v }}{{ end }}{{ end }}", "<$v>: wrong type for value; expected map[string]interface {}; got interface {}")]
    [InlineData("{{ hasKey .Values.missing \"a\" }}", "<.Values.missing>: wrong type for value; expected map[string]interface {}; got interface {}")]
    [InlineData("{{ mergeOverwrite (dict \"a\" 1) .Values.num }}", "<.Values.num>: wrong type for value; expected map[string]interface {}; got float64")]
    [InlineData("{{ merge (dict) (dict) .Values.lst }}", "<.Values.lst>: wrong type for value; expected map[string]interface {}; got []interface {}")]
    [InlineData("{{ keys (dict \"a\" 1) (list) }}", "<list>: wrong type for value; expected map[string]interface {}; got []interface {}")]
    [InlineData("{{ range .Values.lst }}{{ hasKey . \"a\" }}{{ end }}", "<.>: wrong type for value; expected map[string]interface {}; got float64")]
    [InlineData("{{ .Values.missing | hasKey (dict) }}", "<dict>: invalid value; expected string")]
    [InlineData("{{ hasKey (dict) nil }}", "<nil>: cannot assign nil to string")]
    [InlineData("{{ hasKey (dict) 1 }}", "<1>: expected string; found 1")]
    [InlineData("{{ merge 1 (dict) }}", "<1>: can't handle 1 for arg of type map[string]interface {}")]
    [InlineData("{{ genSelfSignedCert \"a\" .Values.missing nil 3 }}", "<.Values.missing>: wrong type for value; expected []interface {}; got interface {}")]
    [InlineData("{{ set (.Values.missing) \"a\" 1 }}", "<set (.Values.missing) \"a\" 1>: error calling set: assignment to entry in nil map")]
    public void Go_refuses_a_nil_interface_and_other_types_at_the_argument(string text, string expectedEnd)
    {
        var message = HelmError(text);
        Assert.EndsWith(expectedEnd, message);
        Assert.Contains("executing \"t\" at ", message);
    }

    [Fact]
    public void A_nil_slice_argument_is_an_empty_list()
    {
        Assert.Equal("sprig.certificate", HelmRender("{{ genSelfSignedCert \"a\" (.Values.missing) nil 3 | typeOf }}"));
    }
}
