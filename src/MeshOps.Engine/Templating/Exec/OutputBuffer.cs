using System.Text;

namespace MeshOps.Engine.Templating.Exec;

/// <summary>
/// A template's output. Small writes gather in a StringBuilder; a large string (a whole file a chart includes, an
/// included template's output) is kept by reference and copied once, into the result. Appending it to the builder
/// would copy it into a chunk of its own size first, twice the garbage for the largest values a render has.
/// </summary>
internal sealed class OutputBuffer
{
    private const int KeepByReference = 1024;

    private StringBuilder _small = new(256);
    private List<string>? _pieces;
    private long _length;

    /// <summary>Characters written so far.</summary>
    public long Length => _length;

    public void Append(string s)
    {
        if (s.Length >= KeepByReference)
        {
            FlushSmall();
            (_pieces ??= new List<string>()).Add(s);
        }
        else
        {
            _small.Append(s);
        }
        _length += s.Length;
    }

    /// <summary>Prints V as Go's fmt %v does.</summary>
    public void AppendValue(object v)
    {
        if (v is string s)
        {
            Append(s);
            return;
        }
        var before = _small.Length;
        GoFormat.AppendValue(_small, v);
        _length += _small.Length - before;
    }

    public override string ToString()
    {
        if (_pieces == null) return _small.ToString();
        FlushSmall();
        return string.Create(checked((int)_length), _pieces, static (span, pieces) =>
        {
            foreach (var piece in pieces)
            {
                piece.CopyTo(span);
                span = span[piece.Length..];
            }
        });
    }

    private void FlushSmall()
    {
        if (_small.Length == 0) return;
        (_pieces ??= new List<string>()).Add(_small.ToString());
        // A new builder: clearing one that grew past its first chunk allocates a buffer of its whole size.
        _small = new StringBuilder(256);
    }
}
