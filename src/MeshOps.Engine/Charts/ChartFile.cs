using System.Text;

namespace MeshOps.Engine.Charts;

/// <summary>One file of a chart: its path relative to the chart root with '/' separators, and its bytes (UTF-8 BOM removed).</summary>
public sealed class ChartFile
{
    private string? _text;

    public ChartFile(string name, byte[] data)
    {
        Name = name;
        Data = data;
    }

    /// <summary>Path inside the chart, e.g. <c>templates/deployment.yaml</c>.</summary>
    public string Name { get; }

    /// <summary>The raw content.</summary>
    public byte[] Data { get; }

    /// <summary>The content as UTF-8 text (as Go's string(bytes) sees it; invalid bytes become U+FFFD).</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(Data);
}
