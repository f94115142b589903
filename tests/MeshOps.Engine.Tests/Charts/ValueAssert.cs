namespace MeshOps.Engine.Tests.Charts;

/// <summary>Structural equality of engine values that also checks CLR types (long is not double is not string).</summary>
internal static class ValueAssert
{
    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) map[k] = v;
        return map;
    }

    public static List<object?> List(params object?[] items) => items.ToList();

    public static void Equal(object? expected, object? actual, string path = "$")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {Describe(actual)}");
                return;
            case Dictionary<string, object?> em:
            {
                var am = Assert.IsType<Dictionary<string, object?>>(actual);
                Assert.True(em.Keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(am.Keys.OrderBy(k => k, StringComparer.Ordinal)),
                    $"{path}: keys differ: expected [{string.Join(",", em.Keys.Order())}], got [{string.Join(",", am.Keys.Order())}]");
                foreach (var (k, v) in em) Equal(v, am[k], path + "." + k);
                return;
            }
            case List<object?> el:
            {
                var al = Assert.IsType<List<object?>>(actual);
                Assert.True(el.Count == al.Count, $"{path}: expected {el.Count} items, got {al.Count}");
                for (var i = 0; i < el.Count; i++) Equal(el[i], al[i], $"{path}[{i}]");
                return;
            }
            default:
                Assert.True(actual is not null && expected.GetType() == actual.GetType() && expected.Equals(actual),
                    $"{path}: expected {Describe(expected)}, got {Describe(actual)}");
                return;
        }
    }

    private static string Describe(object? v) => v is null ? "null" : $"{v.GetType().Name} {v}";
}
