namespace MeshOps.Engine.Hosting;

/// <summary>What kind of failure an engine error is; the cmdlets map it onto PowerShell's ErrorCategory.</summary>
public enum MeshErrorKind
{
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    ResourceExists,
    InvalidOperation,
    PermissionDenied,
    ConnectionError,
    OperationTimeout,
    ResourceUnavailable,
    SyntaxError,
    LimitsExceeded,
    OperationStopped,
    NotImplemented,
    /// <summary>A trust failure, such as a server certificate no configured CA vouches for.</summary>
    SecurityError,
    /// <summary>Credentials could not be obtained, such as a failing exec credential plugin.</summary>
    AuthenticationError,
}

/// <summary>
/// Every failure the engine reports on purpose. <see cref="ErrorId"/> is stable PascalCase (it becomes the
/// ErrorRecord's id, so scripts may match on it); <see cref="Exception.Message"/> says what went wrong and what to do.
/// </summary>
public class MeshException : Exception
{
    public MeshException(string errorId, MeshErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    public string ErrorId { get; }
    public MeshErrorKind Kind { get; }

    /// <summary>The object the error is about (a file name, a chart path, a revision); never a secret.</summary>
    public object? Target { get; }
}
