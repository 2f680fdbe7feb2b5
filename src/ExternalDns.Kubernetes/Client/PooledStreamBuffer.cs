using System.Buffers;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// A refillable window over a response stream, in a buffer rented from <see cref="ArrayPool{T}.Shared"/>: the parser
/// consumes from the front, <see cref="FillAsync"/> moves what is left to the start and reads more behind it, doubling
/// the buffer only when one unconsumed value (a large object, a long watch line) fills it. The body is never held whole.
/// </summary>
internal sealed class PooledStreamBuffer : IDisposable
{
    public const int DefaultInitialSize = 64 * 1024;
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;

    public PooledStreamBuffer(Stream stream, int initialSize = DefaultInitialSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialSize, 16);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    }

    /// <summary>The stream has ended: <see cref="Buffered"/> is all that is left.</summary>
    public bool Eof { get; private set; }

    /// <summary>Bytes read but not yet consumed.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    /// <summary>The current buffer's size (it grows only for a value that does not fit).</summary>
    public int Capacity => _buffer.Length;

    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _end - _start);
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>Reads at least one more byte behind what is buffered; false (and <see cref="Eof"/>) at the end of the stream.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (Eof)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            Eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
