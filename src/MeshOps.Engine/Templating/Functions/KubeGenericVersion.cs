using System.Globalization;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// k8s.io/apimachinery's version.ParseGeneric (v0.35), which Helm 4 reads <c>--kube-version</c> with: optional
/// leading whitespace and "v", then two or more dot-separated decimal components; whatever follows them (a
/// pre-release, build metadata, any other text on the same line) is ignored.
/// </summary>
internal static class KubeGenericVersion
{
    /// <summary>The numeric components; throws <see cref="FormatException"/> with apimachinery's message.</summary>
    public static IReadOnlyList<ulong> Parse(string text)
    {
        // ^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)*$ with RE2's \s ([\t\n\f\r ]) and '.' that stops at a newline.
        var i = 0;
        while (i < text.Length && text[i] is '\t' or '\n' or '\f' or '\r' or ' ') i++;
        if (i < text.Length && text[i] == 'v') i++;
        var start = i;
        while (i < text.Length && (IsDigit(text[i]) || text[i] == '.' && i + 1 < text.Length && IsDigit(text[i + 1]) && i > start)) i++;
        if (i == start || text.IndexOf('\n', i) >= 0)
            throw new FormatException($"could not parse {GoQuote.Quote(text)} as version");

        var components = text[start..i].Split('.');
        if (components.Length < 2) throw new FormatException($"illegal version string {GoQuote.Quote(text)}");
        var numbers = new ulong[components.Length];
        for (var c = 0; c < components.Length; c++)
        {
            var comp = components[c];
            // Generic versions refuse a leading zero only in the first component.
            if (c == 0 && comp.StartsWith('0') && comp != "0")
                throw new FormatException($"illegal zero-prefixed version component {GoQuote.Quote(comp)} in {GoQuote.Quote(text)}");
            if (!ulong.TryParse(comp, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[c]))
                throw new FormatException($"illegal non-numeric version component {GoQuote.Quote(comp)} in {GoQuote.Quote(text)}: " +
                    $"strconv.ParseUint: parsing {GoQuote.Quote(comp)}: value out of range");
        }
        return numbers;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
