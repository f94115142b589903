using System.Text.RegularExpressions;
using MeshOps.Engine.Charts;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>ManifestSorter.SplitManifests against Helm's separator regex, which the scanner replaces.</summary>
public class ManifestSplitTests
{
    // Helm's releaseutil separator, with Go's \s spelled out.
    private static readonly Regex HelmSeparator = new(@"(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*", RegexOptions.CultureInvariant);

    private static List<string> Reference(string content) =>
        HelmSeparator.Split(ManifestSorter.GoTrimSpace(content)).Where(d => d.Length > 0).Select(ManifestSorter.GoTrimSpace).ToList();

    [Theory]
    [InlineData("a: 1\n---\nb: 2", new[] { "a: 1", "b: 2" })]
    [InlineData("---\na: 1\n---\n", new[] { "a: 1" })]
    [InlineData("a: 1\n  \t\n---b: 2", new[] { "a: 1", "b: 2" })]
    [InlineData("a: 1 ---\nb: 2", new[] { "a: 1 ---\nb: 2" })]
    [InlineData("a: |\n  x\n  ---\n", new[] { "a: |\n  x\n  ---" })]
    [InlineData("a\n--\n----c", new[] { "a\n--", "-c" })]
    [InlineData("\n\n   \n", new string[0])]
    [InlineData("a\n---\n\v\n---\nb", new[] { "a", "", "b" })] // blanks the separator leaves make an empty document
    public void SplitsAsHelm(string content, string[] expected)
    {
        Assert.Equal(expected, ManifestSorter.SplitManifests(content));
        Assert.Equal(expected, Reference(content));
    }

    [Fact]
    public void AgreesWithTheRegexOnRandomText()
    {
        // Separators, blanks Go's \s has and has not (\v, NBSP), and text, in every arrangement short strings allow.
        var alphabet = new[] { "-", "---", "\n", "\n---", " ", "\t", "\r", "\f", "\v", "\u00A0", "a", "#" };
        var random = new Random(20240518);
        for (var i = 0; i < 20000; i++)
        {
            var parts = Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]);
            var content = string.Concat(parts);
            Assert.True(Reference(content).SequenceEqual(ManifestSorter.SplitManifests(content)),
                "split differs for " + System.Text.Json.JsonSerializer.Serialize(content));
        }
    }
}
