using System.Text;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Limits;

/// <summary>
/// Reads an input file the user named, never more than <see cref="EngineLimits.MaxInputFileBytes"/>: the length is
/// not trusted (character devices such as /dev/zero and pipes have none), bytes are counted as they are read.
/// I/O failures (missing file, no access) are left to the caller, which knows what the file is for.
/// </summary>
public static class InputFile
{
    /// <summary>The file's text, decoded as File.ReadAllText does (UTF-8 unless a byte order mark says otherwise).</summary>
    /// <param name="what">What the file is, for the message: "IstioOperator file", "values file", "kubeconfig".</param>
    /// <exception cref="MeshException">InputFileTooLarge.</exception>
    public static string ReadAllText(string path, string what, long maxBytes = EngineLimits.MaxInputFileBytes)
    {
        using var buffer = ReadCapped(path, what, maxBytes);
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The file's bytes.</summary>
    /// <exception cref="MeshException">InputFileTooLarge.</exception>
    public static byte[] ReadAllBytes(string path, string what, long maxBytes = EngineLimits.MaxInputFileBytes)
    {
        using var buffer = ReadCapped(path, what, maxBytes);
        return buffer.ToArray();
    }

    private static MemoryStream ReadCapped(string path, string what, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var result = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - result.Length));
            if (n == 0) break;
            result.Write(chunk, 0, n);
            if (result.Length > maxBytes) throw TooLarge(path, what, maxBytes);
        }
        result.Position = 0;
        return result;
    }

    public static MeshException TooLarge(string path, string what, long maxBytes) =>
        new("InputFileTooLarge", MeshErrorKind.LimitsExceeded,
            $"The {what} '{path}' is larger than {maxBytes / (1024 * 1024)} MiB, the most MeshOps reads from one input file; check that the path names the file you meant (not a device or a pipe that never ends).",
            path);
}
