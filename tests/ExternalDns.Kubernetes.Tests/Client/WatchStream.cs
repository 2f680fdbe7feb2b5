using System.Text;
using System.Threading.Channels;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>A response body the test writes watch lines into, then ends cleanly (<see cref="End"/>) or breaks (<see cref="Break"/>).</summary>
public sealed class WatchStream : Stream
{
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>();
    private byte[] _current = [];
    private int _offset;

    public void Send(string type, string objectJson) => _chunks.Writer.TryWrite(Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","object":{{objectJson}}}""" + "\n"));

    public void SendRaw(string line) => _chunks.Writer.TryWrite(Encoding.UTF8.GetBytes(line + "\n"));

    public void End() => _chunks.Writer.TryComplete();

    public void Break() => _chunks.Writer.TryComplete(new IOException("connection reset by peer"));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_offset >= _current.Length)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            if (_chunks.Reader.TryRead(out var chunk))
            {
                _current = chunk;
                _offset = 0;
            }
        }

        var n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
