using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Tsig;

/// <summary>
/// Verifies the TSIG of the response(s) to one signed request (RFC 8945 5.3). For a multi-message response
/// (AXFR) call <see cref="Verify"/> for each message in order: the first is digested with the request MAC and the
/// full TSIG variables, each later one with the previous MAC, the unsigned messages since then and the timers only.
/// At most 99 unsigned messages may follow each other, and the last message must be signed (<see cref="Complete"/>).
/// An empty request MAC stands for an unsigned request (a TKEY query): the first digest then holds no request MAC.
/// </summary>
public sealed class TsigVerifier
{
    public const int MaxUnsignedMessages = 99;

    private readonly ITsigKey _key;
    private readonly TimeProvider _timeProvider;
    private readonly List<byte[]> _unsigned = [];
    private byte[] _priorMac;
    private int _unsignedCount;

    public TsigVerifier(ITsigKey key, byte[] requestMac, TimeProvider timeProvider)
    {
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _priorMac = requestMac ?? throw new ArgumentNullException(nameof(requestMac));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The number of messages verified so far.</summary>
    public int SignedMessages { get; private set; }

    /// <summary>Verifies one response message (its raw bytes and its decoded form). Throws <see cref="DnsTsigException"/>.</summary>
    public void Verify(byte[] wire, DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(message);
        var tsig = message.Tsig;
        if (tsig is null)
        {
            if (SignedMessages == 0)
            {
                throw new DnsTsigException($"The response (rcode {message.ResponseCode}) is not signed although the request was signed with key '{_key.Name}'.", TsigError.BadSig, message.ResponseCode);
            }

            if (++_unsignedCount > MaxUnsignedMessages)
            {
                throw new DnsTsigException($"More than {MaxUnsignedMessages} unsigned messages in a row.", TsigError.BadSig, message.ResponseCode);
            }

            _unsigned.Add(wire);
            return;
        }

        var data = (TsigRecordData)tsig.Data;
        if (data.Error != 0)
        {
            var error = (TsigError)data.Error;
            throw new DnsTsigException($"The server rejected the TSIG signature of key '{_key.Name}': {error} (rcode {message.ResponseCode}).", error, message.ResponseCode, reportedByServer: true);
        }

        if (!DnsNameText.Equal(tsig.Name, _key.Name) || !DnsNameText.Equal(data.Algorithm, _key.AlgorithmName))
        {
            throw new DnsTsigException($"The response is signed with key '{tsig.Name}' ({data.Algorithm}), not '{_key.Name}' ({_key.AlgorithmName}).", TsigError.BadKey, message.ResponseCode);
        }

        var digest = new DnsWireWriter(wire.Length + _priorMac.Length + 128);
        if (_priorMac.Length > 0)
        {
            digest.WriteUInt16((ushort)_priorMac.Length);
            digest.WriteBytes(_priorMac);
        }

        foreach (var previous in _unsigned)
        {
            digest.WriteBytes(previous);
        }

        digest.WriteBytes(TsigSigner.StripTsig(wire, message.TsigOffset, data.OriginalId));
        if (SignedMessages == 0)
        {
            TsigSigner.WriteVariables(digest, _key, data.TimeSigned, data.Fudge, (TsigError)data.Error, data.OtherData);
        }
        else
        {
            TsigSigner.WriteTimers(digest, data.TimeSigned, data.Fudge);
        }

        switch (_key.VerifyMac(digest.ToArrayUnbounded(), data.Mac))
        {
            case TsigError.NoError:
                break;
            case TsigError.BadTrunc:
                throw new DnsTsigException($"The response MAC of key '{_key.Name}' ({_key.AlgorithmName}) has an invalid length ({data.Mac.Length} bytes).", TsigError.BadTrunc, message.ResponseCode);
            default:
                throw new DnsTsigException($"The response MAC does not verify with key '{_key.Name}' (is the secret right?).", TsigError.BadSig, message.ResponseCode);
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - data.TimeSigned) > data.Fudge)
        {
            throw new DnsTsigException($"The response was signed at {data.TimeSigned}, more than {data.Fudge} s away from local time {now} (check the clocks).", TsigError.BadTime, message.ResponseCode);
        }

        _priorMac = data.Mac;
        _unsigned.Clear();
        _unsignedCount = 0;
        SignedMessages++;
    }

    /// <summary>
    /// Verifies a signed request (the server's side of RFC 8945 5.2): key and algorithm, MAC, time. Returns the
    /// request MAC (needed to sign or verify the response). Throws <see cref="DnsTsigException"/>.
    /// </summary>
    public static byte[] VerifyRequest(byte[] wire, DnsMessage message, ITsigKey key, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var tsig = message.Tsig ?? throw new DnsTsigException("The request is not signed.", TsigError.BadSig);
        var data = (TsigRecordData)tsig.Data;
        if (!DnsNameText.Equal(tsig.Name, key.Name) || !DnsNameText.Equal(data.Algorithm, key.AlgorithmName))
        {
            throw new DnsTsigException($"The request is signed with key '{tsig.Name}' ({data.Algorithm}), not '{key.Name}' ({key.AlgorithmName}).", TsigError.BadKey);
        }

        var digest = new DnsWireWriter(wire.Length + 128);
        digest.WriteBytes(TsigSigner.StripTsig(wire, message.TsigOffset, data.OriginalId));
        TsigSigner.WriteVariables(digest, key, data.TimeSigned, data.Fudge, (TsigError)data.Error, data.OtherData);
        if (key.VerifyMac(digest.ToArrayUnbounded(), data.Mac) != TsigError.NoError)
        {
            throw new DnsTsigException($"The request MAC does not verify with key '{key.Name}'.", TsigError.BadSig);
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - data.TimeSigned) > data.Fudge)
        {
            throw new DnsTsigException($"The request was signed at {data.TimeSigned}, more than {data.Fudge} s away from {now}.", TsigError.BadTime);
        }

        return data.Mac;
    }

    /// <summary>Checks that the last message was signed.</summary>
    public void Complete()
    {
        if (SignedMessages == 0 || _unsignedCount > 0)
        {
            throw new DnsTsigException("The last message of the response is not signed.", TsigError.BadSig);
        }
    }
}
