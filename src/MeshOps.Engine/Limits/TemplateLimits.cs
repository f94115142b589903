using System.Collections;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Limits;

/// <summary>
/// The size limits on values a template builds (<see cref="EngineLimits.MaxTemplateStringChars"/>,
/// <see cref="EngineLimits.MaxTemplateListItems"/>). The executor checks every function's result, which stops a
/// value that doubles in a loop one step past the limit; functions that can multiply their input (repeat, indent,
/// replace, join, concat, until, print) check the size they are about to build, before allocating it.
/// </summary>
internal static class TemplateLimits
{
    public const string ValueTooLargeId = "TemplateValueTooLarge";

    /// <summary>What is too large about V, or null when it is within the limits.</summary>
    public static string? TooLarge(object? v) => v switch
    {
        string s when s.Length > EngineLimits.MaxTemplateStringChars => StringMessage(s.Length),
        ICollection c when c.Count > EngineLimits.MaxTemplateListItems => ListMessage(c.Count),
        _ => null,
    };

    /// <summary>Fails when FUNCTION is about to build a string of CHARS characters.</summary>
    public static void CheckLength(long chars, string function)
    {
        if (chars > EngineLimits.MaxTemplateStringChars) throw Exceeded(function, StringMessage(chars));
    }

    /// <summary>Fails when FUNCTION is about to build a list of ITEMS items.</summary>
    public static void CheckCount(long items, string function)
    {
        if (items > EngineLimits.MaxTemplateListItems) throw Exceeded(function, ListMessage(items));
    }

    private static MeshException Exceeded(string function, string message) =>
        new(ValueTooLargeId, MeshErrorKind.LimitsExceeded, function + ": " + message);

    private static string StringMessage(long chars) =>
        $"the string it builds would hold {chars} characters, more than the limit of {EngineLimits.MaxTemplateStringChars}; a template that doubles a value in a loop grows it without bound";

    private static string ListMessage(long items) =>
        $"the list it builds would hold {items} items, more than the limit of {EngineLimits.MaxTemplateListItems}; a template that doubles a value in a loop grows it without bound";
}
