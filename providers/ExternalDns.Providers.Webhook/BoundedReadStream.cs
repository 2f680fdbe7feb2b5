namespace ExternalDns.Providers.Webhook;

/// <summary>
/// A read-only view of a stream that fails with <see cref="BodyTooLargeException"/> as soon as more than
/// <see cref="Limit"/> bytes arrive (upstream's client-side <c>MaxBytesReader</c>): a body of exactly the limit is
/// read whole, a longer one is never buffered past limit + 1 bytes, so an endless answer cannot exhaust memory.
/// </summary>
public sealed class BoundedReadStream : Stream
{
    private readonly Stream _inner;
    private long _read;

    public BoundedReadStream(Stream inner, long limit)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _inner = inner;
        Limit = limit;
    }

    public long Limit { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = _inner.Read(Cap(buffer));
        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await _inner.ReadAsync(Cap(buffer), cancellationToken).ConfigureAwait(false);
        return Count(n);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // Reads at most one byte past the limit: enough to tell "exactly the limit" from "more".
    private Span<byte> Cap(Span<byte> buffer) => buffer.Length > Allowance ? buffer[..(int)Allowance] : buffer;

    private Memory<byte> Cap(Memory<byte> buffer) => buffer.Length > Allowance ? buffer[..(int)Allowance] : buffer;

    private long Allowance => Limit - _read + 1;

    private int Count(int n)
    {
        _read += n;
        if (_read > Limit)
        {
            throw new BodyTooLargeException($"the body is larger than {Limit} bytes (--webhook-provider-max-body-size)");
        }

        return n;
    }
}
