using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ExternalDns.Testing.Azure;

/// <summary>
/// Emulates the Entra ID endpoints MSAL (through Azure.Identity) calls: the v2.0 token endpoint for the client
/// credentials grant with a client secret or a client assertion (workload identity federation), the OpenID
/// configuration and instance discovery documents, and the managed identity endpoints of App Service
/// (<c>IDENTITY_ENDPOINT</c> + <c>X-IDENTITY-HEADER</c>, api-version 2019-08-01) and IMDS
/// (<c>/metadata/identity/oauth2/token</c>, <c>Metadata: true</c>, api-version 2018-02-01).
/// </summary>
internal sealed class AzureIdentityEndpoints
{
    public const string FederationAudience = "api://AzureADTokenExchange";

    private readonly AzureDnsEmulator _emulator;
    private readonly ConcurrentDictionary<string, AzureIssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AzureFederatedCredential, bool> _federated = new();
    private readonly RSA _issuerKey = RSA.Create(2048);

    public AzureIdentityEndpoints(AzureDnsEmulator emulator)
    {
        _emulator = emulator;
    }

    public IEnumerable<AzureIssuedToken> Issued => _tokens.Values;

    public void AddFederatedCredential(AzureFederatedCredential credential) => _federated[credential] = true;

    public void RevokeAll() => _tokens.Clear();

    public void ExpireAll()
    {
        var past = _emulator.Options.TimeProvider.GetUtcNow().AddMinutes(-1);
        foreach (var (token, issued) in _tokens)
        {
            _tokens[token] = issued with { ExpiresOn = past };
        }
    }

    public AzureIssuedToken? Find(string token) => _tokens.TryGetValue(token, out var t) ? t : null;

    /// <summary>An RS256 JWT signed by the emulator's issuer key, as a Kubernetes projected service account token.</summary>
    public string CreateAssertion(string issuer, string subject, string audience, TimeSpan lifetime)
    {
        var now = _emulator.Options.TimeProvider.GetUtcNow();
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = "emulator" };
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["sub"] = subject,
            ["aud"] = new JsonArray(audience),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = _issuerKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    public static string? Operation(string method, string[] segments)
    {
        if (segments.Length == 4 && Is(segments[1], "oauth2") && Is(segments[2], "v2.0") && Is(segments[3], "token") && method == "POST")
        {
            return "Token";
        }

        if (segments.Length == 4 && Is(segments[1], "v2.0") && Is(segments[2], ".well-known") && Is(segments[3], "openid-configuration"))
        {
            return "OpenIdConfiguration";
        }

        if (segments.Length == 3 && Is(segments[0], "common") && Is(segments[1], "discovery") && Is(segments[2], "instance"))
        {
            return "InstanceDiscovery";
        }

        if ((segments.Length == 2 && Is(segments[0], "msi") && Is(segments[1], "token"))
            || (segments.Length == 4 && Is(segments[0], "metadata") && Is(segments[1], "identity") && Is(segments[2], "oauth2") && Is(segments[3], "token")))
        {
            return "ManagedIdentityToken";
        }

        return null;
    }

    public async Task<int> HandleAsync(HttpContext context, string operation, string[] segments)
    {
        return operation switch
        {
            "Token" => await TokenAsync(context, segments[0]).ConfigureAwait(false),
            "OpenIdConfiguration" => await OpenIdConfigurationAsync(context, segments[0]).ConfigureAwait(false),
            "InstanceDiscovery" => await InstanceDiscoveryAsync(context).ConfigureAwait(false),
            _ => await ManagedIdentityAsync(context, segments[0]).ConfigureAwait(false),
        };
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }

    private static async Task<int> WriteOAuthErrorAsync(HttpContext context, int status, string error, int code, string description)
    {
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        };
        await AzureDnsEmulator.WriteJsonAsync(context, status, body).ConfigureAwait(false);
        return status;
    }

    private async Task<int> TokenAsync(HttpContext context, string tenant)
    {
        var options = _emulator.Options;
        if (!context.Request.HasFormContentType)
        {
            return await WriteOAuthErrorAsync(context, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.").ConfigureAwait(false);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return await WriteOAuthErrorAsync(context, 400, "invalid_request", 90002, $"Tenant '{tenant}' not found.").ConfigureAwait(false);
        }

        if (form["grant_type"] != "client_credentials")
        {
            return await WriteOAuthErrorAsync(context, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.").ConfigureAwait(false);
        }

        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString();
        if (!scope.EndsWith("/.default", StringComparison.Ordinal))
        {
            return await WriteOAuthErrorAsync(context, 400, "invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.").ConfigureAwait(false);
        }

        string flow;
        if (!string.IsNullOrEmpty(form["client_assertion"]))
        {
            if (form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            {
                return await WriteOAuthErrorAsync(context, 400, "invalid_request", 50027, "The client_assertion_type is not supported.").ConfigureAwait(false);
            }

            var problem = CheckAssertion(clientId, form["client_assertion"].ToString());
            if (problem is not null)
            {
                return await WriteOAuthErrorAsync(context, 400, "invalid_client", 70021, problem).ConfigureAwait(false);
            }

            flow = "ClientAssertion";
        }
        else
        {
            if (!string.Equals(clientId, options.ClientId, StringComparison.OrdinalIgnoreCase))
            {
                return await WriteOAuthErrorAsync(context, 400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{tenant}'.").ConfigureAwait(false);
            }

            if (form["client_secret"] != options.ClientSecret)
            {
                return await WriteOAuthErrorAsync(context, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.").ConfigureAwait(false);
            }

            flow = "ClientSecret";
        }

        var audience = scope[..^"/.default".Length];
        var (token, issued) = Issue(options.TenantId, clientId, audience, flow);
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)(issued.ExpiresOn - options.TimeProvider.GetUtcNow()).TotalSeconds,
            ["ext_expires_in"] = (long)(issued.ExpiresOn - options.TimeProvider.GetUtcNow()).TotalSeconds,
            ["access_token"] = token,
        };
        await AzureDnsEmulator.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return 200;
    }

    private string? CheckAssertion(string clientId, string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "Client assertion is not a valid JWT.";
        }

        JsonObject payload;
        try
        {
            var signature = FromBase64Url(parts[2]);
            if (!_issuerKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "Client assertion failed signature validation.";
            }

            payload = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
        }
        catch (FormatException)
        {
            return "Client assertion is not a valid JWT.";
        }

        var issuer = payload["iss"]?.GetValue<string>();
        var subject = payload["sub"]?.GetValue<string>();
        var audiences = payload["aud"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [payload["aud"]?.GetValue<string>() ?? string.Empty];
        var exp = payload["exp"]?.GetValue<long>() ?? 0;
        if (!audiences.Contains(FederationAudience))
        {
            return $"Client assertion audience claim does not match '{FederationAudience}'.";
        }

        if (DateTimeOffset.FromUnixTimeSeconds(exp) < _emulator.Options.TimeProvider.GetUtcNow())
        {
            return "Client assertion contains an expired token.";
        }

        var match = _federated.Keys.Any(f => string.Equals(f.ClientId, clientId, StringComparison.OrdinalIgnoreCase) && f.Issuer == issuer && f.Subject == subject);
        return match ? null : $"No matching federated identity record found for presented assertion issuer '{issuer}' and subject '{subject}'.";
    }

    private (string Token, AzureIssuedToken Issued) Issue(string tenant, string clientId, string audience, string flow)
    {
        var token = "eyJ0eXAiOiJKV1QifQ." + Base64Url(RandomNumberGenerator.GetBytes(24)) + ".emulator";
        var issued = new AzureIssuedToken(tenant, clientId, audience, _emulator.Options.TimeProvider.GetUtcNow().Add(_emulator.Options.TokenLifetime), flow);
        _tokens[token] = issued;
        return (token, issued);
    }

    private async Task<int> OpenIdConfigurationAsync(HttpContext context, string tenant)
    {
        var authority = new Uri(_emulator.BaseAddress, tenant + "/").ToString();
        var body = new JsonObject
        {
            ["token_endpoint"] = authority + "oauth2/v2.0/token",
            ["authorization_endpoint"] = authority + "oauth2/v2.0/authorize",
            ["issuer"] = authority + "v2.0",
            ["jwks_uri"] = new Uri(_emulator.BaseAddress, "common/discovery/v2.0/keys").ToString(),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["tenant_region_scope"] = "NA",
        };
        await AzureDnsEmulator.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return 200;
    }

    private async Task<int> InstanceDiscoveryAsync(HttpContext context)
    {
        var host = _emulator.BaseAddress.Authority;
        var tenantDiscovery = new Uri(_emulator.BaseAddress, _emulator.Options.TenantId + "/v2.0/.well-known/openid-configuration").ToString();
        var body = new JsonObject
        {
            ["tenant_discovery_endpoint"] = tenantDiscovery,
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = new JsonArray(host),
            }),
        };
        await AzureDnsEmulator.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return 200;
    }

    private async Task<int> ManagedIdentityAsync(HttpContext context, string first)
    {
        var options = _emulator.Options;
        var query = context.Request.Query;
        var appService = string.Equals(first, "msi", StringComparison.OrdinalIgnoreCase);
        if (appService)
        {
            if (context.Request.Headers["X-IDENTITY-HEADER"] != options.ManagedIdentityHeader)
            {
                await AzureDnsEmulator.WriteJsonAsync(context, 401, new JsonObject { ["statusCode"] = 401, ["message"] = "Unauthorized: missing or invalid X-IDENTITY-HEADER" }).ConfigureAwait(false);
                return 401;
            }

            if (query["api-version"] != "2019-08-01")
            {
                await AzureDnsEmulator.WriteJsonAsync(context, 400, new JsonObject { ["statusCode"] = 400, ["message"] = "Unsupported api-version" }).ConfigureAwait(false);
                return 400;
            }
        }
        else if (context.Request.Headers["Metadata"] != "true")
        {
            await AzureDnsEmulator.WriteJsonAsync(context, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Required metadata header not specified" }).ConfigureAwait(false);
            return 400;
        }

        var requested = query["client_id"].ToString();
        if (requested.Length > 0 && !string.Equals(requested, options.ManagedIdentityClientId, StringComparison.OrdinalIgnoreCase))
        {
            await AzureDnsEmulator.WriteJsonAsync(context, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Identity not found" }).ConfigureAwait(false);
            return 400;
        }

        var resource = query["resource"].ToString();
        if (resource.Length == 0)
        {
            await AzureDnsEmulator.WriteJsonAsync(context, 400, new JsonObject { ["error"] = "invalid_request", ["error_description"] = "Required query variable 'resource' is missing" }).ConfigureAwait(false);
            return 400;
        }

        var (token, issued) = Issue(options.TenantId, options.ManagedIdentityClientId, resource, "ManagedIdentity");
        var expiresOn = issued.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["access_token"] = token,
            ["expires_on"] = expiresOn,
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = options.ManagedIdentityClientId,
        };
        if (!appService)
        {
            body["expires_in"] = ((long)options.TokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        await AzureDnsEmulator.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return 200;
    }
}
