namespace ExternalDns.Dns.Tsig;

/// <summary>TSIG error codes (the extended RCODEs of RFC 8945, carried in the TSIG record's Error field).</summary>
public enum TsigError : ushort
{
    NoError = 0,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadMode = 19,
    BadName = 20,
    BadAlg = 21,
    BadTrunc = 22,
}
