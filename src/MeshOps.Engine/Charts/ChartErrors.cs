using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Charts;

/// <summary>The stable error ids of the chart engine and the exceptions that carry them.</summary>
public static class ChartErrors
{
    /// <summary>The chart path does not exist.</summary>
    public const string ChartNotFound = "ChartNotFound";
    /// <summary>Chart.yaml, values.yaml, the layout or the archive of a chart is broken.</summary>
    public const string ChartInvalid = "ChartInvalid";
    /// <summary>A chart archive (.tgz) is empty, truncated, not gzip or not a tar stream.</summary>
    public const string ChartArchiveInvalid = "ChartArchiveInvalid";
    /// <summary>An archive or file is bigger than the loader allows.</summary>
    public const string ChartTooLarge = "ChartTooLarge";
    /// <summary>A user values file (or --set-json object) is not valid YAML/JSON or not a map.</summary>
    public const string ValuesInvalid = "ValuesInvalid";
    /// <summary>A --set style expression does not parse.</summary>
    public const string SetSyntaxInvalid = "SetSyntaxInvalid";
    /// <summary>The values do not meet values.schema.json.</summary>
    public const string SchemaValidationFailed = "SchemaValidationFailed";
    /// <summary>values.schema.json itself is not valid JSON or not a schema.</summary>
    public const string SchemaInvalid = "SchemaInvalid";
    /// <summary>A dependency listed in Chart.yaml is missing from charts/, or the chart cannot be installed.</summary>
    public const string ChartDependencyMissing = "ChartDependencyMissing";
    /// <summary>The chart's kubeVersion constraint excludes the target Kubernetes version.</summary>
    public const string KubeVersionIncompatible = "KubeVersionIncompatible";
    /// <summary>An --api-versions value is not a comma-separated (CSV) list.</summary>
    public const string ApiVersionsInvalid = "ApiVersionsInvalid";
    /// <summary>A rendered template is not valid YAML where Helm needs to read it (kind, metadata, hooks).</summary>
    public const string ManifestInvalid = "ManifestInvalid";
    /// <summary>A library chart was given to render.</summary>
    public const string ChartNotInstallable = "ChartNotInstallable";

    internal static MeshException NotFound(string path, string message) =>
        new(ChartNotFound, MeshErrorKind.ObjectNotFound, message, path);

    internal static MeshException Invalid(string target, string message, Exception? inner = null) =>
        new(ChartInvalid, MeshErrorKind.InvalidData, message, target, inner);

    internal static MeshException ArchiveInvalid(string target, string message, Exception? inner = null) =>
        new(ChartArchiveInvalid, MeshErrorKind.InvalidData, message, target, inner);

    internal static MeshException TooLarge(string target, string message) =>
        new(ChartTooLarge, MeshErrorKind.LimitsExceeded, message, target);

    internal static MeshException Values(string target, string message, Exception? inner = null) =>
        new(ValuesInvalid, MeshErrorKind.InvalidData, message, target, inner);

    internal static MeshException SetSyntax(string expression, string message) =>
        new(SetSyntaxInvalid, MeshErrorKind.SyntaxError, message, expression);
}
