using System.Text;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// go-yaml v2's map key order (sorter.go keyList.Less) for string keys: letters compare by code point, runs of
/// digits compare by numeric value ("a2" before "a10"), a letter sorts after a non-letter.
/// </summary>
internal static class GoKeyOrder
{
    /// <summary>The keys of a map, in the order go-yaml v2 writes them.</summary>
    public static string[] Sort(ICollection<string> keys)
    {
        var result = new string[keys.Count];
        keys.CopyTo(result, 0);
        if (result.Length < 2) return result;
        var runes = new int[result.Length][];
        var index = new int[result.Length];
        for (var i = 0; i < result.Length; i++)
        {
            runes[i] = ToRunes(result[i]);
            index[i] = i;
        }
        Array.Sort(index, (x, y) => Less(runes[x], runes[y]) ? -1 : Less(runes[y], runes[x]) ? 1 : 0);
        var sorted = new string[result.Length];
        for (var i = 0; i < index.Length; i++) sorted[i] = result[index[i]];
        return sorted;
    }

    private static int[] ToRunes(string s)
    {
        var list = new int[s.Length];
        var n = 0;
        foreach (var r in s.EnumerateRunes()) list[n++] = r.Value;
        if (n != list.Length) Array.Resize(ref list, n);
        return list;
    }

    private static bool IsLetter(int c) => c < 0x80 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' : Rune.IsLetter(new Rune(c));

    private static bool IsDigit(int c) => c < 0x80 ? (uint)(c - '0') <= 9 : Rune.IsDigit(new Rune(c));

    /// <summary>keyList.Less for two strings given as code points.</summary>
    internal static bool Less(int[] ar, int[] br)
    {
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i]) continue;
            var al = IsLetter(ar[i]);
            var bl = IsLetter(br[i]);
            if (al && bl) return ar[i] < br[i];
            if (al || bl) return bl;
            long an = 0, bn = 0;
            if (ar[i] == '0' || br[i] == '0')
            {
                // A zero inside a longer number ("10" vs "1a") is not a leading zero.
                for (var j = i - 1; j >= 0 && IsDigit(ar[j]); j--)
                {
                    if (ar[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai, bi;
            for (ai = i; ai < ar.Length && IsDigit(ar[ai]); ai++) an = unchecked(an * 10 + (ar[ai] - '0'));
            for (bi = i; bi < br.Length && IsDigit(br[bi]); bi++) bn = unchecked(bn * 10 + (br[bi] - '0'));
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return ar[i] < br[i];
        }
        return ar.Length < br.Length;
    }
}
