using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Kube;

/// <summary>One server-side apply conflict: a field another field manager owns with a different value.</summary>
public sealed partial record FieldConflict(string Field, string Manager)
{
    /// <summary>
    /// Reads the conflicts from a 409 Status. The API server writes one cause per field, type
    /// "FieldManagerConflict" (metav1.StatusCause's Type, whose JSON key is "reason"), message
    /// <c>conflict with "helm" using apps/v1</c> (apiserver fieldmanager printManager).
    /// Empty when the 409 is not an apply conflict.
    /// </summary>
    internal static IReadOnlyList<FieldConflict> FromStatus(JsonObject? status)
    {
        var result = new List<FieldConflict>();
        if (status?["details"]?["causes"] is not JsonArray causes) return result;
        foreach (var cause in causes.OfType<JsonObject>())
        {
            if (((string?)cause["reason"] ?? (string?)cause["type"]) != "FieldManagerConflict") continue;
            var message = (string?)cause["message"] ?? "";
            var match = ManagerPattern.Match(message);
            var manager = match.Success ? Regex.Unescape(match.Groups[1].Value) : message;
            result.Add(new FieldConflict((string?)cause["field"] ?? "(unknown field)", manager));
        }
        return result;
    }

    // Source-generated: RegexOptions.Compiled emitted and JIT-compiled IL at run time, on the first conflict of a session.
    private static readonly Regex ManagerPattern = ManagerRegex();

    [GeneratedRegex("conflicts? with \"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ManagerRegex();
}
