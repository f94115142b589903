using System.Text;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>Helm's own functions (funcs.go, engine.go) through TemplateSet.</summary>
public class HelmFunctionTests
{
    [Theory]
    [InlineData("{{ dict \"b\" (list \"x\" 1) \"a\" 1 | toYaml }}", "a: 1\nb:\n- x\n- 1")]
    [InlineData("{{ dict \"b\" (list \"x\" (dict \"c\" (list 2))) \"a\" 1 | toYamlPretty }}", "a: 1\nb:\n  - x\n  - c:\n      - 2")]
    [InlineData("{{ list \"a\" (list \"b\") | toYamlPretty }}", "- a\n- - b")]
    [InlineData("{{ \"x\" | toYaml }}", "x")]
    [InlineData("{{ toYaml nil }}", "null")]
    // sigs.k8s.io/yaml reads with go-yaml v2 (YAML 1.1): a bare y is true.
    [InlineData("{{ (fromYaml \"a: 1\\nb: [x, y]\").b }}", "[x true]")]
    [InlineData("{{ typeOf (fromYaml \"a: 1\").a }}", "float64")]
    [InlineData("{{ fromYaml \"\" }}", "map[]")]
    [InlineData("{{ (fromYaml \"- a\").Error }}", "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("{{ fromYamlArray \"- 1\\n- b\" }}", "[1 b]")]
    [InlineData("{{ fromYamlArray \"a: 1\" }}", "[error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}]")]
    [InlineData("{{ dict \"a\" 1 | toJson }}", "{\"a\":1}")]
    [InlineData("{{ (fromJson \"{\\\"a\\\": {\\\"b\\\": true}}\").a.b }}", "true")]
    [InlineData("{{ fromJson \"null\" }}", "map[]")]
    [InlineData("{{ (fromJson \"1\").Error }}", "json: cannot unmarshal number into Go value of type map[string]interface {}")]
    [InlineData("{{ fromJsonArray \"[true]\" }}", "[true]")]
    [InlineData("{{ dict \"a\" 1 \"s\" \"x\\\"y\" \"f\" 1.5 \"t\" (dict \"k\" (list 1 2) \"my key\" true) | toToml }}",
        "a = 1\nf = 1.5\ns = \"x\\\"y\"\n\n[t]\n  k = [1, 2]\n  \"my key\" = true\n")]
    [InlineData("{{ dict \"n\" 2.0 \"arr\" (list (dict \"x\" 1) (dict \"x\" 2)) | toToml }}", "n = 2.0\n\n[[arr]]\n  x = 1\n\n[[arr]]\n  x = 2\n")]
    [InlineData("{{ dict \"a\" (dict \"b\" (dict \"c\" 1)) | toToml }}", "[a]\n  [a.b]\n    c = 1\n")]
    // Helm 4.1.4: a value that is not a map is encoded inline.
    [InlineData("{{ toToml (list 1 (dict \"x\" \"y\")) }}|{{ toToml \"x\" }}|{{ toToml 1.5 }}", "[1, {x = \"y\"}]|\"x\"|1.5")]
    // Serialization failures give "" (toToml the encoder's text).
    [InlineData("{{ toJson (dict \"a\" (float64 \"NaN\")) }}|{{ toYaml (list (float64 \"Inf\")) }}|{{ toPrettyJson (float64 \"NaN\") }}", "||")]
    [InlineData("{{ toToml (dict \"a\" (float64 \"NaN\")) }}", "a = nan\n")]
    // Go types with a JSON form: structs as objects (field order), json.Marshalers as their value.
    [InlineData("{{ semver \"v1.2\" | toJson }} {{ semver \"1.2.3\" | toYaml }}", "\"1.2.0\" 1.2.3")]
    [InlineData("{{ toDate \"2006-01-02T15:04:05Z07:00\" \"2024-05-06T07:08:09.123+02:00\" | toJson }}", "\"2024-05-06T07:08:09.123+02:00\"")]
    [InlineData("{{ lookup \"v1\" \"Secret\" \"ns\" \"name\" }}", "map[]")]
    [InlineData("{{ lookup \"v1\" \"Secret\" \"ns\" \"name\" | len }}", "0")]
    [InlineData("{{ required \"need x\" \"v\" }}", "v")]
    [InlineData("{{ required \"need x\" 0 }}", "0")]
    [InlineData("{{ required \"need x\" false }}", "false")]
    public void Helm_function_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Theory]
    // Go converts arguments before the call: a wrong type or count is reported at the argument (or the function),
    // without "error calling", and a literal argument in evalArg's own words.
    [InlineData("{{ fail 1 }}", "template: test:1:8: executing \"test\" at <1>: expected string; found 1")]
    [InlineData("{{ fail nil }}", "template: test:1:8: executing \"test\" at <nil>: cannot assign nil to string")]
    [InlineData("{{ $m := 1 }}{{ fail $m }}", "template: test:1:21: executing \"test\" at <$m>: wrong type for value; expected string; got int")]
    [InlineData("{{ required true .a }}", "template: test:1:12: executing \"test\" at <true>: expected string; found true")]
    [InlineData("{{ indent 1 }}", "template: test:1:3: executing \"test\" at <indent>: wrong number of args for indent: want 2 got 1")]
    public void Argument_errors_are_reported_where_go_reports_them(string template, string message)
    {
        Assert.Equal(message, RenderFails(template, Map()).Message);
    }

    [Fact]
    public void ToToml_of_nil_fails_with_the_encoders_panic()
    {
        Assert.Equal("reflect: call of reflect.Value.Type on zero Value", CallFails("toToml", new object?[] { null }));
    }

    [Fact]
    public void Capabilities_marshal_as_go_structs()
    {
        var caps = new HelmCapabilities("v1.29.3");
        var data = Map("c", caps);
        Assert.Equal("{\"Version\":\"v1.29.3\",\"Major\":\"1\",\"Minor\":\"29\"}", Render("{{ toJson .c.KubeVersion }}", data));
        Assert.Equal("Major: \"1\"\nMinor: \"29\"\nVersion: v1.29.3", Render("{{ toYaml .c.KubeVersion }}", data));
        Assert.StartsWith("{\"KubeVersion\":{\"Version\":\"v1.29.3\",\"Major\":\"1\",\"Minor\":\"29\"},\"APIVersions\":[\"v1\",", Render("{{ toJson .c }}", data));
        Assert.EndsWith("\"HelmVersion\":{\"version\":\"v4.1.4\",\"git_commit\":\"05fa37973dc9e42b76e1d2883494c87174b6074f\",\"git_tree_state\":\"clean\",\"go_version\":\"go1.25.9\",\"kube_client_version\":\"v1.35\"}}", Render("{{ toJson .c }}", data));
    }

    [Fact]
    public void Required_fails_with_the_users_message_for_nil_and_empty_string()
    {
        var e = RenderFails("{{ required \"A valid .Values.x entry required!\" .x }}", Map());
        Assert.True(HelmFunctions.TryGetUserMessage(e.Message, out var message));
        Assert.Equal("A valid .Values.x entry required!", message);
        var e2 = RenderFails("{{ required \"x is required\" \"\" }}");
        Assert.Contains("HELM_ERR_STARTx is requiredHELM_ERR_END", e2.Message);
    }

    [Fact]
    public void Fail_wraps_the_message_for_helm_error_cleanup()
    {
        var e = RenderFails("{{ fail \"unsupported setting\" }}");
        Assert.True(HelmFunctions.TryGetUserMessage(e.Message, out var message));
        Assert.Equal("unsupported setting", message);
    }

    [Fact]
    public void Lint_mode_lets_required_and_fail_pass()
    {
        var table = HelmFunctionTable.Create(new HelmFunctionOptions { LintMode = true });
        Assert.Equal("[][]", Render("[{{ required \"x\" nil }}][{{ fail \"y\" }}]", null, table));
    }

    [Fact]
    public void Lookup_uses_the_configured_answer()
    {
        var table = HelmFunctionTable.Create(new HelmFunctionOptions
        {
            Lookup = (api, kind, ns, name) => Map("kind", kind, "metadata", Map("name", name, "namespace", ns), "apiVersion", api),
        });
        Assert.Equal("Secret ns/n v1", Render("{{ $s := lookup \"v1\" \"Secret\" \"ns\" \"n\" }}{{ $s.kind }} {{ $s.metadata.namespace }}/{{ $s.metadata.name }} {{ $s.apiVersion }}", null, table));
    }

    [Fact]
    public void Include_renders_a_defined_template_with_its_own_dot()
    {
        var text = "{{- define \"x\" }}name={{ .n }}{{ end -}}{{ include \"x\" (dict \"n\" 1) | upper }}|{{ include \"x\" . | quote }}";
        Assert.Equal("NAME=1|\"name=top\"", Render(text, Map("n", "top")));
    }

    [Fact]
    public void Include_of_an_unknown_template_fails()
    {
        var e = RenderFails("{{ include \"missing\" . }}");
        Assert.Contains("error calling include", e.Message);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Include_stops_unbounded_recursion_with_helms_message()
    {
        var e = RenderFails("{{- define \"loop\" }}{{ include \"loop\" . }}{{ end -}}{{ include \"loop\" . }}");
        Assert.Contains("rendering template has a nested reference name: loop: unable to execute template", e.Message);
    }

    [Fact]
    public void Include_allows_bounded_recursion()
    {
        var text = "{{- define \"count\" }}{{ if gt (len .) 0 }}{{ first . }}{{ include \"count\" (rest .) }}{{ end }}{{ end -}}{{ include \"count\" (list 1 2 3) }}";
        Assert.Equal("123", Render(text));
    }

    [Fact]
    public void Tpl_renders_text_with_the_given_dot_and_sees_defines()
    {
        var values = Map("tmpl", "{{ .name }}-{{ include \"suffix\" . }}", "name", "app");
        Assert.Equal("app-x", Render("{{- define \"suffix\" }}x{{ end -}}{{ tpl .tmpl . }}", values));
    }

    [Fact]
    public void Tpl_removes_no_value_markers()
    {
        Assert.Equal("[]", Render("[{{ tpl \"{{ .missing }}\" (dict) }}]"));
    }

    [Fact]
    public void Tpl_reports_parse_and_execution_errors_like_helm()
    {
        var parse = RenderFails("{{ tpl \"{{ .x \" . }}", Map());
        Assert.Contains("cannot parse template \"{{ .x \"", parse.Message);
        var exec = RenderFails("{{ tpl \"{{ fail \\\"boom\\\" }}\" . }}", Map());
        Assert.Contains("error during tpl function execution for \"{{ fail \\\"boom\\\" }}\"", exec.Message);
        Assert.Contains("boom", exec.Message);
    }

    [Fact]
    public void Function_table_is_reusable_across_renders()
    {
        var table = HelmFunctionTable.Create(new HelmFunctionOptions());
        for (var i = 0; i < 3; i++)
            Assert.Equal("ok", Render("{{- define \"d\" }}ok{{ end -}}{{ include \"d\" . }}", null, table));
        Assert.True(table.Count > 200);
    }

    [Fact]
    public void Files_object_serves_chart_files()
    {
        var files = new HelmFiles(new Dictionary<string, byte[]>
        {
            ["files/a.yaml"] = Encoding.UTF8.GetBytes("a: 1\n"),
            ["files/b.yaml"] = Encoding.UTF8.GetBytes("line1\nline2\n"),
            ["files/sub/c.txt"] = Encoding.UTF8.GetBytes("C"),
            ["README.md"] = Encoding.UTF8.GetBytes("readme"),
        });
        var dot = Map("Files", files);
        Assert.Equal("a: 1\n", Render("{{ .Files.Get \"files/a.yaml\" }}", dot));
        Assert.Equal("", Render("{{ .Files.Get \"nope\" }}", dot));
        Assert.Equal("[line1 line2]", Render("{{ .Files.Lines \"files/b.yaml\" }}", dot));
        Assert.Equal("2", Render("{{ .Files.Lines \"files/b.yaml\" | len }}", dot));
        Assert.Equal("files/a.yaml;files/b.yaml;", Render("{{ range $path, $bytes := .Files.Glob \"files/*.yaml\" }}{{ $path }};{{ end }}", dot));
        Assert.Equal("files/a.yaml;files/b.yaml;files/sub/c.txt;", Render("{{ range $path, $_ := .Files.Glob \"files/**\" }}{{ $path }};{{ end }}", dot));
        Assert.Equal("files/a.yaml;files/sub/c.txt;", Render("{{ range $p, $_ := .Files.Glob \"files/{a.yaml,sub/*}\" }}{{ $p }};{{ end }}", dot));
        Assert.Equal("a.yaml: |\n  a: 1\nb.yaml: |\n  line1\n  line2", Render("{{ (.Files.Glob \"files/*.yaml\").AsConfig }}", dot));
        Assert.Equal("c.txt: Qw==", Render("{{ (.Files.Glob \"files/sub/*\").AsSecrets }}", dot));
        Assert.Equal("{}", Render("{{ (.Files.Glob \"none/*\").AsConfig }}", dot));
        Assert.Equal("6", Render("{{ .Files.GetBytes \"README.md\" | len }}", dot));
    }

    [Fact]
    public void Capabilities_object_answers_versions()
    {
        var caps = new HelmCapabilities("v1.27.3-gke.100", HelmBuild.Helm4_1_4.DefaultApiVersions.Append("apps/v1/Deployment"));
        var dot = Map("Capabilities", caps);
        Assert.Equal("v1.27.3-gke.100 1 27 v1.27.3-gke.100", Render("{{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.Version }}", dot));
        Assert.Equal("true true false", Render("{{ .Capabilities.APIVersions.Has \"v1\" }} {{ .Capabilities.APIVersions.Has \"apps/v1/Deployment\" }} {{ .Capabilities.APIVersions.Has \"apps/v1/Nope\" }}", dot));
        Assert.Equal("true", Render("{{ semverCompare \">=1.21-0\" .Capabilities.KubeVersion.GitVersion }}", dot));
        Assert.Equal("true", Render("{{ .Capabilities.KubeVersion.GitVersion | contains \"-gke\" }}", dot));
        Assert.Equal("v4.1.4", Render("{{ .Capabilities.HelmVersion.Version }}", dot));
        // Helm 4 prints KubeVersion by its String method: the numbers only.
        Assert.Equal("v1.27.3", Render("{{ .Capabilities.KubeVersion }}", dot));
        Assert.Equal("v1.28", new HelmCapabilities("1.28").KubeVersion.Version);
        Assert.Throws<MeshOps.Engine.Hosting.MeshException>(() => new HelmCapabilities("latest"));
    }

    [Fact]
    public void Sprig_register_adds_the_documented_functions_only()
    {
        var table = new Dictionary<string, TemplateFunc>();
        SprigFunctions.Register(table);
        foreach (var name in new[] { "trim", "merge", "semverCompare", "regexReplaceAll", "dateInZone", "toJson", "fromJson", "env" })
            if (name == "env") Assert.False(table.ContainsKey(name));
            else Assert.True(table.ContainsKey(name), name);
        Assert.False(table.ContainsKey("include"));
    }
}
