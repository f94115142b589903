namespace MeshOps.Engine.Templating.Functions;

/// <summary>Helm's VersionSet (a []string): the API versions; <c>Has "apps/v1"</c> or <c>Has "apps/v1/Deployment"</c>.</summary>
public sealed class HelmVersionSet : List<object?>, IGoObject
{
    private readonly string _typeName;

    /// <param name="versions">The versions in order, duplicates kept.</param>
    /// <param name="package">The Go package of the type: "common" (Helm 4) or "chartutil" (Helm 3).</param>
    public HelmVersionSet(IEnumerable<string> versions, string package = HelmBuild.Helm4Package) : base(versions)
    {
        _typeName = package + ".VersionSet";
    }

    /// <summary>Whether the exact string is in the set.</summary>
    public bool Has(string apiVersion) => Contains(apiVersion);

    string IGoObject.GoTypeName => _typeName;

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name == "Has"
            ? (_, a) =>
            {
                FuncArgs.Count(name, a, 1);
                return Has(FuncArgs.StrAt(a[0], 0));
            }
            : null;
        return method != null;
    }
}
