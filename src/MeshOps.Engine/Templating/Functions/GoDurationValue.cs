namespace MeshOps.Engine.Templating.Functions;

/// <summary>A Go time.Duration value (what Helm 4's mustToDuration and durationRoundTo return); prints as Duration.String.</summary>
public sealed class GoDurationValue : IGoObject
{
    public GoDurationValue(long nanoseconds) => Nanoseconds = nanoseconds;

    public long Nanoseconds { get; }

    public override string ToString() => GoDuration.Format(Nanoseconds);

    public override bool Equals(object? obj) => obj is GoDurationValue d && d.Nanoseconds == Nanoseconds;

    public override int GetHashCode() => Nanoseconds.GetHashCode();

    string IGoObject.GoTypeName => "time.Duration";

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name switch
        {
            "String" => NoArgs(name, ToString),
            "Nanoseconds" => NoArgs(name, () => Nanoseconds),
            "Seconds" => NoArgs(name, () => HelmDurationFunctions.Seconds(Nanoseconds)),
            "Minutes" => NoArgs(name, () => HelmDurationFunctions.Minutes(Nanoseconds)),
            "Hours" => NoArgs(name, () => HelmDurationFunctions.Hours(Nanoseconds)),
            _ => null,
        };
        return method != null;
    }

    private static TemplateFunc NoArgs(string name, Func<object> f) => (_, a) =>
    {
        FuncArgs.Count(name, a, 0);
        return f();
    };
}
