using System.Text;
using MeshOps.Engine.Templating;

namespace MeshOps.Engine.Charts;

/// <summary>Helm's rewording of Go template errors (engine.go cleanupParseError and reformatExecErrorMsg).</summary>
internal static class HelmErrors
{
    private const string WarnStart = "HELM_ERR_START";
    private const string WarnEnd = "HELM_ERR_END";

    /// <summary><c>parse error at (FILE:LINE): MESSAGE</c>.</summary>
    public static TemplateParseException Parse(string fileName, TemplateParseException e)
    {
        var tokens = e.Message.Split(": ");
        var message = tokens.Length == 1
            ? $"parse error in ({fileName}): {e.Message}"
            : $"parse error at ({tokens[1]}): {tokens[^1]}";
        return new TemplateParseException(message, e.TemplateName, e.Line, e.Column, e);
    }

    /// <summary>
    /// <c>execution error at (FILE:LINE:COL): MESSAGE</c> for required/fail, otherwise the chain of template
    /// locations Helm prints (one block per nested include).
    /// </summary>
    public static TemplateExecException Execution(string fileName, TemplateExecException e)
    {
        return new TemplateExecException(Reformat(fileName, e.Message), e.TemplateName, e.Kind, e) { FunctionMessage = e.FunctionMessage };
    }

    internal static string Reformat(string fileName, string message)
    {
        var tokens = message.Split(": ", 3);
        if (tokens.Length != 3) return $"execution error in ({fileName}): {message}";
        var location = tokens[1];
        var start = tokens[2].IndexOf(WarnStart, StringComparison.Ordinal);
        var end = tokens[2].LastIndexOf(WarnEnd, StringComparison.Ordinal);
        if (start >= 0 && end > start)
            return $"execution error at ({location}): {tokens[2][(start + WarnStart.Length)..end]}";

        // Go wraps nested failures as "...: error calling include: template: ..."; each "template: " starts a level.
        var levels = new List<string>();
        var rest = message;
        while (rest.StartsWith("template: ", StringComparison.Ordinal))
        {
            var body = rest["template: ".Length..];
            var next = body.IndexOf(" template: ", StringComparison.Ordinal);
            levels.Add(next < 0 ? body : body[..next]);
            rest = next < 0 ? "" : body[(next + 1)..];
        }
        if (levels.Count == 0) return message;
        var sb = new StringBuilder();
        string? previous = null;
        foreach (var level in levels)
        {
            var block = FormatLevel(level);
            if (block is null) return message;
            if (block == previous) continue;
            sb.Append(block);
            previous = block;
        }
        return sb.ToString().Trim();
    }

    private static string? FormatLevel(string level)
    {
        var executing = level.IndexOf(": executing \"", StringComparison.Ordinal);
        if (executing >= 0)
        {
            var templateName = level[..executing];
            var after = level[(executing + ": executing ".Length)..];
            var endQuote = after.IndexOf('"', 1);
            if (endQuote < 0) return null;
            var function = after[1..endQuote];
            var afterFunc = after[(endQuote + 1)..];
            if (!afterFunc.StartsWith(" at <", StringComparison.Ordinal)) return null;
            var close = afterFunc.IndexOf(">: ", StringComparison.Ordinal);
            if (close < 0) return null;
            var locationName = afterFunc[" at <".Length..close];
            var errMsg = afterFunc[(close + 3)..];
            return $"{templateName}\n  executing \"{function}\" at <{locationName}>:\n    {errMsg}\n";
        }
        var sep = level.LastIndexOf(": ", StringComparison.Ordinal);
        if (sep < 0) return null;
        return $"{level[..sep]}\n  {level[(sep + 2)..]}\n";
    }
}
