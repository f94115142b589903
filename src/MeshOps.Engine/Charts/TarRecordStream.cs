using System.Text;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Sits between gzip and <see cref="System.Formats.Tar.TarReader"/> and keeps the last whole 512-byte tar record read.
/// TarReader refuses some headers Go's archive/tar accepts (a link or device whose header claims a size) without
/// giving the entry, so the reader looks at the record to answer as Helm does. Gzip damage is told apart from tar damage
/// here, as both surface as InvalidDataException.
/// </summary>
internal sealed class TarRecordStream : Stream
{
    private const int RecordSize = 512;
    private readonly Stream _inner;
    private readonly byte[] _pending = new byte[RecordSize];
    private readonly byte[] _record = new byte[RecordSize];
    private long _position;
    private bool _hasRecord;

    public TarRecordStream(Stream inner) => _inner = inner;

    /// <summary>The type flag, name and size of the last whole record read as a ustar header, or false.</summary>
    public bool TryLastHeader(out char typeFlag, out string name, out long size)
    {
        typeFlag = (char)_record[156];
        name = "";
        size = 0;
        if (!_hasRecord || !TryParseSize(_record.AsSpan(124, 12), out size)) return false;
        name = Field(0, 100);
        if (Encoding.ASCII.GetString(_record, 257, 5) == "ustar")
        {
            var prefix = Field(345, 155);
            if (prefix.Length > 0) name = prefix + "/" + name;
        }
        return true;
    }

    /// <summary>
    /// Whether the last whole record read, the header of the entry TarReader has just returned, has a directory mode
    /// (Go's c_ISDIR exactly in the bits above the permissions). TarEntry.Mode keeps only the permission bits.
    /// </summary>
    public bool LastHeaderHasDirectoryMode() =>
        _hasRecord && TryParseSize(_record.AsSpan(100, 8), out var mode) && (mode & ~0xFFFL) == 0x4000;

    private string Field(int offset, int length)
    {
        var span = _record.AsSpan(offset, length);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    /// <summary>Go's tar numeric field (size, mode): base-256 when the high bit is set, else octal between spaces and NULs.</summary>
    private static bool TryParseSize(ReadOnlySpan<byte> field, out long size)
    {
        size = 0;
        if ((field[0] & 0x80) != 0)
        {
            foreach (var b in field[1..])
            {
                if (size > (long.MaxValue >> 8)) return false;
                size = (size << 8) | b;
            }
            return true;
        }
        foreach (var b in field)
        {
            if (b is 0 or (byte)' ') continue;
            if (b is < (byte)'0' or > (byte)'7' || size > (long.MaxValue >> 3)) return false;
            size = (size << 3) | (long)(b - '0');
        }
        return true;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            // What Go's compress/flate reports for the same damage.
            throw new ChartArchiveFormatException($"flate: corrupt input ({e.Message})", e);
        }
        Track(buffer[..read]);
        return read;
    }

    private void Track(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var at = (int)(_position % RecordSize);
            var take = Math.Min(RecordSize - at, data.Length);
            data[..take].CopyTo(_pending.AsSpan(at));
            _position += take;
            data = data[take..];
            if (_position % RecordSize != 0) continue;
            _pending.CopyTo(_record, 0);
            _hasRecord = true;
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
