using MeshOps.Engine.Charts;
using MeshOps.Engine.Tests.Charts;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>
/// GoYaml.Parse shortens simple literal blocks before YamlDotNet reads them; it must read exactly what reading the
/// whole text gives: the same values, or the same error.
/// </summary>
public class LiteralBlockElisionTests
{
    private static readonly YamlReadOptions Options = new() { SourceName = "doc.yaml" };

    private static void SameAsWholeText(string doc)
    {
        object? expected, actual;
        try
        {
            expected = GoYaml.ParseWholeText(doc, Options);
        }
        catch (Exception e)
        {
            var failure = Record.Exception(() => GoYaml.Parse(doc, Options));
            Assert.True(failure != null, "no error for " + Quote(doc) + "; reading it whole fails with: " + e.Message);
            Assert.Equal(e.GetType(), failure.GetType());
            Assert.Equal(e.Message, failure.Message);
            return;
        }
        actual = GoYaml.Parse(doc, Options);
        try
        {
            ValueAssert.Equal(expected, actual);
        }
        catch (Exception e)
        {
            Assert.Fail("values differ for " + Quote(doc) + ": " + e.Message);
        }
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    [Theory]
    [InlineData("a: |-\n  x\n  y\nb: 1", true)]
    [InlineData("a: |\n  x\n\n  y\n\nb: 1", true)]
    [InlineData("k:\n  - n: |-\n      one\n        two\n      three\n  - n: 2", true)]
    [InlineData("a: |-\n    x –\n   \u00e9\n", false)] // the second line is shallower: the block ends there, an error follows
    [InlineData("a: |\n  x", false)] // clip at the end of the text: left to the parser
    [InlineData("a: |+\n  x\n\n", false)] // keep: left to the parser
    [InlineData("a: |-\n\n  x\n", false)] // leading empty line: left to the parser
    [InlineData("a: |-\n  x\n \n  y\n   \nb: 1", true)] // blank lines: empty up to the indentation, content beyond it
    [InlineData("a: |-\n  xyz\n  \n...\n", true)]
    [InlineData("a: |-\n  x\tz\n", false)] // tab: left to the parser
    [InlineData("a: \"q\n  b: |-\n    x\n  \"", false)] // looks like a header, is inside a quoted scalar
    [InlineData("a: |-\n  x\n\tb: 1", false)] // a tab where the parser wants indentation: an error either way
    public void ReadsWhatTheWholeTextReads(string doc, bool shortened)
    {
        SameAsWholeText(doc);
        Assert.Equal(shortened, IsShortened(doc));
    }

    [Fact]
    public void RandomDocumentsReadAsTheWholeText()
    {
        var headers = new[] { "a: |", "a: |-", "- a: |-", "  b: |", "  - c.d: |-", "a: |+", "a: |- ", "a: |-  # c", "a: |2-", "'q': |-", "&x a: |-" };
        var lines = new[] { "", " ", "  ", "   ", "    ", "      ", "  v", "  v  ", "    v", "      v w", "  - x", "  k: v", "  #c", "  \tt", "\tt",
            "  \u2013", "  \u2028", "---", "...", "  ---", "b: 1", "  b: 2", "- 3", "  x: |-", "    x: |", "\"s", "  [1,", "  {a: 1}" };
        var random = new Random(7031);
        var shortened = 0;
        for (var i = 0; i < 20000; i++)
        {
            var parts = new List<string>();
            if (i % 2 == 0)
            {
                // Anything goes: mostly invalid YAML, where the errors must agree.
                for (var j = random.Next(1, 10); j > 0; j--)
                    parts.Add(random.Next(4) == 0 ? headers[random.Next(headers.Length)] : lines[random.Next(lines.Length)]);
            }
            else
            {
                // Mappings with blocks under them, mostly valid, with the odd line that breaks the rules.
                for (var j = random.Next(1, 5); j > 0; j--)
                {
                    var chomp = random.Next(3) == 0 ? "|" : "|-";
                    int keyColumn;
                    switch (random.Next(3))
                    {
                        case 0:
                            parts.Add("k" + j + ": " + chomp);
                            keyColumn = 0;
                            break;
                        case 1:
                            parts.Add("m" + j + ":");
                            parts.Add("  k: " + chomp);
                            keyColumn = 2;
                            break;
                        default:
                            parts.Add("s" + j + ":");
                            parts.Add("- k: " + chomp);
                            keyColumn = 2;
                            break;
                    }
                    var indent = new string(' ', keyColumn + 2 + 2 * random.Next(2));
                    parts.Add(indent + "v");
                    for (var k = random.Next(0, 5); k > 0; k--)
                        parts.Add(random.Next(8) == 0 ? lines[random.Next(lines.Length)] : indent + lines[random.Next(lines.Length)].TrimStart(' '));
                }
            }
            var doc = string.Join('\n', parts) + (random.Next(2) == 0 ? "\n" : "");
            SameAsWholeText(doc);
            if (IsShortened(doc)) shortened++;
        }
        // The comparison means something only if many documents took the shortcut.
        Assert.True(shortened > 4000, $"only {shortened} documents were shortened");
    }

    private static bool IsShortened(string doc)
    {
        if (LiteralBlockElision.TryCreate(doc) is not { } elision) return false;
        try
        {
            return new YamlNodeReader(elision.Text, null).TryReadDocument(out var root, out _) && root != null && elision.TryRestore(root);
        }
        catch (YamlParseException)
        {
            return false;
        }
    }

    public static IEnumerable<object[]> GoldenFiles() => SharedData.Path == null
        ? new[] { new object[] { "(shared data missing)" } }
        : Directory.EnumerateFiles(Path.Combine(SharedData.ManifestGenerate, "output"), "*.yaml")
            .OrderBy(p => p, StringComparer.Ordinal).Select(p => new object[] { Path.GetFileName(p) });

    [SharedTheory]
    [MemberData(nameof(GoldenFiles))]
    public void IstioManifestsReadAsTheWholeText(string file)
    {
        foreach (var doc in ManifestSorter.SplitManifests(File.ReadAllText(Path.Combine(SharedData.ManifestGenerate, "output", file))))
            SameAsWholeText(doc);
    }

    [SharedFact]
    public void TheSidecarInjectorConfigMapIsShortened()
    {
        // The case this exists for: istiod's injector ConfigMap holds the injection templates in literal blocks.
        var chart = ChartLoader.Load(Path.Combine(SharedData.ReleaseManifests, "charts", "istio-control", "istio-discovery"));
        var rendered = HelmRenderer.Render(chart, null).Templates.Single(t => t.Path.EndsWith("istiod-injector-configmap.yaml", StringComparison.Ordinal));
        var doc = ManifestSorter.SplitManifests(rendered.Content).Single();
        var elision = LiteralBlockElision.TryCreate(doc);
        Assert.NotNull(elision);
        Assert.True(elision.Text.Length < doc.Length / 10, $"{elision.Text.Length} of {doc.Length} characters left");
        Assert.True(new YamlNodeReader(elision.Text, null).TryReadDocument(out var root, out _));
        Assert.True(elision.TryRestore(root!));
        SameAsWholeText(doc);
    }
}
