using ExternalDns.Testing;
using System.Security.Cryptography;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Tests;

public class TsigTests
{
    private const string Secret = "Cyoi7E388ajyeE4itCurrYABl8PruHXPzvWvj4fhuyo=";

    // Captured from `dig -y hmac-sha256:externaldns-key:<Secret> example.org SOA` against BIND 9.18 (with an EDNS
    // cookie): the request signed by dig and the response signed by named, time signed 0x6b029671.
    private static readonly byte[] DigRequest = Convert.FromHexString(
        "71f000200001000000000002076578616d706c65036f7267000006000100002904d000000000000c000a00085bfe320700084e820f65787465726e616c646e732d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006b029671012c0020a6782f3b783f257e98406e678e2e0c65ad87064f18a070c38a3e6e9c96f4779371f000000000");

    private static readonly byte[] BindResponse = Convert.FromHexString(
        "71f084000001000100010003076578616d706c65036f72670000060001c00c000600010000012c0027036e7331c00c0a686f73746d6173746572c00c0000000100000e1000000258000151800000012cc00c000200010000012c0002c029c029000100010000012c00047f00000100002904d000000000001c000a00185bfe320700084e82010000006b029671d7c9f2942f2abdde0f65787465726e616c646e732d6b65790000fa00ff00000000003d0b686d61632d7368613235360000006b029671012c002074c7a797887d2fefef5cb81af24f05757b8e8756c006a3c6084896b9d6bd6a9f71f000000000");

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(0x6b029671);

    private static TsigKey Key(TsigAlgorithm? algorithm = null) => TsigKey.FromBase64("externaldns-key", algorithm ?? TsigAlgorithm.HmacSha256, Secret);

    [Fact]
    public void Verifies_a_request_signed_by_dig_and_the_response_signed_by_bind()
    {
        var time = new FakeTimeProvider(SignedAt.AddSeconds(10));
        var request = DnsMessage.Decode(DigRequest);
        var requestMac = TsigVerifier.VerifyRequest(DigRequest, request, Key(), time);
        Assert.Equal(32, requestMac.Length);

        var response = DnsMessage.Decode(BindResponse);
        Assert.Equal("ns1.example.org", ((NameRecordData)response.Authorities[0].Data).Name);
        var verifier = new TsigVerifier(Key(), requestMac, time);
        verifier.Verify(BindResponse, response);
        verifier.Complete();
        Assert.Equal(1, verifier.SignedMessages);
    }

    [Fact]
    public void Our_signature_of_the_same_request_equals_digs()
    {
        var request = DnsMessage.Decode(DigRequest);
        request.Additionals.RemoveAt(request.Additionals.Count - 1); // drop dig's TSIG, keep the OPT record
        var signed = TsigSigner.Sign(request, Key(), SignedAt);
        Assert.Equal(DigRequest, signed.Wire);
    }

    [Fact]
    public void A_tampered_response_gives_badsig()
    {
        var time = new FakeTimeProvider(SignedAt);
        var request = DnsMessage.Decode(DigRequest);
        var mac = TsigVerifier.VerifyRequest(DigRequest, request, Key(), time);
        var tampered = (byte[])BindResponse.Clone();
        tampered[70] ^= 1; // inside the SOA serial
        var e = Assert.Throws<DnsTsigException>(() => new TsigVerifier(Key(), mac, time).Verify(tampered, DnsMessage.Decode(tampered)));
        Assert.Equal(TsigError.BadSig, e.Error);
        Assert.False(e.ReportedByServer);
    }

    [Fact]
    public void A_wrong_secret_gives_badsig()
    {
        var time = new FakeTimeProvider(SignedAt);
        var wrong = new TsigKey("externaldns-key", TsigAlgorithm.HmacSha256, new byte[32]);
        var e = Assert.Throws<DnsTsigException>(() => TsigVerifier.VerifyRequest(DigRequest, DnsMessage.Decode(DigRequest), wrong, time));
        Assert.Equal(TsigError.BadSig, e.Error);
    }

    [Fact]
    public void A_response_outside_the_fudge_gives_badtime()
    {
        var request = DnsMessage.Decode(DigRequest);
        var mac = TsigVerifier.VerifyRequest(DigRequest, request, Key(), new FakeTimeProvider(SignedAt));
        var late = new FakeTimeProvider(SignedAt.AddSeconds(301));
        var e = Assert.Throws<DnsTsigException>(() => new TsigVerifier(Key(), mac, late).Verify(BindResponse, DnsMessage.Decode(BindResponse)));
        Assert.Equal(TsigError.BadTime, e.Error);
    }

    [Fact]
    public void Another_key_name_gives_badkey()
    {
        var request = DnsMessage.Decode(DigRequest);
        var other = TsigKey.FromBase64("other-key", TsigAlgorithm.HmacSha256, Secret);
        var e = Assert.Throws<DnsTsigException>(() => TsigVerifier.VerifyRequest(DigRequest, request, other, new FakeTimeProvider(SignedAt)));
        Assert.Equal(TsigError.BadKey, e.Error);
    }

    [Theory]
    [InlineData(TsigError.BadSig)]
    [InlineData(TsigError.BadKey)]
    [InlineData(TsigError.BadTime)]
    public void Errors_reported_by_the_server_are_surfaced(TsigError error)
    {
        var time = new FakeTimeProvider(SignedAt);
        var response = new DnsMessage { Id = 9, IsResponse = true, ResponseCode = DnsResponseCode.NotAuth };
        response.Additionals.Add(new DnsResourceRecord("externaldns-key", DnsRecordType.TSIG, DnsClass.ANY, 0,
            new TsigRecordData("hmac-sha256", SignedAt.ToUnixTimeSeconds(), 300, [], 9, (ushort)error, [])));
        var wire = response.Encode();
        var e = Assert.Throws<DnsTsigException>(() => new TsigVerifier(Key(), new byte[32], time).Verify(wire, DnsMessage.Decode(wire)));
        Assert.Equal(error, e.Error);
        Assert.True(e.ReportedByServer);
        Assert.Equal(DnsResponseCode.NotAuth, e.ResponseCode);
    }

    [Fact]
    public void An_unsigned_response_to_a_signed_request_is_rejected()
    {
        var response = new DnsMessage { Id = 9, IsResponse = true };
        var wire = response.Encode();
        Assert.Throws<DnsTsigException>(() => new TsigVerifier(Key(), new byte[32], TimeProvider.System).Verify(wire, DnsMessage.Decode(wire)));
    }

    [Theory]
    [InlineData("hmac-sha1")]
    [InlineData("hmac-sha256")]
    [InlineData("hmac-sha384")]
    [InlineData("hmac-sha512")]
    public void Sign_then_verify_round_trips_for_every_algorithm(string algorithmName)
    {
        Assert.True(TsigAlgorithm.TryParse(algorithmName, out var algorithm));
        var key = Key(algorithm);
        var time = new FakeTimeProvider(SignedAt);
        var request = new DnsMessage { Id = 77 };
        request.Questions.Add(new DnsQuestion("example.org", DnsRecordType.SOA));
        var signed = TsigSigner.Sign(request, key, SignedAt);
        Assert.Equal(algorithm.MacLength, signed.Mac.Length);
        Assert.Equal(signed.Mac, TsigVerifier.VerifyRequest(signed.Wire, DnsMessage.Decode(signed.Wire), key, time));

        var response = new DnsMessage { Id = 77, IsResponse = true };
        var responseWire = ServerSign(response, key, signed.Mac, SignedAt, first: true);
        var verifier = new TsigVerifier(key, signed.Mac, time);
        verifier.Verify(responseWire, DnsMessage.Decode(responseWire));
        verifier.Complete();
    }

    [Theory]
    [InlineData("hmac-sha256.", true)]
    [InlineData("HMAC-SHA512", true)]
    [InlineData("hmac-sha1", true)]
    [InlineData("hmac-md5.sig-alg.reg.int", false)]
    [InlineData("hmac-sha224", false)]
    [InlineData("", false)]
    public void Algorithm_names_are_parsed_like_upstream(string name, bool known)
    {
        Assert.Equal(known, TsigAlgorithm.TryParse(name, out _));
    }

    [Fact]
    public void A_stream_is_verified_with_the_running_mac_including_unsigned_messages()
    {
        var key = Key();
        var time = new FakeTimeProvider(SignedAt);
        var requestMac = RandomNumberGenerator.GetBytes(32);
        var verifier = new TsigVerifier(key, requestMac, time);

        var m1 = Message(1);
        var w1 = ServerSign(m1, key, requestMac, SignedAt, first: true);
        verifier.Verify(w1, DnsMessage.Decode(w1));
        var mac1 = ((TsigRecordData)DnsMessage.Decode(w1).Tsig!.Data).Mac;

        // message 2 unsigned, message 3 signed over (mac1, message 2, message 3, timers)
        var w2 = Message(2).Encode();
        verifier.Verify(w2, DnsMessage.Decode(w2));
        Assert.Throws<DnsTsigException>(verifier.Complete);
        var w3 = ServerSign(Message(3), key, mac1, SignedAt, first: false, unsignedBefore: w2);
        verifier.Verify(w3, DnsMessage.Decode(w3));
        verifier.Complete();
        Assert.Equal(2, verifier.SignedMessages);

        // the same message 3 signed as if message 2 had not been sent does not verify
        var v2 = new TsigVerifier(key, requestMac, time);
        v2.Verify(w1, DnsMessage.Decode(w1));
        var w3Wrong = ServerSign(Message(3), key, mac1, SignedAt, first: false);
        v2.Verify(w2, DnsMessage.Decode(w2));
        Assert.Equal(TsigError.BadSig, Assert.Throws<DnsTsigException>(() => v2.Verify(w3Wrong, DnsMessage.Decode(w3Wrong))).Error);
    }

    [Fact]
    public void The_key_never_shows_its_secret()
    {
        Assert.DoesNotContain(Secret, Key().ToString(), StringComparison.Ordinal);
    }

    private static DnsMessage Message(int n)
    {
        var m = new DnsMessage { Id = 5, IsResponse = true };
        m.Answers.Add(new DnsResourceRecord($"r{n}.example.org", DnsRecordType.A, DnsClass.IN, 60, new AddressRecordData(System.Net.IPAddress.Parse($"192.0.2.{n}"))));
        return m;
    }

    /// <summary>Signs a response as a server does (RFC 8945 4.3), written out independently of the library's signer.</summary>
    private static byte[] ServerSign(DnsMessage response, TsigKey key, byte[] priorMac, DateTimeOffset time, bool first, byte[]? unsignedBefore = null)
    {
        var body = response.Encode();
        var digest = new List<byte> { (byte)(priorMac.Length >> 8), (byte)priorMac.Length };
        digest.AddRange(priorMac);
        digest.AddRange(unsignedBefore ?? []);
        digest.AddRange(body);
        var t = time.ToUnixTimeSeconds();
        byte[] timers = [(byte)(t >> 40), (byte)(t >> 32), (byte)(t >> 24), (byte)(t >> 16), (byte)(t >> 8), (byte)t, 0x01, 0x2c];
        if (first)
        {
            var names = new DnsWireWriter();
            names.WriteName(key.Name.ToLowerInvariant(), compress: false);
            digest.AddRange(names.ToArray());
            digest.AddRange(new byte[] { 0x00, 0xff, 0, 0, 0, 0 });
            var alg = new DnsWireWriter();
            alg.WriteName(key.Algorithm.Name, compress: false);
            digest.AddRange(alg.ToArray());
            digest.AddRange(timers);
            digest.AddRange(new byte[] { 0, 0, 0, 0 });
        }
        else
        {
            digest.AddRange(timers);
        }

        var secret = Convert.FromBase64String(Secret);
        var mac = key.Algorithm.Name switch
        {
#pragma warning disable CA5350 // hmac-sha1 is one of the TSIG algorithms upstream accepts
            "hmac-sha1" => HMACSHA1.HashData(secret, digest.ToArray()),
#pragma warning restore CA5350
            "hmac-sha256" => HMACSHA256.HashData(secret, digest.ToArray()),
            "hmac-sha384" => HMACSHA384.HashData(secret, digest.ToArray()),
            _ => HMACSHA512.HashData(secret, digest.ToArray()),
        };
        response.Additionals.Add(new DnsResourceRecord(key.Name, DnsRecordType.TSIG, DnsClass.ANY, 0,
            new TsigRecordData(key.Algorithm.Name, t, 300, mac, response.Id, 0, [])));
        return response.Encode();
    }
}
