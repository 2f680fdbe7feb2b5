namespace ExternalDns.Testing.Servers;

/// <summary>A BIND serving DNS over TLS that requires a client certificate signed by <see cref="BindTlsServer.ClientAuthority"/> (mutual TLS).</summary>
public sealed class BindMutualTlsServer : IDisposable
{
    public BindTlsServer Server { get; } = new(requireClientCertificate: true);

    public void Dispose() => Server.Dispose();
}
