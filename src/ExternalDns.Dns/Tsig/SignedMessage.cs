namespace ExternalDns.Dns.Tsig;

/// <summary>A signed request on the wire and its MAC (needed to verify the response).</summary>
public sealed record SignedMessage(byte[] Wire, byte[] Mac);
