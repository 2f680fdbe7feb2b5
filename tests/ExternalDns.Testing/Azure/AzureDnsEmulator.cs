using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ExternalDns.Testing.Azure;

/// <summary>
/// An in-process emulator of Azure Resource Manager's DNS APIs (public zones, api-version 2018-05-01; private zones,
/// 2024-06-01) and of the Entra ID and managed identity token endpoints that Azure.Identity calls, served over HTTPS
/// on 127.0.0.1 and a random port with a certificate from a throw-away CA (<see cref="CaCertificatePem"/>).
/// Every ARM request needs a bearer token that this emulator issued for <see cref="AzureDnsEmulatorOptions.Audience"/>.
/// Written from the public REST reference; tests seed zones and record sets through the control methods, inject
/// faults through <see cref="Faults"/> and count requests through <see cref="Counters"/>.
/// </summary>
public sealed class AzureDnsEmulator : IAsyncDisposable
{
    private readonly AzureArmHandler _arm;
    private readonly AzureIdentityEndpoints _identity;
    private LoopbackHttpServer? _server;

    public AzureDnsEmulator(AzureDnsEmulatorOptions? options = null)
    {
        Options = options ?? new AzureDnsEmulatorOptions();
        Certificates = KubeCertificates.Create(Options.TimeProvider);
        _arm = new AzureArmHandler(this);
        _identity = new AzureIdentityEndpoints(this);
        _identity.AddFederatedCredential(new AzureFederatedCredential(Options.ClientId, FederatedIssuer, FederatedSubject));
    }

    /// <summary>The issuer of the federated credential registered for <see cref="AzureDnsEmulatorOptions.ClientId"/>.</summary>
    public const string FederatedIssuer = "https://oidc.emulator.test/cluster";

    /// <summary>The subject of that federated credential: external-dns's service account.</summary>
    public const string FederatedSubject = "system:serviceaccount:external-dns:external-dns";

    public AzureDnsEmulatorOptions Options { get; }

    public AzureDnsCounters Counters { get; } = new();

    public AzureDnsFaults Faults { get; } = new();

    public KubeCertificates Certificates { get; }

    /// <summary>The CA (PEM) that signed the server certificate; put it in a file and point SSL_CERT_FILE at it.</summary>
    public string CaCertificatePem => Certificates.CaPem;

    /// <summary>https://127.0.0.1:{port}/ once started: the ARM endpoint and the Entra ID authority host.</summary>
    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    public int Port { get; private set; }

    /// <summary>The App Service managed identity endpoint (<c>IDENTITY_ENDPOINT</c>).</summary>
    public Uri ManagedIdentityEndpoint => new(BaseAddress, "msi/token");

    /// <summary>Access tokens issued so far.</summary>
    public IReadOnlyList<AzureIssuedToken> IssuedTokens => [.. _identity.Issued];

    internal AzureDnsStore Store { get; } = new();

    public static async Task<AzureDnsEmulator> StartAsync(AzureDnsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new AzureDnsEmulator(options);
        try
        {
            await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("already started");
        }

        _server = await LoopbackHttpServer.StartAsync(
            HandleAsync,
            listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(Certificates.ServerCertificate);
            },
            cancellationToken).ConfigureAwait(false);
        Port = _server.Port;
        BaseAddress = new Uri($"https://127.0.0.1:{Port}/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        Certificates.Dispose();
    }

    // ---- clients ------------------------------------------------------------------------------------------------

    /// <summary>A handler that trusts exactly this emulator's CA.</summary>
    public HttpMessageHandler CreateHttpMessageHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => Certificates.Validate(certificate as X509Certificate2) },
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    };

    /// <summary>Writes the CA certificate as a PEM bundle (for SSL_CERT_FILE) and returns the path.</summary>
    public string WriteCaBundle(string path)
    {
        File.WriteAllText(path, CaCertificatePem);
        return path;
    }

    /// <summary>A token for <paramref name="clientId"/> (default: the service principal) straight from the store, for
    /// tests that talk to ARM without going through the token endpoint.</summary>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient(CreateHttpMessageHandler(), disposeHandler: true);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = Options.ClientId,
            ["client_secret"] = Options.ClientSecret,
            ["scope"] = Options.Audience.TrimEnd('/') + "/.default",
        });
        using var response = await client.PostAsync(new Uri(BaseAddress, Options.TenantId + "/oauth2/v2.0/token"), form, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
        return json["access_token"]!.GetValue<string>();
    }

    // ---- identity control -----------------------------------------------------------------------------------

    public void AddFederatedCredential(AzureFederatedCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _identity.AddFederatedCredential(credential);
    }

    /// <summary>A signed service account token (JWT) as the Kubernetes token projection writes it to
    /// AZURE_FEDERATED_TOKEN_FILE; the defaults match the registered federated credential.</summary>
    public string CreateFederatedToken(string issuer = FederatedIssuer, string subject = FederatedSubject, string audience = AzureIdentityEndpoints.FederationAudience, TimeSpan? lifetime = null) =>
        _identity.CreateAssertion(issuer, subject, audience, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>Forgets every issued token: the next ARM request with one gets 401 InvalidAuthenticationToken.</summary>
    public void RevokeTokens() => _identity.RevokeAll();

    /// <summary>Makes every issued token expired: the next ARM request with one gets 401 ExpiredAuthenticationToken.</summary>
    public void ExpireTokens() => _identity.ExpireAll();

    // ---- zone control ---------------------------------------------------------------------------------------

    public void AddResourceGroup(string resourceGroup) => Store.AddResourceGroup(resourceGroup);

    /// <summary>Creates a zone (and its resource group) with the SOA and, for public zones, NS record sets.</summary>
    public void AddZone(AzureZoneKind kind, string resourceGroup, string zone) => Store.AddZone(kind, resourceGroup, zone, Options, out _);

    public bool RemoveZone(AzureZoneKind kind, string resourceGroup, string zone) => Store.RemoveZone(kind, resourceGroup, zone);

    /// <summary>Creates or replaces a record set (values in presentation form, see <see cref="AzureRecordSet"/>);
    /// returns its new etag.</summary>
    public string SetRecordSet(AzureZoneKind kind, string resourceGroup, string zone, string name, string type, long ttl, IEnumerable<string> values, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var z = Store.FindZone(kind, resourceGroup, zone) ?? throw new InvalidOperationException($"no zone {zone} in {resourceGroup}");
        var upper = type.ToUpperInvariant();
        var items = values.Select(v => AzureRecordTypes.Parse(upper, v)).ToList();
        var meta = metadata is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        var outcome = Store.Put(z, name, upper, ttl, meta, items, string.Empty, string.Empty, Options);
        return outcome.Error is { } e ? throw new InvalidOperationException(e.Message) : outcome.Set!.Etag;
    }

    public bool RemoveRecordSet(AzureZoneKind kind, string resourceGroup, string zone, string name, string type)
    {
        var z = Store.FindZone(kind, resourceGroup, zone) ?? throw new InvalidOperationException($"no zone {zone} in {resourceGroup}");
        return Store.Delete(z, name, type.ToUpperInvariant(), string.Empty).Created;
    }

    /// <summary>Every record set of the zone (SOA and apex NS included), ordered by name then type.</summary>
    public IReadOnlyList<AzureRecordSet> RecordSets(AzureZoneKind kind, string resourceGroup, string zone)
    {
        var z = Store.FindZone(kind, resourceGroup, zone) ?? throw new InvalidOperationException($"no zone {zone} in {resourceGroup}");
        return Store.Snapshot(z);
    }

    public AzureRecordSet? Find(AzureZoneKind kind, string resourceGroup, string zone, string name, string type) =>
        RecordSets(kind, resourceGroup, zone).FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    // ---- HTTP -----------------------------------------------------------------------------------------------

    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(WireJson), context.RequestAborted).ConfigureAwait(false);
    }

    internal static async Task<int> WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        await WriteJsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }).ConfigureAwait(false);
        return status;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-correlation-request-id"] = request.Headers["x-ms-correlation-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        string operation;
        int status;
        var identityOperation = AzureIdentityEndpoints.Operation(request.Method, segments);
        if (identityOperation is not null)
        {
            operation = identityOperation;
            Counters.Count(operation);
            status = await _identity.HandleAsync(context, operation, segments).ConfigureAwait(false);
        }
        else if (AzureArmHandler.Operation(request.Method, segments) is { } arm)
        {
            operation = arm.Operation;
            Counters.Count(operation);
            status = await HandleArmAsync(context, arm.Operation, arm.Kind, segments).ConfigureAwait(false);
        }
        else
        {
            operation = "Unknown";
            Counters.Count(operation);
            status = await WriteErrorAsync(context, 404, "NotFound", $"No route for {request.Method} {request.Path}.").ConfigureAwait(false);
        }

        Counters.Record(new AzureRequestRecord(operation, request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, status,
            request.Headers.IfMatch.FirstOrDefault(), request.Headers.IfNoneMatch.FirstOrDefault()));
    }

    private async Task<int> HandleArmAsync(HttpContext context, string operation, AzureZoneKind kind, string[] segments)
    {
        var auth = Authenticate(context.Request.Headers.Authorization.ToString());
        if (auth is { } failure)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization_uri=\"{BaseAddress}{Options.TenantId}\", error=\"invalid_token\", error_description=\"{failure.Message}\"";
            return await WriteErrorAsync(context, 401, failure.Code, failure.Message).ConfigureAwait(false);
        }

        if (AzureArmHandler.CheckApiVersion(kind, context.Request.Query["api-version"]) is { } versionError)
        {
            return await WriteErrorAsync(context, 400, versionError.Code, versionError.Message).ConfigureAwait(false);
        }

        if (Faults.Take(operation) is { } fault)
        {
            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return await WriteErrorAsync(context, 429, "SubscriptionRequestsThrottled", "Number of requests for subscription exceeded the limit. Please try again after some time.").ConfigureAwait(false);
            }

            var code = fault.Status switch
            {
                HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
                HttpStatusCode.GatewayTimeout => "GatewayTimeout",
                HttpStatusCode.BadGateway => "BadGateway",
                HttpStatusCode.TooManyRequests => "TooManyRequests",
                _ => "InternalServerError",
            };
            return await WriteErrorAsync(context, (int)fault.Status, code, "Encountered internal server error. Diagnostic information: emulator fault.").ConfigureAwait(false);
        }

        if (Faults.ForbidWrites && context.Request.Method is "PUT" or "DELETE" or "PATCH")
        {
            var principal = Authenticated(context.Request.Headers.Authorization.ToString());
            var action = $"{(kind == AzureZoneKind.Public ? "Microsoft.Network/dnszones" : "Microsoft.Network/privateDnsZones")}/{(segments.Length > 8 ? segments[8].ToUpperInvariant() : "*")}/{(context.Request.Method == "DELETE" ? "delete" : "write")}";
            return await WriteErrorAsync(context, 403, "AuthorizationFailed",
                $"The client '{principal?.ClientId}' with object id '{principal?.ClientId}' does not have authorization to perform action '{action}' over scope '{context.Request.Path}' or the scope is invalid.").ConfigureAwait(false);
        }

        return await _arm.HandleAsync(context, operation, kind, segments).ConfigureAwait(false);
    }

    private AzureIssuedToken? Authenticated(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? _identity.Find(authorization[7..].Trim()) : null;

    private (string Code, string Message)? Authenticate(string authorization)
    {
        if (authorization.Length == 0)
        {
            return ("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ("AuthenticationFailed", "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }

        var token = _identity.Find(authorization[7..].Trim());
        if (token is null)
        {
            return ("InvalidAuthenticationToken", "The access token is invalid.");
        }

        if (token.ExpiresOn <= Options.TimeProvider.GetUtcNow())
        {
            return ("ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time.");
        }

        if (!string.Equals(token.Audience.TrimEnd('/'), Options.Audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return ("InvalidAuthenticationTokenAudience", $"The access token has been obtained for wrong audience or resource '{token.Audience}'. It should exactly match with one of the allowed audiences '{Options.Audience}'.");
        }

        return null;
    }
}
