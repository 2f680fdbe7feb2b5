using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;

namespace ExternalDns.Dns.Tests;

/// <summary>The client against small in-process servers on 127.0.0.1 that misbehave on purpose.</summary>
public sealed class DnsClientTests : IDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener _tcp;
    private readonly CancellationTokenSource _stop = new();

    public DnsClientTests()
    {
        for (var attempt = 0; ; attempt++)
        {
            _udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_udp.LocalEndPoint!).Port;
            try
            {
                _tcp = new TcpListener(IPAddress.Loopback, Port);
                _tcp.Start();
                return;
            }
            catch (SocketException) when (attempt < 10)
            {
                _udp.Dispose();
            }
        }
    }

    private int Port { get; }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp.Stop();
        _stop.Dispose();
    }

    [Fact]
    public async Task Falls_back_to_tcp_when_the_udp_answer_is_truncated()
    {
        var udp = ServeUdpAsync(q => [Answer(q, truncated: true)]);
        var tcp = ServeTcpAsync(q => [Answer(q, "192.0.2.7")]);
        var response = await Client().QueryAsync("www.example.org", DnsRecordType.A, CancellationToken.None);
        Assert.False(response.IsTruncated);
        Assert.Equal("192.0.2.7", Assert.Single(response.Answers).Data.ToString());
        Assert.Equal(1, await udp);
        Assert.Equal(1, await tcp);
    }

    [Fact]
    public async Task Ignores_udp_answers_with_another_message_id()
    {
        var udp = ServeUdpAsync(q =>
        {
            var wrong = Answer(q, "192.0.2.66");
            wrong.Id = (ushort)(q.Id + 1);
            return [wrong, Answer(q, "192.0.2.8")];
        });
        var response = await Client().QueryAsync("www.example.org", DnsRecordType.A, CancellationToken.None);
        Assert.Equal("192.0.2.8", Assert.Single(response.Answers).Data.ToString());
        await udp;
    }

    [Fact]
    public async Task Rejects_a_tcp_answer_with_another_message_id()
    {
        var tcp = ServeTcpAsync(q =>
        {
            var wrong = Answer(q, "192.0.2.66");
            wrong.Id = (ushort)(q.Id ^ 0x5555);
            return [wrong];
        });
        var client = Client(useTcp: true);
        await Assert.ThrowsAsync<DnsFormatException>(() => client.QueryAsync("www.example.org", DnsRecordType.A, CancellationToken.None));
        await tcp;
    }

    [Fact]
    public async Task A_silent_server_gives_a_timeout()
    {
        var udp = ServeUdpAsync(_ => []);
        var client = Client(timeout: TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<TimeoutException>(() => client.QueryAsync("www.example.org", DnsRecordType.A, CancellationToken.None));
        await udp;
    }

    [Fact]
    public async Task A_closed_port_gives_a_socket_exception()
    {
        _tcp.Stop();
        var client = Client(useTcp: true);
        await Assert.ThrowsAsync<SocketException>(() => client.QueryAsync("www.example.org", DnsRecordType.A, CancellationToken.None));
    }

    [Fact]
    public async Task Large_requests_go_over_tcp()
    {
        var tcp = ServeTcpAsync(q => [Answer(q, "192.0.2.9")]);
        var request = new DnsMessage();
        request.Questions.Add(new DnsQuestion("www.example.org", DnsRecordType.A));
        request.Additionals.Add(new DnsResourceRecord("pad.example.org", (DnsRecordType)65280, DnsClass.IN, 0, new UnknownRecordData(new byte[600])));
        var response = await Client().ExchangeAsync(request, CancellationToken.None);
        Assert.Equal("192.0.2.9", Assert.Single(response.Answers).Data.ToString());
        Assert.Equal(1, await tcp);
    }

    [Fact]
    public async Task Transfers_a_zone_over_several_messages_up_to_the_second_soa()
    {
        var soa = new DnsResourceRecord("example.org", DnsRecordType.SOA, DnsClass.IN, 300, new SoaRecordData("ns1.example.org", "hostmaster.example.org", 1, 2, 3, 4, 5));
        var tcp = ServeTcpAsync(q =>
        {
            var m1 = Answer(q);
            m1.Answers.Add(soa);
            m1.Answers.Add(A("a.example.org", "192.0.2.1"));
            var m2 = Answer(q);
            m2.Answers.Add(A("b.example.org", "192.0.2.2"));
            var m3 = Answer(q);
            m3.Answers.Add(A("c.example.org", "192.0.2.3"));
            m3.Answers.Add(soa);
            return [m1, m2, m3];
        });
        var records = await Client().TransferZoneAsync("example.org", CancellationToken.None);
        Assert.Equal(["example.org SOA", "a.example.org A", "b.example.org A", "c.example.org A"], records.Select(r => $"{r.Name} {r.Type}"));
        await tcp;
    }

    [Fact]
    public async Task A_refused_transfer_gives_a_response_exception()
    {
        var tcp = ServeTcpAsync(q =>
        {
            var refused = Answer(q);
            refused.ResponseCode = DnsResponseCode.Refused;
            return [refused];
        });
        var e = await Assert.ThrowsAsync<DnsResponseException>(() => Client().TransferZoneAsync("example.org", CancellationToken.None));
        Assert.Equal(DnsResponseCode.Refused, e.ResponseCode);
        await tcp;
    }

    private static DnsResourceRecord A(string name, string ip) =>
        new(name, DnsRecordType.A, DnsClass.IN, 60, new AddressRecordData(IPAddress.Parse(ip)));

    private static DnsMessage Answer(DnsMessage query, string? ip = null, bool truncated = false)
    {
        var response = new DnsMessage { Id = query.Id, IsResponse = true, IsTruncated = truncated };
        response.Questions.AddRange(query.Questions);
        if (ip is not null)
        {
            response.Answers.Add(A(query.Questions[0].Name, ip));
        }

        return response;
    }

    private DnsClient Client(bool useTcp = false, TimeSpan? timeout = null) =>
        new(new DnsClientOptions { Host = "127.0.0.1", Port = Port, UseTcp = useTcp, Timeout = timeout ?? TimeSpan.FromSeconds(5) });

    private async Task<int> ServeUdpAsync(Func<DnsMessage, DnsMessage[]> handler)
    {
        var buffer = new byte[65535];
        var result = await _udp.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
        var query = DnsMessage.Decode(buffer[..result.ReceivedBytes]);
        foreach (var answer in handler(query))
        {
            await _udp.SendToAsync(answer.Encode(), result.RemoteEndPoint);
        }

        return 1;
    }

    private async Task<int> ServeTcpAsync(Func<DnsMessage, DnsMessage[]> handler)
    {
        using var client = await _tcp.AcceptTcpClientAsync(_stop.Token);
        var stream = client.GetStream();
        var prefix = new byte[2];
        await stream.ReadExactlyAsync(prefix);
        var body = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        await stream.ReadExactlyAsync(body);
        var query = DnsMessage.Decode(body);
        foreach (var answer in handler(query))
        {
            var wire = answer.Encode();
            var framed = new byte[wire.Length + 2];
            BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)wire.Length);
            wire.CopyTo(framed, 2);
            await stream.WriteAsync(framed);
        }

        return 1;
    }
}
