using System.Globalization;
using System.Text;
using System.Text.Json;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// The benchmark's data set: <c>bench-{i}.example.org</c> A <c>10.x.y.z</c> (distinct addresses), TTL 300, in the
/// zone example.org, in the forms each path needs: endpoints for the providers, nsupdate script lines, a PowerDNS
/// rrset PATCH body, and the "name TYPE data" lines a zone transfer must show.
/// </summary>
internal sealed class BenchmarkRecords
{
    public const string Zone = "example.org";
    public const int Ttl = 300;

    public BenchmarkRecords(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 1 << 24);
        Count = count;
        var names = new string[count];
        var addresses = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = string.Create(CultureInfo.InvariantCulture, $"bench-{i}.{Zone}");
            addresses[i] = string.Create(CultureInfo.InvariantCulture, $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}");
        }

        Names = names;
        Addresses = addresses;
        ExpectedTransferLines = Enumerable.Range(0, count).Select(i => $"{names[i]}. A {addresses[i]}").ToHashSet(StringComparer.Ordinal);
    }

    public int Count { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Addresses { get; }

    /// <summary>What <see cref="ExternalDns.Testing.Servers.DigAxfr.Records"/> prints for the records ("name. A address").</summary>
    public IReadOnlySet<string> ExpectedTransferLines { get; }

    /// <summary>Fresh endpoints (the providers must not be able to share state between runs through them).</summary>
    public List<Endpoint> CreateEndpoints()
    {
        var endpoints = new List<Endpoint>(Count);
        for (var i = 0; i < Count; i++)
        {
            endpoints.Add(new Endpoint(Names[i], RecordTypes.A, Ttl, [Addresses[i]]));
        }

        return endpoints;
    }

    /// <summary>
    /// An nsupdate script that adds (or deletes) every record, <paramref name="batchSize"/> records per <c>send</c>;
    /// each delete removes exactly that RR (name, type and data), as the RFC2136 provider does.
    /// </summary>
    public string NsupdateScript(string host, int port, bool add, int batchSize)
    {
        var script = new StringBuilder(Count * 64);
        script.Append(CultureInfo.InvariantCulture, $"server {host} {port}\nzone {Zone}.\n");
        for (var i = 0; i < Count; i++)
        {
            script.Append(add
                ? string.Create(CultureInfo.InvariantCulture, $"update add {Names[i]}. {Ttl} A {Addresses[i]}\n")
                : string.Create(CultureInfo.InvariantCulture, $"update delete {Names[i]}. A {Addresses[i]}\n"));
            if ((i + 1) % batchSize == 0 || i == Count - 1)
            {
                script.Append("send\n");
            }
        }

        return script.ToString();
    }

    /// <summary>The number of <c>send</c> commands in <see cref="NsupdateScript"/>.</summary>
    public int Batches(int batchSize) => (Count + batchSize - 1) / batchSize;

    /// <summary>
    /// One PowerDNS PATCH body with every rrset: <c>REPLACE</c> with the record (create) or <c>DELETE</c>. Written
    /// with <see cref="Utf8JsonWriter"/>, the least a client can do.
    /// </summary>
    public byte[] PowerDnsPatch(bool replace)
    {
        using var buffer = new MemoryStream(Count * 120);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("rrsets");
            for (var i = 0; i < Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", Names[i] + ".");
                json.WriteString("type", "A");
                if (replace)
                {
                    json.WriteString("changetype", "REPLACE");
                    json.WriteNumber("ttl", Ttl);
                    json.WriteStartArray("records");
                    json.WriteStartObject();
                    json.WriteString("content", Addresses[i]);
                    json.WriteBoolean("disabled", false);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteString("changetype", "DELETE");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
