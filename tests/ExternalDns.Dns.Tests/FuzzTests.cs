using System.Diagnostics;
using System.Net;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Update;

namespace ExternalDns.Dns.Tests;

/// <summary>
/// Decoder robustness: random and mutated messages must decode or throw <see cref="DnsFormatException"/>; any other
/// exception fails the test. Deterministic (seeded), bounded in time.
/// </summary>
public class FuzzTests
{
    private static byte[][] Seeds()
    {
        var response = new DnsMessage { Id = 1, IsResponse = true, IsAuthoritative = true };
        response.Questions.Add(new DnsQuestion("www.example.org", DnsRecordType.A));
        response.Answers.Add(new DnsResourceRecord("www.example.org", DnsRecordType.A, DnsClass.IN, 60, new AddressRecordData(IPAddress.Parse("192.0.2.1"))));
        response.Answers.Add(new DnsResourceRecord("www.example.org", DnsRecordType.AAAA, DnsClass.IN, 60, new AddressRecordData(IPAddress.Parse("2001:db8::1"))));
        response.Answers.Add(new DnsResourceRecord("c.example.org", DnsRecordType.CNAME, DnsClass.IN, 60, new NameRecordData("www.example.org")));
        response.Answers.Add(new DnsResourceRecord("t.example.org", DnsRecordType.TXT, DnsClass.IN, 60, TxtRecordData.FromText(new string('v', 300))));
        response.Authorities.Add(new DnsResourceRecord("example.org", DnsRecordType.SOA, DnsClass.IN, 60, new SoaRecordData("ns1.example.org", "hostmaster.example.org", 1, 2, 3, 4, 5)));
        response.Authorities.Add(new DnsResourceRecord("example.org", DnsRecordType.NS, DnsClass.IN, 60, new NameRecordData("ns1.example.org")));
        response.Additionals.Add(new DnsResourceRecord("_s._tcp.example.org", DnsRecordType.SRV, DnsClass.IN, 60, new SrvRecordData(1, 2, 3, "www.example.org")));
        response.Additionals.Add(new DnsResourceRecord("example.org", DnsRecordType.MX, DnsClass.IN, 60, new MxRecordData(10, "mail.example.org")));
        response.Additionals.Add(new DnsResourceRecord("1.2.0.192.in-addr.arpa", DnsRecordType.PTR, DnsClass.IN, 60, new NameRecordData("www.example.org")));
        response.Additionals.Add(new DnsResourceRecord("externaldns-key", DnsRecordType.TSIG, DnsClass.ANY, 0, new TsigRecordData("hmac-sha256", 1, 300, new byte[32], 1, 0, [])));

        var update = new DnsUpdateBuilder("example.org")
            .DeleteRRset("a.example.org", DnsRecordType.A)
            .AddRecord("a.example.org", DnsRecordType.A, 60, new AddressRecordData(IPAddress.Parse("192.0.2.9")))
            .Build();
        return [response.Encode(), update.Encode()];
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_a_format_exception()
    {
        var random = new Random(20261122);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            if (bytes.Length >= 12 && random.Next(2) == 0)
            {
                // small counts make it past the header check more often
                bytes[4] = 0;
                bytes[5] = (byte)random.Next(3);
                bytes[6] = 0;
                bytes[7] = (byte)random.Next(4);
                bytes[8] = bytes[9] = bytes[10] = 0;
                bytes[11] = (byte)random.Next(3);
            }

            DecodeOrFormatException(bytes, i);
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Mutated_messages_never_throw_anything_but_a_format_exception()
    {
        var random = new Random(42);
        var seeds = Seeds();
        var decodedSome = 0;
        for (var i = 0; i < 20000; i++)
        {
            var bytes = (byte[])seeds[i % seeds.Length].Clone();
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations; m++)
            {
                switch (random.Next(5))
                {
                    case 0:
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                        break;
                    case 2:
                        Array.Resize(ref bytes, random.Next(bytes.Length));
                        break;
                    case 3:
                        // plant a compression pointer anywhere
                        if (bytes.Length > 2)
                        {
                            var at = random.Next(bytes.Length - 1);
                            bytes[at] = (byte)(0xC0 | random.Next(4));
                            bytes[at + 1] = (byte)random.Next(256);
                        }

                        break;
                    default:
                        var insertAt = random.Next(bytes.Length + 1);
                        bytes = [.. bytes[..insertAt], (byte)random.Next(256), .. bytes[insertAt..]];
                        break;
                }

                if (bytes.Length == 0)
                {
                    break;
                }
            }

            if (DecodeOrFormatException(bytes, i))
            {
                decodedSome++;
            }
        }

        // the mutations must not be so destructive that nothing decodes (then the test would prove little)
        Assert.InRange(decodedSome, 100, 19900);
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_is_a_format_exception()
    {
        foreach (var seed in Seeds())
        {
            for (var length = 0; length < seed.Length; length++)
            {
                Assert.Throws<DnsFormatException>(() => DnsMessage.Decode(seed[..length]));
            }

            Assert.NotNull(DnsMessage.Decode(seed));
        }
    }

    private static bool DecodeOrFormatException(byte[] bytes, int iteration)
    {
        try
        {
            var message = DnsMessage.Decode(bytes);
            _ = message.ToString(); // printing decoded data must not throw either
            return true;
        }
        catch (DnsFormatException)
        {
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"iteration {iteration}: {e.GetType().Name}: {e.Message}\ninput {Convert.ToHexString(bytes)}");
            return false;
        }
    }
}
