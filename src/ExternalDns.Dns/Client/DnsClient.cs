using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;

namespace ExternalDns.Dns.Client;

/// <summary>
/// A DNS client for one server: queries and UPDATEs over UDP (TCP when the request is large, the response is
/// truncated or <see cref="DnsClientOptions.UseTcp"/> is set), zone transfers (AXFR) over TCP, optional TSIG (HMAC, or
/// GSS-TSIG negotiated by TKEY for each operation), optional DNS over TLS (<see cref="DnsClientOptions.Tls"/>: always TCP).
/// Responses with another message id are ignored (UDP) or rejected (TCP).
/// Failures: <see cref="TimeoutException"/>, <see cref="SocketException"/> / <see cref="IOException"/> (connection),
/// <see cref="DnsTlsException"/> (TLS handshake), <see cref="DnsFormatException"/> (malformed response),
/// <see cref="DnsTsigException"/>, <see cref="DnsGssException"/>, <see cref="DnsResponseException"/> (AXFR).
/// </summary>
public sealed class DnsClient
{
    private const int MaxUdpResponse = 65535;

    private readonly DnsClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SslClientAuthenticationOptions? _tls;

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

        if (options.TsigKey is not null && options.GssTsig is not null)
        {
            throw new ArgumentException("Use either a TSIG key or GSS-TSIG, not both.", nameof(options));
        }

        if (options.Tls is { } tls)
        {
            _tls = new SslClientAuthenticationOptions
            {
                TargetHost = string.IsNullOrEmpty(tls.TargetHost) ? HostName : tls.TargetHost,
                ApplicationProtocols = tls.ApplicationProtocols ?? [new SslApplicationProtocol("dot")],
                EnabledSslProtocols = tls.EnabledSslProtocols == SslProtocols.None ? SslProtocols.Tls13 : tls.EnabledSslProtocols,
                ClientCertificates = tls.ClientCertificates,
                ClientCertificateContext = tls.ClientCertificateContext,
                CertificateChainPolicy = tls.CertificateChainPolicy,
                CertificateRevocationCheckMode = tls.CertificateRevocationCheckMode,
                RemoteCertificateValidationCallback = tls.RemoteCertificateValidationCallback,
                LocalCertificateSelectionCallback = tls.LocalCertificateSelectionCallback,
                EncryptionPolicy = tls.EncryptionPolicy,
            };
        }
    }

    /// <summary>The server host without IPv6 brackets: the TLS server name and the host of the GSS-TSIG principal.</summary>
    private string HostName => _options.Host.Trim().TrimStart('[').TrimEnd(']');

    private bool UseTcp => _options.UseTcp || _tls is not null;

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
        var endpoint = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        using var gss = _options.GssTsig is { } gssOptions ? await NegotiateGssAsync(gssOptions, endpoint, cancellationToken).ConfigureAwait(false) : null;
        var key = (ITsigKey?)gss ?? _options.TsigKey;
        request.Id = NewId();
        var (wire, mac) = Prepare(request, key);

        byte[] responseWire;
        DnsMessage response;
        if (UseTcp || wire.Length > _options.MaxUdpRequestSize)
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

        if (key is not null && mac is not null)
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
        var endpoint = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        using var gss = _options.GssTsig is { } gssOptions ? await NegotiateGssAsync(gssOptions, endpoint, cancellationToken).ConfigureAwait(false) : null;
        var key = (ITsigKey?)gss ?? _options.TsigKey;
        var request = new DnsMessage { Id = NewId() };
        request.Questions.Add(new DnsQuestion(zone, DnsRecordType.AXFR));
        var (wire, mac) = Prepare(request, key);
        var verifier = key is not null && mac is not null ? new TsigVerifier(key, mac, _timeProvider) : null;

        await using var stream = await WithTimeoutAsync(t => ConnectAsync(endpoint, t), cancellationToken).ConfigureAwait(false);
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

    private static async Task WriteFramedAsync(Stream stream, byte[] wire, CancellationToken cancellationToken)
    {
        var framed = new byte[wire.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)wire.Length);
        wire.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> ReadFramedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        var message = new byte[length];
        await stream.ReadExactlyAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    private (byte[] Wire, byte[]? Mac) Prepare(DnsMessage request, ITsigKey? key)
    {
        if (key is not null)
        {
            var signed = TsigSigner.Sign(request, key, _timeProvider.GetUtcNow(), _options.Fudge);
            return (signed.Wire, signed.Mac);
        }

        return (request.Encode(), null);
    }

    private async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        var host = HostName;
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
        return await WithTimeoutAsync(
            async t =>
            {
                await using var stream = await ConnectAsync(endpoint, t).ConfigureAwait(false);
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

    /// <summary>Opens a TCP connection, wrapped in TLS for DNS over TLS. The caller disposes the stream (and so the socket).</summary>
    private async Task<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (_tls is null)
            {
                return stream;
            }

            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            stream = ssl;
            try
            {
                await ssl.AuthenticateAsClientAsync(_tls, cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationException e)
            {
                throw new DnsTlsException($"The TLS handshake with the DNS server {_options.Host}:{_options.Port} (server name '{_tls.TargetHost}') failed: {e.Message}", e);
            }

            return ssl;
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Negotiates a GSS-TSIG key with the server (RFC 3645 4.1): TKEY queries (mode 3, GSS-API) carry the context tokens
    /// until the context is established; the server's last response, when signed, is verified with the new context.
    /// </summary>
    private async Task<GssTsigKey> NegotiateGssAsync(GssTsigOptions gss, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var target = gss.TargetName ?? "DNS/" + HostName;
        var who = string.IsNullOrEmpty(gss.Credential.Domain) ? gss.Credential.UserName : $"{gss.Credential.UserName}@{gss.Credential.Domain}";
        var context = new NegotiateAuthentication(new NegotiateAuthenticationClientOptions
        {
            Package = gss.Package,
            Credential = gss.Credential,
            TargetName = target,
            RequiredProtectionLevel = System.Net.Security.ProtectionLevel.Sign,
            RequireMutualAuthentication = true,
        });
        try
        {
            var keyName = $"{RandomNumberGenerator.GetHexString(16, lowercase: true)}.sig-external-dns";
            byte[] incoming = [];
            (byte[] Wire, DnsMessage Message)? last = null;
            for (var round = 0; round < 16; round++)
            {
                var token = context.GetOutgoingBlob(incoming, out var status);
                if (status is not (NegotiateAuthenticationStatusCode.Completed or NegotiateAuthenticationStatusCode.ContinueNeeded))
                {
                    var credentialProblem = status is NegotiateAuthenticationStatusCode.UnknownCredentials or NegotiateAuthenticationStatusCode.InvalidCredentials
                        or NegotiateAuthenticationStatusCode.CredentialsExpired or NegotiateAuthenticationStatusCode.TargetUnknown or NegotiateAuthenticationStatusCode.Unsupported;
                    throw new DnsGssException(
                        $"GSS-TSIG: the GSS-API ({gss.Package}) could not authenticate '{who}' to '{target}' for the DNS server {_options.Host}:{_options.Port}: {status}" +
                        (last is null ? " (is the user, password and realm right, is the KDC of the realm reachable through krb5.conf, and does the service principal exist?)" : string.Empty),
                        status.ToString(),
                        credentialProblem);
                }

                if (token is { Length: > 0 })
                {
                    var query = TkeyQuery(keyName, token, gss.KeyLifetime);
                    var response = await TcpExchangeAsync(endpoint, query.Encode(), query.Id, cancellationToken).ConfigureAwait(false);
                    last = response;
                    if (response.Message.ResponseCode != DnsResponseCode.NoError)
                    {
                        throw new DnsGssException(
                            $"GSS-TSIG: the DNS server {_options.Host}:{_options.Port} refused the TKEY negotiation for '{who}' with {response.Message.ResponseCode} (does it have a key table for '{target}', e.g. BIND's tkey-gssapi-keytab?)",
                            response.Message.ResponseCode.ToString(),
                            credentialProblem: true);
                    }

                    var answer = response.Message.Answers.FirstOrDefault(a => a.Type == DnsRecordType.TKEY)
                        ?? throw new DnsFormatException($"The TKEY response of {_options.Host}:{_options.Port} holds no TKEY record.");
                    var tkey = (TkeyRecordData)answer.Data;
                    if (tkey.Error != 0)
                    {
                        throw new DnsGssException(
                            $"GSS-TSIG: the DNS server {_options.Host}:{_options.Port} rejected the GSS-API token of '{who}' for '{target}': TKEY error {(TsigError)tkey.Error}",
                            ((TsigError)tkey.Error).ToString(),
                            credentialProblem: true);
                    }

                    keyName = answer.Name;
                    incoming = tkey.Key;
                }

                if (status == NegotiateAuthenticationStatusCode.Completed)
                {
                    var key = new GssTsigKey(keyName, context);
                    if (last is { } signed && signed.Message.Tsig is not null)
                    {
                        new TsigVerifier(key, [], _timeProvider).Verify(signed.Wire, signed.Message);
                    }

                    return key;
                }

                if (token is not { Length: > 0 })
                {
                    throw new DnsGssException($"GSS-TSIG: the GSS-API negotiation with {_options.Host}:{_options.Port} stalled (no token to send).", status.ToString(), credentialProblem: false);
                }
            }

            throw new DnsGssException($"GSS-TSIG: the GSS-API negotiation with {_options.Host}:{_options.Port} did not complete.", "TooManyRounds", credentialProblem: false);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    private DnsMessage TkeyQuery(string keyName, byte[] token, TimeSpan lifetime)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var query = new DnsMessage { Id = NewId() };
        query.Questions.Add(new DnsQuestion(keyName, DnsRecordType.TKEY, DnsClass.ANY));
        query.Additionals.Add(new DnsResourceRecord(keyName, DnsRecordType.TKEY, DnsClass.ANY, 0,
            new TkeyRecordData(GssTsigKey.Algorithm, (uint)now, (uint)(now + (long)lifetime.TotalSeconds), TkeyRecordData.ModeGssApi, 0, token, [])));
        return query;
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
