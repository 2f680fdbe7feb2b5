using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Testing.Tls;

/// <summary>
/// A small HTTPS reverse proxy (Kestrel on 127.0.0.1, a random port) in front of a plain-HTTP API such as PowerDNS
/// 4.7's, whose webserver cannot serve TLS itself. Its certificate comes from a <see cref="LocalCertificateAuthority"/>;
/// with a client CA it requires a client certificate signed by it (mutual TLS). Every request is forwarded as it is
/// (method, path, query, headers, body) and the response returned as it is.
/// </summary>
public sealed class TlsReverseProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase) { "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Content-Length" };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly X509Certificate2 _certificate;
    private int _forwarded;

    private TlsReverseProxy(WebApplication app, HttpClient upstream, X509Certificate2 certificate)
    {
        _app = app;
        _upstream = upstream;
        _certificate = certificate;
    }

    /// <summary>The proxy's base URL: https://127.0.0.1:PORT.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The number of requests forwarded (requests refused in the TLS handshake never count).</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>The subject of the last client certificate presented, if any.</summary>
    public string? LastClientCertificateSubject { get; private set; }

    /// <summary>Starts a proxy to <paramref name="upstream"/> with <paramref name="server"/>'s certificate; with <paramref name="clientAuthority"/>, mutual TLS.</summary>
    public static async Task<TlsReverseProxy> StartAsync(Uri upstream, IssuedCertificate server, LocalCertificateAuthority? clientAuthority = null)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(server);
        var certificate = X509Certificate2.CreateFromPem(server.CertificatePem, server.KeyPem);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = clientAuthority is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = clientAuthority is null ? null : (c, _, _) => SignedBy(c, clientAuthority.Certificate),
            }));
        });
        var app = builder.Build();
        var proxy = new TlsReverseProxy(app, new HttpClient { BaseAddress = upstream }, certificate);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.BaseAddress = new Uri($"https://127.0.0.1:{new Uri(address).Port}");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
        _certificate.Dispose();
    }

    private static bool SignedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        return chain.Build(certificate);
    }

    private async Task ForwardAsync(HttpContext context)
    {
        LastClientCertificateSubject = context.Connection.ClientCertificate?.Subject;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _upstream.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        Interlocked.Increment(ref _forwarded);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
