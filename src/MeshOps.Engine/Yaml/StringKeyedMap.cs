using System.Collections;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// Views any string-keyed dictionary (the value model's Dictionary&lt;string, object?&gt;, or e.g. a
/// Dictionary&lt;string, string&gt; of labels) as string keys plus a lookup, as Go's json.Marshal sees a map[string]T.
/// </summary>
internal static class StringKeyedMap
{
    public static bool TryView(object value, out ICollection<string> keys, out Func<string, object?> lookup)
    {
        switch (value)
        {
            case IDictionary<string, object?> typed:
                keys = typed.Keys;
                lookup = k => typed[k];
                return true;
            case IDictionary plain:
            {
                var list = new List<string>(plain.Count);
                foreach (var key in plain.Keys)
                {
                    if (key is not string s)
                    {
                        keys = Array.Empty<string>();
                        lookup = _ => null;
                        return false;
                    }
                    list.Add(s);
                }
                keys = list;
                lookup = k => plain[k];
                return true;
            }
            default:
                keys = Array.Empty<string>();
                lookup = _ => null;
                return false;
        }
    }
}
