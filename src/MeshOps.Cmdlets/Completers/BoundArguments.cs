namespace MeshOps.Cmdlets.Completers;

/// <summary>What a completer finds in fakeBoundParameters for a string[] parameter: a string, a string[] or an object[].</summary>
internal static class BoundArguments
{
    public static string[] Strings(object? value) => value switch
    {
        string one => [one],
        string[] many => many,
        object[] many => many.OfType<string>().ToArray(),
        _ => [],
    };
}
