using System.Globalization;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>Reports bytes received to the host, at most once per percent (or per MiB when the size is unknown).</summary>
internal sealed class DownloadProgress
{
    /// <summary>The progress activity id of release downloads.</summary>
    public const int ActivityId = ProgressIds.Download;

    private const long Step = 1024 * 1024;
    private readonly IMeshHost _host;
    private readonly string _activity;
    private readonly long? _length;
    private long _lastReported = -1;

    public DownloadProgress(IMeshHost host, string activity, long? length)
    {
        _host = host;
        _activity = activity;
        _length = length is > 0 ? length : null;
    }

    public void Report(long received)
    {
        var percent = _length is { } total ? (int)Math.Min(100, received * 100 / total) : -1;
        var lastPercent = _length is { } t && _lastReported >= 0 ? (int)Math.Min(100, _lastReported * 100 / t) : -2;
        if (_length.HasValue ? percent == lastPercent : received - _lastReported < Step) return;
        _lastReported = received;
        _host.WriteProgress(new MeshProgress(ActivityId, _activity, Status(received), percent));
    }

    public void Complete(long received) => _host.WriteProgress(new MeshProgress(ActivityId, _activity, Status(received), 100, Completed: true));

    private string Status(long received) => _length is { } total
        ? string.Create(CultureInfo.InvariantCulture, $"{Megabytes(received)} of {Megabytes(total)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Megabytes(received)} MB");

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture);
}
