using MeshOps.Engine.Versions;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Sprig's <c>semver</c> result as templates see it: a *semver.Version with the library's methods. The version itself
/// is <see cref="SemVersion"/>; this is only its Go face (a new object per call, as Go returns a new pointer).
/// IncPatch/IncMinor/IncMajor return a Version value, whose method set lacks the pointer methods (Original, Compare...).
/// </summary>
public sealed class SemverValue : IGoObject, Yaml.IGoJsonMarshaler
{
    private readonly bool _pointer;

    internal SemverValue(SemVersion version, bool pointer = true)
    {
        Version = version;
        _pointer = pointer;
    }

    internal SemVersion Version { get; }

    public override string ToString() => Version.ToString();

    string IGoObject.GoTypeName => _pointer ? "*semver.Version" : "semver.Version";

    /// <summary>Version.MarshalJSON: the normalized version string.</summary>
    object? Yaml.IGoJsonMarshaler.JsonValue => Version.ToString();

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false; // Version's fields are unexported; templates use its methods
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        var v = Version;
        method = name switch
        {
            "Original" or "Compare" or "LessThan" or "LessThanEqual" or "GreaterThan" or "GreaterThanEqual" or "Equal" when !_pointer => null,
            "Major" => NoArgs(name, () => v.Major),
            "Minor" => NoArgs(name, () => v.Minor),
            "Patch" => NoArgs(name, () => v.Patch),
            "Prerelease" => NoArgs(name, () => v.Prerelease),
            "Metadata" => NoArgs(name, () => v.Metadata),
            "Original" => NoArgs(name, () => v.Original),
            "String" => NoArgs(name, v.ToString),
            "IncPatch" => NoArgs(name, () => new SemverValue(v.IncPatch(), pointer: false)),
            "IncMinor" => NoArgs(name, () => new SemverValue(v.IncMinor(), pointer: false)),
            "IncMajor" => NoArgs(name, () => new SemverValue(v.IncMajor(), pointer: false)),
            "Compare" => WithOther(name, o => v.CompareTo(o)),
            "LessThan" => WithOther(name, o => v.CompareTo(o) < 0),
            "LessThanEqual" => WithOther(name, o => v.CompareTo(o) <= 0),
            "GreaterThan" => WithOther(name, o => v.CompareTo(o) > 0),
            "GreaterThanEqual" => WithOther(name, o => v.CompareTo(o) >= 0),
            "Equal" => WithOther(name, o => v.CompareTo(o) == 0),
            _ => null,
        };
        return method != null;
    }

    private static TemplateFunc NoArgs(string name, Func<object> f) => (_, a) =>
    {
        FuncArgs.Count(name, a, 0);
        return f();
    };

    private static TemplateFunc WithOther(string name, Func<SemVersion, object> f) => (_, a) =>
    {
        FuncArgs.Count(name, a, 1);
        return f((a[0] as SemverValue ?? throw FuncArgs.WrongType("*semver.Version", a[0])).Version);
    };
}
