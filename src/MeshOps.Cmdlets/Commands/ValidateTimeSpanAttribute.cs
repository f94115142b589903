using System.Globalization;
using System.Management.Automation;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Refuses a TimeSpan that is zero or negative, or longer than <see cref="Maximum"/>, at parameter binding, before any
/// request: ValidateRange cannot compare TimeSpans, and a negative timeout would otherwise reach the cluster.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateTimeSpanAttribute : ValidateArgumentsAttribute
{
    /// <summary>The longest value allowed, as TimeSpan text ("1.00:00:00" is one day, the default).</summary>
    public string Maximum { get; set; } = "1.00:00:00";

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject ps ? ps.BaseObject : arguments;
        if (value is not TimeSpan span) return; // binding already converted; anything else is not ours to judge
        var maximum = TimeSpan.Parse(Maximum, CultureInfo.InvariantCulture);
        if (span <= TimeSpan.Zero)
            throw new ValidationMetadataException($"The duration {span} is not positive. Give a duration greater than zero, such as 00:00:30 or (New-TimeSpan -Seconds 30).");
        if (span > maximum)
            throw new ValidationMetadataException($"The duration {span} is longer than the maximum {maximum}.");
    }
}
