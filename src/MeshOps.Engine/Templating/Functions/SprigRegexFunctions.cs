using System.Text.RegularExpressions;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Sprig's regex.go. The plain names use MustCompile (a bad pattern ends the template), except regexMatch which answers false.</summary>
internal static class SprigRegexFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["regexMatch"] = (_, a) =>
        {
            FuncArgs.Count("regexMatch", a, 2);
            var (pattern, s) = (FuncArgs.Str(a[0]), FuncArgs.Str(a[1]));
            try
            {
                return GoRegex.FindAll(GoRegex.Compile(pattern), s, 1).Count > 0;
            }
            catch (RegexSyntaxException)
            {
                return false;
            }
        };
        t["mustRegexMatch"] = (_, a) =>
        {
            FuncArgs.Count("mustRegexMatch", a, 2);
            var (pattern, s) = (FuncArgs.Str(a[0]), FuncArgs.Str(a[1]));
            return GoRegex.FindAll(GoRegex.Compile(pattern), s, 1).Count > 0;
        };
        foreach (var must in new[] { false, true })
        {
            var m = must;
            string Name(string n) => m ? "must" + char.ToUpperInvariant(n[0]) + n[1..] : n;
            var findAll = Name("regexFindAll");
            t[findAll] = (_, a) =>
            {
                FuncArgs.Count(findAll, a, 3);
                var re = Compile(FuncArgs.Str(a[0]), m);
                var s = FuncArgs.Str(a[1]);
                var n = FuncArgs.Int(a[2]);
                return FuncArgs.StringList(GoRegex.FindAll(re, s, n).Select(x => x.Value));
            };
            var find = Name("regexFind");
            t[find] = (_, a) =>
            {
                FuncArgs.Count(find, a, 2);
                var re = Compile(FuncArgs.Str(a[0]), m);
                var found = GoRegex.FindAll(re, FuncArgs.Str(a[1]), 1);
                return found.Count > 0 ? found[0].Value : "";
            };
            foreach (var literal in new[] { false, true })
            {
                var lit = literal;
                var replace = Name(lit ? "regexReplaceAllLiteral" : "regexReplaceAll");
                t[replace] = (_, a) =>
                {
                    FuncArgs.Count(replace, a, 3);
                    var re = Compile(FuncArgs.Str(a[0]), m);
                    return GoRegex.ReplaceAll(re, FuncArgs.Str(a[1]), FuncArgs.Str(a[2]), lit);
                };
            }
            var split = Name("regexSplit");
            t[split] = (_, a) =>
            {
                FuncArgs.Count(split, a, 3);
                var pattern = FuncArgs.Str(a[0]);
                var re = Compile(pattern, m);
                return FuncArgs.StringList(GoRegex.Split(re, pattern, FuncArgs.Str(a[1]), FuncArgs.Int(a[2])));
            };
        }
        t["regexQuoteMeta"] = (_, a) =>
        {
            FuncArgs.Count("regexQuoteMeta", a, 1);
            return GoRegex.QuoteMeta(FuncArgs.Str(a[0]));
        };
    }

    /// <summary>must*: Compile's error as is; plain: MustCompile's panic text.</summary>
    private static Regex Compile(string pattern, bool must)
    {
        try
        {
            return GoRegex.Compile(pattern);
        }
        catch (RegexSyntaxException e) when (!must)
        {
            throw new TemplateFunctionException("regexp: Compile(" + (GoQuote.CanBackquote(pattern) ? "`" + pattern + "`" : GoQuote.Quote(pattern)) + "): " + e.Message);
        }
    }
}
