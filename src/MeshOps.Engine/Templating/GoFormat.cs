namespace MeshOps.Engine.Templating;

/// <summary>Go's fmt package for the engine's values: Sprint, Sprintln, Sprintf and %v formatting.</summary>
public static partial class GoFormat
{
    /// <summary>fmt.Sprint: operands formatted with %v; a space between two operands when neither is a string.</summary>
    public static string Sprint(params object?[] args) => throw new NotImplementedException();

    /// <summary>fmt.Sprintln: operands with %v, always space-separated, newline appended.</summary>
    public static string Sprintln(params object?[] args) => throw new NotImplementedException();

    /// <summary>fmt.Sprintf with Go's verbs, flags, width, precision and its error notations (%!d(string=x), %!(EXTRA ...), %!s(MISSING)).</summary>
    public static string Sprintf(string format, params object?[] args) => throw new NotImplementedException();

    /// <summary>fmt's %v of one value: maps as map[k:v] with sorted keys, slices as [a b], nil as &lt;nil&gt;, floats as strconv 'g' shortest.</summary>
    public static string FormatValue(object? v) => throw new NotImplementedException();
}
