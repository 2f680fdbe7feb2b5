using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// An in-process Kubernetes API server emulator speaking the real wire protocol (discovery, list/watch with
/// resourceVersions, selectors and pagination, create/update/patch/delete, Status errors) over HTTPS on 127.0.0.1
/// and a random port, with bearer-token authentication. Tests seed and inspect objects through the control methods
/// here, inject faults through <see cref="Faults"/>, count requests through <see cref="Requests"/>, and point clients
/// (or kubectl) at it with <see cref="WriteKubeconfig"/>.
/// </summary>
public sealed class KubeApiServer : IAsyncDisposable, IDisposable
{
    private readonly Lock _tokenLock = new();
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private ITimer? _bookmarkTimer;
    private string _token;

    public KubeApiServer(KubeApiServerOptions? options = null)
    {
        Options = options ?? new KubeApiServerOptions();
        TimeProvider = Options.TimeProvider;
        Resources = Options.Resources ?? KubeResourceCatalog.CreateDefault();
        Store = new KubeObjectStore(TimeProvider, Options.WatchHistoryCapacity);
        Faults = new KubeFaults(Store);
        Certificates = KubeCertificates.Create(TimeProvider);
        _token = Options.Token ?? NewToken();
        _tokens.Add(_token);
        if (Options.SeedDefaultNamespaces)
        {
            foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            {
                EnsureNamespace(ns);
            }
        }
    }

    public KubeApiServerOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public KubeResourceCatalog Resources { get; }

    public KubeObjectStore Store { get; }

    public KubeFaults Faults { get; }

    public KubeRequestLog Requests { get; } = new();

    public KubeCertificates Certificates { get; }

    /// <summary>The CA certificate (PEM) that signed the server certificate: what clients trust.</summary>
    public string CaCertificatePem => Certificates.CaPem;

    public string ServerCertificatePem => Certificates.ServerCertificatePem;

    /// <summary>https://127.0.0.1:{port} once started.</summary>
    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    public int Port { get; private set; }

    /// <summary>The current bearer token.</summary>
    public string Token
    {
        get
        {
            lock (_tokenLock)
            {
                return _token;
            }
        }
    }

    /// <summary>The latest resourceVersion.</summary>
    public long ResourceVersion => Store.ResourceVersion;

    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new KubeApiServer(options);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("already started");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(Certificates.ServerCertificate);
            });
        });
        var app = builder.Build();
        var router = new KubeRouter(this, new KubeResourceHandler(this));
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        BaseAddress = new Uri($"https://127.0.0.1:{Port}/");
        if (Options.BookmarkInterval > TimeSpan.Zero && Options.BookmarkInterval != Timeout.InfiniteTimeSpan)
        {
            _bookmarkTimer = TimeProvider.CreateTimer(_ => Store.SendBookmarks(), null, Options.BookmarkInterval, Options.BookmarkInterval);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_bookmarkTimer is not null)
        {
            await _bookmarkTimer.DisposeAsync().ConfigureAwait(false);
            _bookmarkTimer = null;
        }

        Store.CloseWatches(abort: false);
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await StopAsync(timeout.Token).ConfigureAwait(false);
        Certificates.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    // ---- authentication -------------------------------------------------------------------------------------

    /// <summary>Replaces the token: the old one gets 401 from now on (unless <paramref name="keepOld"/>).
    /// Returns the new token.</summary>
    public string RotateToken(bool keepOld = false, string? newToken = null)
    {
        lock (_tokenLock)
        {
            if (!keepOld)
            {
                _tokens.Clear();
            }

            _token = newToken ?? NewToken();
            _tokens.Add(_token);
            return _token;
        }
    }

    /// <summary>Makes every token invalid (every request gets 401) until <see cref="RotateToken"/> or
    /// <see cref="AcceptToken"/>.</summary>
    public void ExpireToken()
    {
        lock (_tokenLock)
        {
            _tokens.Clear();
        }
    }

    /// <summary>Accepts <paramref name="token"/> in addition to the others.</summary>
    public void AcceptToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        lock (_tokenLock)
        {
            _tokens.Add(token);
        }
    }

    internal bool IsAuthorized(string authorization)
    {
        const string prefix = "Bearer ";
        if (!authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        lock (_tokenLock)
        {
            return _tokens.Contains(authorization[prefix.Length..].Trim());
        }
    }

    // ---- clients ------------------------------------------------------------------------------------------------

    /// <summary>The kubeconfig YAML for this server (CA data, current token, server URL).</summary>
    public string Kubeconfig(string? defaultNamespace = null) => KubeconfigWriter.Render(BaseAddress, CaCertificatePem, Token, defaultNamespace);

    /// <summary>Writes <see cref="Kubeconfig"/> to <paramref name="path"/> and returns the path.</summary>
    public string WriteKubeconfig(string path, string? defaultNamespace = null)
    {
        KubeconfigWriter.Write(path, BaseAddress, CaCertificatePem, Token, defaultNamespace);
        return path;
    }

    /// <summary>A handler that trusts exactly this server's CA.</summary>
    public HttpMessageHandler CreateHttpMessageHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => Certificates.Validate(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2) },
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    };

    /// <summary>An HttpClient with <see cref="BaseAddress"/>, the CA trusted and (when <paramref name="authenticate"/>)
    /// the current bearer token.</summary>
    public HttpClient CreateHttpClient(bool authenticate = true)
    {
        var client = new HttpClient(CreateHttpMessageHandler(), disposeHandler: true) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (authenticate)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        }

        return client;
    }

    // ---- control API: objects -------------------------------------------------------------------------------

    /// <summary>Creates or replaces an object as given (status included, no defaulting, no resourceVersion check),
    /// bumping the resourceVersion and emitting ADDED or MODIFIED; creates its namespace when missing.
    /// <paramref name="resource"/> is a plural, kind, short name or <c>plural.group</c>. Returns the stored object.</summary>
    public JsonObject Put(string resource, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var type = Resources.Resolve(resource);
        var name = KubeJson.Name(obj);
        ArgumentException.ThrowIfNullOrEmpty(name, "obj.metadata.name");
        var ns = type.Namespaced ? NonEmpty(KubeJson.Namespace(obj)) ?? "default" : null;
        if (ns is not null)
        {
            EnsureNamespace(ns);
        }

        var copy = (JsonObject)obj.DeepClone();
        return Store.Commit(type, ns, name, _ => copy)!;
    }

    /// <summary>Puts an object given as JSON; its type comes from <c>apiVersion</c> and <c>kind</c>.</summary>
    public JsonObject Put(string json)
    {
        var obj = KubeJson.Parse(json);
        var type = Resources.ResolveKind(KubeJson.GetString(obj, "apiVersion") ?? string.Empty, KubeJson.GetString(obj, "kind") ?? string.Empty);
        return Put(type.Key, obj);
    }

    /// <summary>Changes a stored object in place (emitting MODIFIED); throws when it does not exist.</summary>
    public JsonObject Update(string resource, string? ns, string name, Action<JsonObject> mutate)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        var type = Resources.Resolve(resource);
        return Store.Commit(type, ns ?? "default", name, current =>
        {
            if (current is null)
            {
                throw new InvalidOperationException($"{type.Key} {ns}/{name} does not exist");
            }

            mutate(current);
            return current;
        })!;
    }

    public JsonObject? Get(string resource, string? ns, string name) => Store.Get(Resources.Resolve(resource), ns ?? "default", name);

    /// <summary>All objects of a type, in one namespace or (null) all.</summary>
    public IReadOnlyList<JsonObject> List(string resource, string? ns = null) => Store.List(Resources.Resolve(resource), ns).Items;

    /// <summary>Deletes an object at once (ignoring finalizers), emitting DELETED. False when it did not exist.</summary>
    public bool Delete(string resource, string? ns, string name) =>
        Store.Commit(Resources.Resolve(resource), ns ?? "default", name, _ => null) is not null;

    /// <summary>Sends a BOOKMARK at the current resourceVersion to every watch that allows bookmarks.</summary>
    public void SendBookmarks() => Store.SendBookmarks();

    private void EnsureNamespace(string ns)
    {
        var type = Resources.Resolve("namespaces");
        Store.Commit(type, null, ns, current =>
        {
            if (current is not null)
            {
                return current;
            }

            var obj = new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } };
            type.Defaulter?.Invoke(obj);
            return obj;
        });
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    private static string NewToken() => "emulator-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
