using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Helm-style structs (IGoObject): fields, methods with arguments, chains and pipelines into methods.</summary>
public class GoObjectTests
{
    private static Dictionary<string, object?> Top()
    {
        var versions = new FakeObject("chartutil.VersionSet")
            .WithMethod("Has", (_, a) => (string?)a[0] == "v1");
        var caps = new FakeObject("*chartutil.Capabilities", ("APIVersions", versions), ("KubeVersion", new FakeObject("chartutil.KubeVersion", ("Version", "v1.27.0"), ("Minor", "27"))));
        var files = new FakeObject("chart.Files")
            .WithMethod("Get", (_, a) => a.Length == 1 ? "content of " + a[0] : throw new TemplateArgumentException("wrong number of args for Get: want 1 got " + a.Length))
            .WithMethod("Self", (_, _) => new FakeObject("chart.Files", ("Inner", "in")));
        var release = new FakeObject("chartutil.ReleaseOptions", ("Name", "istiod"), ("Namespace", "istio-system"), ("IsInstall", true), ("Nothing", null));
        return Map(("Release", release), ("Capabilities", caps), ("Files", files), ("Values", Map()));
    }

    [Theory]
    [InlineData("{{.Release.Name}}/{{.Release.Namespace}}", "istiod/istio-system")]
    [InlineData("{{if .Release.IsInstall}}install{{end}}", "install")]
    [InlineData("{{.Files.Get \"a.txt\"}}", "content of a.txt")]
    [InlineData("{{\"b.txt\" | .Files.Get}}", "content of b.txt")]
    [InlineData("{{.Capabilities.APIVersions.Has \"v1\"}} {{.Capabilities.APIVersions.Has \"v2\"}}", "true false")]
    [InlineData("{{.Capabilities.KubeVersion.Minor}}", "27")]
    [InlineData("{{.Files.Self.Inner}}", "in")]
    [InlineData("{{with .Release}}{{.Name}}{{end}}", "istiod")]
    [InlineData("{{$r := .Release}}{{$r.Name}}", "istiod")]
    [InlineData("{{.Release.Nothing}}", "<no value>")]
    public void Renders(string text, string expected) => Assert.Equal(expected, Render(text, Top()));

    [Theory]
    [InlineData("{{.Release.Nope}}", "can't evaluate field Nope in type interface {}")]
    [InlineData("{{.Capabilities.KubeVersion.Nope}}", "can't evaluate field Nope in type chartutil.KubeVersion")]
    [InlineData("{{with .Release}}{{.Nope}}{{end}}", "can't evaluate field Nope in type chartutil.ReleaseOptions")]
    [InlineData("{{.Release.Name 1}}", "Name has arguments but cannot be invoked as function")]
    [InlineData("{{.Release.Nothing.x}}", "nil pointer evaluating interface {}.x")]
    [InlineData("{{.Files.Get}}", "wrong number of args for Get: want 1 got 0")]
    public void Errors(string text, string expectedSuffix) => Assert.EndsWith(expectedSuffix, ExecError(text, Top()));
}
