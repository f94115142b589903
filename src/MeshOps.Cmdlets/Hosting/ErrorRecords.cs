using System.Management.Automation;
using MeshOps.Engine.Hosting;

namespace MeshOps.Cmdlets.Hosting;

/// <summary>The one way engine failures become ErrorRecords: stable id, real category, the engine's message.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(MeshException error) =>
        new(error, error.ErrorId, Map(error.Kind), error.Target);

    public static ErrorRecord From(Exception error, string errorId, ErrorCategory category, object? target = null) =>
        error is MeshException mesh ? From(mesh) : new ErrorRecord(error, errorId, category, target);

    public static ErrorCategory Map(MeshErrorKind kind) => kind switch
    {
        MeshErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        MeshErrorKind.InvalidData => ErrorCategory.InvalidData,
        MeshErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        MeshErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        MeshErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        MeshErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        MeshErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        MeshErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        MeshErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        MeshErrorKind.SyntaxError => ErrorCategory.SyntaxError,
        MeshErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        MeshErrorKind.OperationStopped => ErrorCategory.OperationStopped,
        MeshErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        MeshErrorKind.SecurityError => ErrorCategory.SecurityError,
        MeshErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
        _ => ErrorCategory.NotSpecified,
    };
}
