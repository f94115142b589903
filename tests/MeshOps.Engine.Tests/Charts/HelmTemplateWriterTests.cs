using MeshOps.Engine.Charts;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>HelmTemplateWriter's text against the plain definition: TrimSpace(CRDs + manifests) + "\n" + hooks.</summary>
public class HelmTemplateWriterTests
{
    private static string Document(string path, string content) => "---\n# Source: " + path + "\n" + content + "\n";

    private static string Expected(RenderResult r)
    {
        var (manifests, hooks) = ManifestSorter.Sort(r.Templates);
        var body = string.Concat((r.IncludeCrds ? r.Crds.Select(c => Document(c.Path, c.Content)) : [])
            .Concat(manifests.Select(m => Document(m.Path, m.Content))));
        return ManifestSorter.GoTrimSpace(body) + "\n" + string.Concat(hooks.Select(h => Document(h.Path, h.Content)));
    }

    public static TheoryData<string[], string[], bool> Cases() => new()
    {
        { [], [], true },
        { ["\n \n"], [], true },
        { ["\n  kind: A\n\n"], [], true },
        { ["kind: A\n", " \t\n"], ["kind: B"], true },
        { ["  \n"], ["kind: B\n---\nkind: C"], true },
        { ["kind: A"], ["kind: B"], false },
        { [], ["kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n", "kind: B"], true },
        { [], ["kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n"], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintsTheTrimmedBodyThenTheHooks(string[] crds, string[] templates, bool includeCrds)
    {
        var result = new RenderResult(
            templates.Select((t, i) => new RenderedTemplate($"c/templates/t{i}.yaml", t)).ToList(), "",
            crds.Select((c, i) => new ChartCrd($"c/crds/crd{i}.yaml", c)).ToList(), includeCrds, new Dictionary<string, object?>());
        Assert.Equal(Expected(result), HelmTemplateWriter.Write(result));
    }
}
