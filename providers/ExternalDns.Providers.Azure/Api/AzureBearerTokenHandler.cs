using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Identity;
using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>
/// Adds <c>Authorization: Bearer</c> with a token from the Azure.Identity credential, cached until five minutes before
/// it expires (or the credential's refresh time). A 401 from ARM drops the cached token and the request is sent once
/// more with a new one (a revoked or rotated token). Token failures become <see cref="ProviderConfigurationException"/>
/// naming the credential (never its secret), or <see cref="ProviderTransientException"/> when Entra ID or the managed
/// identity endpoint failed transiently.
/// </summary>
internal sealed partial class AzureBearerTokenHandler : DelegatingHandler
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _context;
    private readonly TimeProvider _time;
    private readonly string _describe;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    public AzureBearerTokenHandler(TokenCredential credential, string scope, TimeProvider time, string describe, HttpMessageHandler inner)
        : base(inner)
    {
        _credential = credential;
        _context = new TokenRequestContext([scope]);
        _time = time;
        _describe = describe;
    }

    /// <summary>Tokens obtained from the credential so far.</summary>
    public int TokensAcquired { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        token = await GetTokenAsync(forceRefresh: true, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (!forceRefresh && _token is { } cached && now < (cached.RefreshOn ?? cached.ExpiresOn - RefreshMargin))
            {
                return cached.Token;
            }

            AccessToken fresh;
            try
            {
                // After a 401, claims (as a CAE challenge would send) make MSAL bypass its token cache.
                var context = forceRefresh
                    ? new TokenRequestContext(_context.Scopes, claims: $"{{\"access_token\":{{\"nbf\":{{\"essential\":true,\"value\":\"{now.ToUnixTimeSeconds()}\"}}}}}}")
                    : _context;
                fresh = await _credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationFailedException or CredentialUnavailableException or RequestFailedException)
            {
                throw Map(e);
            }

            TokensAcquired++;
            _token = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Exception Map(Exception e)
    {
        var reason = Reason(e);
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            var status = inner switch
            {
                Microsoft.Identity.Client.MsalServiceException msal => msal.StatusCode,
                RequestFailedException failed => failed.Status,
                HttpRequestException => 503,
                TaskCanceledException or TimeoutException => 504,
                _ => 0,
            };
            if (status is 429 or >= 500)
            {
                return new ProviderTransientException($"Azure: getting a token with {_describe} failed transiently: {reason}", e);
            }
        }

        return new ProviderConfigurationException($"Azure: cannot get a token with {_describe}: {reason}", e);
    }

    /// <summary>Entra ID's own error (<c>AADSTS…: …</c>) when there is one, else the first line of the message.</summary>
    private static string Reason(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            var match = AadError().Match(x.Message);
            if (match.Success)
            {
                return match.Value.Trim();
            }
        }

        var line = e.Message.Split('\n', 2)[0].Trim();
        return line.Length > 400 ? line[..400] : line;
    }

    [GeneratedRegex(@"AADSTS\d+:[^\r\n.]*\.?", RegexOptions.CultureInvariant)]
    private static partial Regex AadError();
}
