using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Operator;

/// <summary>
/// One problem found in an IstioOperator input: a stable id (IstioOperatorUnknownField, IstioOperatorWrongType,
/// RevisionInvalid, ...), where it is (file, 1-based line and column when known, field path) and what to do.
/// </summary>
public sealed record OperatorIssue(string ErrorId, string Message, string? Source, int Line, int Column, string? FieldPath)
{
    /// <summary>Something the release's istioctl accepts but the user should know (reported as a warning, never an error).</summary>
    public bool IsWarning { get; init; }

    /// <summary>"file:line:col: message" (parts that are unknown are left out).</summary>
    public override string ToString()
    {
        var where = Source ?? "";
        if (Line > 0) where += (where.Length > 0 ? ":" : "line ") + Line + (Column > 0 ? ":" + Column : "");
        return where.Length > 0 ? where + ": " + Message : Message;
    }
}

/// <summary>
/// IstioOperator input that istioctl would reject. <see cref="MeshException.ErrorId"/> is the id of the first
/// issue; <see cref="Issues"/> lists them all. Callers may pass Force to get them back as warnings instead,
/// as <c>istioctl --force</c> does, where istioctl allows it.
/// </summary>
public sealed class IstioOperatorException : MeshException
{
    public IstioOperatorException(IReadOnlyList<OperatorIssue> issues, MeshErrorKind kind = MeshErrorKind.InvalidData)
        : base(issues[0].ErrorId, kind, Format(issues), issues[0].Source)
    {
        Issues = issues;
    }

    /// <summary>Every problem found, in input order.</summary>
    public IReadOnlyList<OperatorIssue> Issues { get; }

    private static string Format(IReadOnlyList<OperatorIssue> issues) =>
        issues.Count == 1
            ? issues[0].ToString()
            : $"{issues.Count} problems in the IstioOperator input (use -Force to continue anyway where istioctl allows it):{Environment.NewLine}"
              + string.Join(Environment.NewLine, issues.Select(i => "  " + i));
}

/// <summary>Throw helpers for single, non-validation errors.</summary>
internal static class OperatorErrors
{
    public static IstioOperatorException Single(string errorId, string message, string? source = null, int line = 0, int column = 0, string? path = null,
        MeshErrorKind kind = MeshErrorKind.InvalidData) =>
        new(new[] { new OperatorIssue(errorId, message, source, line, column, path) }, kind);
}
