using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;

namespace ExternalDns.Dns.Client;

/// <summary>
/// A DNS client for one server: queries and UPDATEs over UDP (TCP when the request is large, the response is
/// truncated or <see cref="DnsClientOptions.UseTcp"/> is set), zone transfers (AXFR) over TCP, optional TSIG.
/// Responses with another message id are ignored (UDP) or rejected (TCP).
/// Failures: <see cref="TimeoutException"/>, <see cref="SocketException"/> / <see cref="IOException"/> (connection),
/// <see cref="DnsFormatException"/> (malformed response), <see cref="DnsTsigException"/>, <see cref="DnsResponseException"/> (AXFR).
/// </summary>
public sealed class DnsClient
{
    private const int MaxUdpResponse = 65535;

    private readonly DnsClientOptions _options;
    private readonly TimeProvider _timeProvider;

    public DnsClient(DnsClientOptions options, TimeProvider? timeProvider = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new ArgumentException("The DNS server host is empty.", nameof(options));
        }

        if (options.Port is < 1 or > 65535)
        {
            throw new ArgumentException($"The DNS server port {options.Port} is out of range.", nameof(options));
        }
    }

    /// <summary>The number of messages sent (requests, including TCP retries after truncation).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    private long _messagesSent;
    private long _messagesReceived;

    /// <summary>The number of response messages received and decoded (each message of an AXFR counts).</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Sends one query for <paramref name="name"/>/<paramref name="type"/>.</summary>
    public Task<DnsMessage> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        var request = new DnsMessage { RecursionDesired = false };
        request.Questions.Add(new DnsQuestion(name, type));
        return ExchangeAsync(request, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="request"/> (a fresh random id is assigned to it) and returns the matching response.
    /// With a TSIG key the request is signed and the response verified; an unsigned error response (such as
    /// REFUSED for a key the server does not accept for this zone) is returned as is.
    /// </summary>
    public async Task<DnsMessage> ExchangeAsync(DnsMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Id = NewId();
        var (wire, mac) = Prepare(request);
        var endpoint = await ResolveAsync(cancellationToken).ConfigureAwait(false);

        byte[] responseWire;
        DnsMessage response;
        if (_options.UseTcp || wire.Length > _options.MaxUdpRequestSize)
        {
            (responseWire, response) = await TcpExchangeAsync(endpoint, wire, request.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (responseWire, response) = await UdpExchangeAsync(endpoint, wire, request.Id, cancellationToken).ConfigureAwait(false);
            if (response.IsTruncated)
            {
                (responseWire, response) = await TcpExchangeAsync(endpoint, wire, request.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_options.TsigKey is { } key && mac is not null)
        {
            if (response.Tsig is null && response.ResponseCode != DnsResponseCode.NoError)
            {
                return response;
            }

            var verifier = new TsigVerifier(key, mac, _timeProvider);
            verifier.Verify(responseWire, response);
            verifier.Complete();
        }

        return response;
    }

    /// <summary>
    /// Transfers <paramref name="zone"/> (AXFR over TCP). Returns every record from the opening SOA up to, not
    /// including, the closing SOA. With a TSIG key every signed message is verified (RFC 8945 5.3.1).
    /// </summary>
    public async Task<IReadOnlyList<DnsResourceRecord>> TransferZoneAsync(string zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var request = new DnsMessage { Id = NewId() };
        request.Questions.Add(new DnsQuestion(zone, DnsRecordType.AXFR));
        var (wire, mac) = Prepare(request);
        var endpoint = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        var verifier = _options.TsigKey is { } key && mac is not null ? new TsigVerifier(key, mac, _timeProvider) : null;

        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await WithTimeoutAsync(t => socket.ConnectAsync(endpoint, t), cancellationToken).ConfigureAwait(false);
        using var stream = new NetworkStream(socket, ownsSocket: false);
        await WithTimeoutAsync(t => WriteFramedAsync(stream, wire, t), cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _messagesSent);

        var records = new List<DnsResourceRecord>();
        var soaCount = 0;
        while (soaCount < 2)
        {
            var responseWire = await WithTimeoutAsync(t => ReadFramedAsync(stream, t), cancellationToken).ConfigureAwait(false);
            var response = DnsMessage.Decode(responseWire);
            Interlocked.Increment(ref _messagesReceived);
            if (response.Id != request.Id)
            {
                throw new DnsFormatException($"AXFR response id {response.Id} does not match the request id {request.Id}.");
            }

            if (response.ResponseCode != DnsResponseCode.NoError)
            {
                if (verifier is not null && response.Tsig is not null)
                {
                    verifier.Verify(responseWire, response); // throws the server's TSIG error, if any
                }

                throw new DnsResponseException($"The zone transfer of '{zone}' failed: {response.ResponseCode}.", response.ResponseCode);
            }

            verifier?.Verify(responseWire, response);
            if (response.Answers.Count == 0)
            {
                throw new DnsFormatException($"An AXFR message for '{zone}' holds no records.");
            }

            foreach (var rr in response.Answers)
            {
                if (soaCount >= 2)
                {
                    throw new DnsFormatException($"Records follow the closing SOA of the transfer of '{zone}'.");
                }

                if (records.Count == 0 && soaCount == 0 && rr.Type != DnsRecordType.SOA)
                {
                    throw new DnsFormatException($"The transfer of '{zone}' does not start with an SOA record.");
                }

                if (rr.Type == DnsRecordType.SOA)
                {
                    soaCount++;
                    if (soaCount == 2)
                    {
                        continue;
                    }
                }

                records.Add(rr);
            }
        }

        verifier?.Complete();
        return records;
    }

    private static ushort NewId() => (ushort)RandomNumberGenerator.GetInt32(0, 65536);

    private static async Task WriteFramedAsync(NetworkStream stream, byte[] wire, CancellationToken cancellationToken)
    {
        var framed = new byte[wire.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)wire.Length);
        wire.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadFramedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        var message = new byte[length];
        await stream.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    private (byte[] Wire, byte[]? Mac) Prepare(DnsMessage request)
    {
        if (_options.TsigKey is { } key)
        {
            var signed = TsigSigner.Sign(request, key, _timeProvider.GetUtcNow(), _options.Fudge);
            return (signed.Wire, signed.Mac);
        }

        return (request.Encode(), null);
    }

    private async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        var host = _options.Host.Trim().TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, _options.Port);
        }

        var addresses = await WithTimeoutAsync(t => System.Net.Dns.GetHostAddressesAsync(host, t), cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return new IPEndPoint(addresses[0], _options.Port);
    }

    private async Task<(byte[] Wire, DnsMessage Message)> UdpExchangeAsync(IPEndPoint endpoint, byte[] wire, ushort id, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        return await WithTimeoutAsync(
            async t =>
            {
                await socket.ConnectAsync(endpoint, t).ConfigureAwait(false);
                await socket.SendAsync(wire, SocketFlags.None, t).ConfigureAwait(false);
                Interlocked.Increment(ref _messagesSent);
                var buffer = new byte[MaxUdpResponse];
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, SocketFlags.None, t).ConfigureAwait(false);
                    if (received < 2 || BinaryPrimitives.ReadUInt16BigEndian(buffer) != id)
                    {
                        continue; // not ours (late answer to an earlier query, or spoofed): keep waiting
                    }

                    var bytes = buffer.AsSpan(0, received).ToArray();
                    var message = DnsMessage.Decode(bytes);
                    Interlocked.Increment(ref _messagesReceived);
                    if (!message.IsResponse)
                    {
                        continue;
                    }

                    return (bytes, message);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<(byte[] Wire, DnsMessage Message)> TcpExchangeAsync(IPEndPoint endpoint, byte[] wire, ushort id, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        return await WithTimeoutAsync(
            async t =>
            {
                await socket.ConnectAsync(endpoint, t).ConfigureAwait(false);
                using var stream = new NetworkStream(socket, ownsSocket: false);
                await WriteFramedAsync(stream, wire, t).ConfigureAwait(false);
                Interlocked.Increment(ref _messagesSent);
                var bytes = await ReadFramedAsync(stream, t).ConfigureAwait(false);
                var message = DnsMessage.Decode(bytes);
                Interlocked.Increment(ref _messagesReceived);
                if (message.Id != id)
                {
                    throw new DnsFormatException($"Response id {message.Id} does not match the request id {id}.");
                }

                return (bytes, message);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task WithTimeoutAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        await WithTimeoutAsync<bool>(
            async t =>
            {
                await action(t).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    private async Task WithTimeoutAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        await WithTimeoutAsync<bool>(
            async t =>
            {
                await action(t).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await action(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The DNS server {_options.Host}:{_options.Port} did not answer within {_options.Timeout.TotalSeconds:0.#} s.");
        }
    }
}
