namespace ExternalDns.Dns.Records;

/// <summary>DNS RR TYPE values (RFC 1035, 3596, 2782, 6672, 6891, 2930, 8945). Other values are valid too (kept as raw data).</summary>
public enum DnsRecordType : ushort
{
    None = 0,
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
    DNAME = 39,
    OPT = 41,
    TKEY = 249,
    TSIG = 250,
    IXFR = 251,
    AXFR = 252,
    ANY = 255,
}
