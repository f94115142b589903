namespace MeshOps.Engine.Yaml;

/// <summary>
/// yaml_emitter_analyze_scalar: which styles can represent a scalar text. Characters are Unicode code points;
/// "printable" is libyaml's set (tab, CR, DEL, C1 controls and everything above U+FFFF are not printable).
/// </summary>
internal readonly struct ScalarAnalysis
{
    public bool Multiline { get; init; }
    public bool FlowPlainAllowed { get; init; }
    public bool BlockPlainAllowed { get; init; }
    public bool SingleQuotedAllowed { get; init; }
    public bool BlockAllowed { get; init; }

    public static bool IsPrintable(int c) =>
        c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    public static bool IsBreak(int c) => c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;

    private static bool IsBlank(int c) => c == ' ' || c == '\t';

    /// <summary>The string as code points (surrogate pairs joined; lone surrogates kept as they are).</summary>
    public static int[] CodePoints(string s)
    {
        var result = new int[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                result[n++] = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            else
            {
                result[n++] = c;
            }
        }
        if (n != result.Length) Array.Resize(ref result, n);
        return result;
    }

    public static ScalarAnalysis Of(string value) => Of(CodePoints(value));

    public static ScalarAnalysis Of(int[] cps)
    {
        if (cps.Length == 0)
        {
            return new ScalarAnalysis
            {
                Multiline = false,
                FlowPlainAllowed = false,
                BlockPlainAllowed = true,
                SingleQuotedAllowed = true,
                BlockAllowed = false,
            };
        }

        bool blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;

        if (cps.Length >= 3 && ((cps[0] == '-' && cps[1] == '-' && cps[2] == '-') || (cps[0] == '.' && cps[1] == '.' && cps[2] == '.')))
        {
            blockIndicators = true;
            flowIndicators = true;
        }

        var precededByWhitespace = true;
        for (var i = 0; i < cps.Length; i++)
        {
            var c = cps[i];
            var followedByWhitespace = i + 1 >= cps.Length || IsBlank(cps[i + 1]);
            var last = i + 1 == cps.Length;
            if (i == 0)
            {
                switch (c)
                {
                    case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
                    case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
                        flowIndicators = true;
                        blockIndicators = true;
                        break;
                    case '?': case ':':
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                        break;
                    case '-':
                        if (followedByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                        break;
                }
            }
            else
            {
                switch (c)
                {
                    case ',': case '?': case '[': case ']': case '{': case '}':
                        flowIndicators = true;
                        break;
                    case ':':
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                        break;
                    case '#':
                        if (precededByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                        break;
                }
            }

            if (!IsPrintable(c)) specialCharacters = true;
            if (c == ' ')
            {
                if (i == 0) leadingSpace = true;
                if (last) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                if (i == 0) leadingBreak = true;
                if (last) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }
            // is_blankz: blank, break or NUL.
            precededByWhitespace = IsBlank(c) || IsBreak(c) || c == 0;
        }

        bool flowPlain = true, blockPlain = true, singleQuoted = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            flowPlain = false;
            blockPlain = false;
        }
        if (trailingSpace) block = false;
        if (breakSpace)
        {
            flowPlain = false;
            blockPlain = false;
            singleQuoted = false;
        }
        if (spaceBreak || specialCharacters)
        {
            flowPlain = false;
            blockPlain = false;
            singleQuoted = false;
            block = false;
        }
        if (lineBreaks)
        {
            flowPlain = false;
            blockPlain = false;
        }
        if (flowIndicators) flowPlain = false;
        if (blockIndicators) blockPlain = false;
        return new ScalarAnalysis
        {
            Multiline = lineBreaks,
            FlowPlainAllowed = flowPlain,
            BlockPlainAllowed = blockPlain,
            SingleQuotedAllowed = singleQuoted,
            BlockAllowed = block,
        };
    }
}
