using MeshOps.Engine.Versions;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Sprig's semver.go, url.go and network.go.</summary>
internal static class SprigMiscFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["semver"] = (_, a) =>
        {
            FuncArgs.Count("semver", a, 1);
            return new SemverValue(ParseVersion(FuncArgs.StrAt(a[0], 0)));
        };
        RegisterSemverCompare(t, SemverCompatibility.Current);
        t["urlParse"] = (_, a) =>
        {
            FuncArgs.Count("urlParse", a, 1);
            GoUrl u;
            try
            {
                u = GoUrl.Parse(FuncArgs.Str(a[0]));
            }
            catch (TemplateFunctionException e)
            {
                throw new TemplateFunctionException("unable to parse url: " + e.Message);
            }
            var d = FuncArgs.NewMap();
            d["scheme"] = u.Scheme;
            d["host"] = u.Host;
            d["hostname"] = u.Hostname();
            d["path"] = u.Path;
            d["query"] = u.RawQuery;
            d["opaque"] = u.Opaque;
            d["fragment"] = u.Fragment;
            d["userinfo"] = u.User ?? "";
            return d;
        };
        t["urlJoin"] = (_, a) =>
        {
            FuncArgs.Count("urlJoin", a, 1);
            var d = FuncArgs.Map(a[0]);
            var u = new GoUrl
            {
                Scheme = Part(d, "scheme"),
                Host = Part(d, "host"),
                Path = Part(d, "path"),
                RawQuery = Part(d, "query"),
                Opaque = Part(d, "opaque"),
                Fragment = Part(d, "fragment"),
            };
            var userinfo = Part(d, "userinfo");
            if (userinfo.Length > 0) u.User = userinfo;
            return u.ToString();
        };
        // Helm replaces Sprig's getHostByName with one returning "" unless DNS lookups are enabled; MeshOps never resolves.
        t["getHostByName"] = (_, a) =>
        {
            FuncArgs.Count("getHostByName", a, 1);
            FuncArgs.Str(a[0]);
            return "";
        };
    }

    /// <summary>semverCompare with the pre-release rule of the given Masterminds/semver release.</summary>
    public static void RegisterSemverCompare(IDictionary<string, TemplateFunc> t, SemverCompatibility compatibility) =>
        t["semverCompare"] = (_, a) =>
        {
            FuncArgs.Count("semverCompare", a, 2);
            // Go converts both arguments to string before the call, so a wrong type is reported at the argument.
            var (constraintText, versionText) = (FuncArgs.StrAt(a[0], 0), FuncArgs.StrAt(a[1], 1));
            SemVersionConstraint constraint;
            try
            {
                // Both parses are cached: charts compare constant constraints with the same version on every render.
                constraint = SemVersionConstraint.ParseCached(constraintText);
            }
            catch (FormatException e)
            {
                throw new TemplateFunctionException(e.Message);
            }
            return constraint.Check(ParseVersion(versionText, cached: true), compatibility);
        };

    private static SemVersion ParseVersion(string text, bool cached = false)
    {
        try
        {
            return cached ? SemVersion.ParseCached(text) : SemVersion.Parse(text);
        }
        catch (FormatException e)
        {
            throw new TemplateFunctionException(e.Message);
        }
    }

    private static string Part(Dictionary<string, object?>? d, string key)
    {
        if (d == null || !d.TryGetValue(key, out var v)) return "";
        if (v is string s) return s;
        if (v == null) throw FuncArgs.NilDereference();
        throw new TemplateFunctionException($"unable to parse {key} key, must be of type string, but {GoValues.KindOf(v)} found");
    }
}
