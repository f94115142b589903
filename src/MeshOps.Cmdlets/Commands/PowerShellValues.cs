using System.Collections;
using System.Management.Automation;
using MeshOps.Engine.Hosting;

namespace MeshOps.Cmdlets.Commands;

/// <summary>PowerShell values (hashtables, arrays, PSObjects) as the engine's Go values.</summary>
internal static class PowerShellValues
{
    public static Dictionary<string, object?> ToMap(IDictionary dictionary, string parameter)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = (entry.Key is PSObject pk ? pk.BaseObject : entry.Key)?.ToString()
                ?? throw new MeshException("InvalidMeshConfigValue", MeshErrorKind.InvalidArgument, $"{parameter} has a null key.", null);
            map[key] = ToGo(entry.Value, parameter);
        }
        return map;
    }

    public static object? ToGo(object? value, string parameter) => (value is PSObject ps ? ps.BaseObject : value) switch
    {
        null => null,
        string s => s,
        bool b => b,
        int i => i,
        long l => l,
        short or byte or sbyte or ushort or uint => Convert.ToInt32(value is PSObject p2 ? p2.BaseObject : value, System.Globalization.CultureInfo.InvariantCulture),
        ulong u => (long)u,
        double d => d,
        float f => (double)f,
        decimal m => (double)m,
        IDictionary d => ToMap(d, parameter),
        IEnumerable e => e.Cast<object?>().Select(v => ToGo(v, parameter)).ToList(),
        var other => other.ToString(),
    };
}
