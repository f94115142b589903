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
        return new TemplateParseException(message, e.TemplateName, e.Line, e.Column, e, e.ErrorId, e.Kind);
    }

    /// <summary>
    /// <c>execution error at (FILE:LINE:COL): MESSAGE</c> for required/fail, otherwise the chain of template
    /// locations Helm prints (one block per nested include).
    /// </summary>
    public static TemplateExecException Execution(string fileName, TemplateExecException e)
    {
        var message = Reformat(fileName, e.Message);
        // A limit error raised deep inside templates that tpl made names only those ("gotpl"); say which file it was.
        if (e.Kind == Hosting.MeshErrorKind.LimitsExceeded && !message.Contains(fileName, StringComparison.Ordinal))
            message += $" (rendering {fileName})";
        return new TemplateExecException(message, e.TemplateName, e.Kind, e, e.ErrorId) { FunctionMessage = e.FunctionMessage };
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

        // Helm walks Go's error chain: each "error calling F: " wraps the function's error. A link that is not a
        // template error (a plain function error, tpl's wrapper) makes Helm print the original message unchanged.
        var blocks = new List<string>();
        for (var current = message; current != null;)
        {
            if (!TryParseLevel(current, out var block, out var wrapped)) return message;
            if (blocks.Count == 0 || blocks[^1] != block) blocks.Add(block);
            current = wrapped;
        }
        return string.Concat(blocks).Trim();
    }

    /// <summary>One link of the chain as Helm's TraceableError prints it, and the error it wraps (if any).</summary>
    private static bool TryParseLevel(string text, out string block, out string? wrapped)
    {
        block = "";
        wrapped = null;
        const string prefix = "template: ";
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var remainder = text[prefix.Length..];
        if (remainder.StartsWith("no template ", StringComparison.Ordinal))
        {
            block = text + "\n";
            return true;
        }
        var executing = remainder.IndexOf(": executing ", StringComparison.Ordinal);
        if (executing >= 0)
        {
            var templateName = remainder[..executing];
            var after = remainder[(executing + ": executing ".Length)..];
            if (after.Length == 0 || after[0] != '"') return false;
            var endQuote = after.IndexOf('"', 1);
            if (endQuote < 0) return false;
            var function = after[1..endQuote];
            var afterFunc = after[(endQuote + 1)..];
            if (!afterFunc.StartsWith(" at <", StringComparison.Ordinal)) return false;
            var close = afterFunc.IndexOf(">: ", StringComparison.Ordinal);
            if (close < 0) return false;
            var locationName = afterFunc[" at <".Length..close];
            var errMsg = afterFunc[(close + 3)..];
            if (errMsg.StartsWith("error calling ", StringComparison.Ordinal))
            {
                var colon = errMsg.IndexOf(": ", StringComparison.Ordinal);
                if (colon >= 0) wrapped = errMsg[(colon + 2)..];
            }
            var cut = errMsg.IndexOf(" template:", StringComparison.Ordinal);
            if (cut >= 0) errMsg = errMsg[..cut];
            block = $"{templateName}\n  executing \"{function}\" at <{locationName}>:\n    {errMsg}\n";
            return true;
        }
        var sep = remainder.LastIndexOf(": ", StringComparison.Ordinal);
        if (sep < 0) return false;
        var message = remainder[(sep + 2)..];
        var simpleCut = message.IndexOf(" template:", StringComparison.Ordinal);
        if (simpleCut >= 0) message = message[..simpleCut];
        block = $"{remainder[..sep]}\n  {message}\n";
        return true;
    }
}
