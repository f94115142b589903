namespace MeshOps.Engine.Templating.Functions;

/// <summary>Go's time.Month and time.Weekday: integers that print as their English names.</summary>
public sealed class GoTimeUnit : IGoObject
{
    private readonly string _typeName;
    private readonly string _name;

    private GoTimeUnit(string typeName, int value, string name)
    {
        _typeName = typeName;
        Value = value;
        _name = name;
    }

    /// <summary>The number (January = 1, Sunday = 0).</summary>
    public int Value { get; }

    public static GoTimeUnit Month(int month) => new("time.Month", month, GoTimeLayout.LongMonths[month - 1]);

    public static GoTimeUnit Weekday(DayOfWeek day) => new("time.Weekday", (int)day, GoTimeLayout.LongDays[(int)day]);

    public override string ToString() => _name;

    public override bool Equals(object? obj) => obj is GoTimeUnit u && u._typeName == _typeName && u.Value == Value;

    public override int GetHashCode() => HashCode.Combine(_typeName, Value);

    string IGoObject.GoTypeName => _typeName;

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name == "String"
            ? (_, a) =>
            {
                FuncArgs.Count(name, a, 0);
                return _name;
            }
            : null;
        return method != null;
    }
}
