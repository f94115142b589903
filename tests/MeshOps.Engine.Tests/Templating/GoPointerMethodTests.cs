using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>
/// Methods declared on a struct's pointer (Helm's KubeVersion.String): text/template reaches them only on an
/// addressable value, a field of a struct behind a pointer kept so by pipelines, variables, with and template calls;
/// function arguments, fmt and map elements get a copy, which prints as the struct. Unexported fields print but
/// cannot be read.
/// </summary>
public class GoPointerMethodTests
{
    private sealed class Version : IGoObject, IGoStructFields, IGoPointerMethods
    {
        public string GoTypeName => "pkg.Version";
        public IReadOnlyList<string> FieldNames { get; } = new[] { "Full", "short" };

        public bool TryGetField(string name, out object? value)
        {
            value = name switch { "Full" => "v1.2.3-rc.1", "short" => "v1.2.3", _ => null };
            return value != null;
        }

        public bool TryGetMethod(string name, out TemplateFunc? method)
        {
            method = null;
            return false;
        }

        public bool TryGetPointerMethod(string name, out TemplateFunc? method)
        {
            method = name == "String" ? (_, _) => "v1.2.3" : null;
            return method != null;
        }
    }

    private static readonly IReadOnlyDictionary<string, TemplateFunc> Funcs = new Dictionary<string, TemplateFunc>
    {
        ["id"] = (_, a) => a[0],
        ["pair"] = (_, a) => Map(("k", a[0])),
    };

    private static Dictionary<string, object?> Top() => Map(
        ("P", new FakeObject("*pkg.Holder", ("V", new Version()))),
        ("S", new FakeObject("pkg.Holder", ("V", new Version()))));

    [Theory]
    [InlineData("{{ .P.V }}", "v1.2.3")]
    [InlineData("{{ .P.V.String }}", "v1.2.3")]
    [InlineData("{{ with .P.V }}{{ . }} {{ .String }}{{ end }}", "v1.2.3 v1.2.3")]
    [InlineData("{{ $v := .P.V }}{{ $v }} {{ $v.String }}", "v1.2.3 v1.2.3")]
    [InlineData("{{ define \"d\" }}{{ . }}{{ end }}{{ template \"d\" .P.V }}", "v1.2.3")]
    [InlineData("{{ (.P.V).String }}", "v1.2.3")]
    [InlineData("{{ and true .P.V }} {{ or .P.V 1 }} {{ .P.V | and true }}", "v1.2.3 v1.2.3 v1.2.3")]
    [InlineData("{{ printf \"%v|%+v|%#v|%T\" .P.V .P.V .P.V .P.V }}", "{v1.2.3-rc.1 v1.2.3}|{Full:v1.2.3-rc.1 short:v1.2.3}|pkg.Version{Full:\"v1.2.3-rc.1\", short:\"v1.2.3\"}|pkg.Version")]
    [InlineData("{{ print .P.V }} {{ id .P.V }} {{ .P.V | id }}", "{v1.2.3-rc.1 v1.2.3} {v1.2.3-rc.1 v1.2.3} {v1.2.3-rc.1 v1.2.3}")]
    [InlineData("{{ $d := pair .P.V }}{{ $d.k }}", "{v1.2.3-rc.1 v1.2.3}")]
    [InlineData("{{ .S.V }}", "{v1.2.3-rc.1 v1.2.3}")]
    [InlineData("{{ .P.V.Full }}", "v1.2.3-rc.1")]
    // A pointer prints as what it points to; fmt shows the pointer.
    [InlineData("{{ .P }} {{ printf \"%v\" .P }}", "{{v1.2.3-rc.1 v1.2.3}} &{{v1.2.3-rc.1 v1.2.3}}")]
    public void Renders(string text, string expected) => Assert.Equal(expected, Render(text, Top(), Funcs));

    [Theory]
    [InlineData("{{ (id .P.V).String }}", "can't evaluate field String in type pkg.Version")]
    [InlineData("{{ .S.V.String }}", "can't evaluate field String in type pkg.Version")]
    [InlineData("{{ .P.V.short }}", "short is an unexported field of struct type pkg.Version")]
    [InlineData("{{ range .P.V }}{{ end }}", "range can't iterate over {v1.2.3-rc.1 v1.2.3}")]
    [InlineData("{{ printf .P.V }}", "wrong type for value; expected string; got pkg.Version")]
    public void Errors(string text, string expectedSuffix) => Assert.EndsWith(expectedSuffix, ExecError(text, Top(), Funcs));
}
