using System.Net.Http.Headers;
using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Google.Auth;

/// <summary>
/// The GCE metadata server (on GCE, GKE with workload identity, Cloud Run): <c>http://169.254.169.254/</c>, or
/// <c>GCE_METADATA_HOST</c> (host[:port]) as Google's libraries honour it. Every request carries
/// <c>Metadata-Flavor: Google</c>; a short timeout keeps a start outside GCP from hanging.
/// </summary>
public sealed class GoogleMetadataServer : IDisposable
{
    public const string HostVariable = "GCE_METADATA_HOST";
    public const string DefaultHost = "169.254.169.254";

    private readonly HttpClient _http;
    private readonly Func<HttpMessageHandler> _handler;

    /// <param name="environment">Environment lookup (for <c>GCE_METADATA_HOST</c>).</param>
    /// <param name="handler">Makes the handlers for the metadata server (the project id here, the token requests of
    /// Google's <c>ComputeCredential</c>): short connect timeout, no retries.</param>
    /// <param name="timeout">Timeout of the project id request.</param>
    public GoogleMetadataServer(Func<string, string?> environment, Func<HttpMessageHandler> handler, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(handler);
        var host = environment(HostVariable);
        Host = string.IsNullOrWhiteSpace(host) ? DefaultHost : host.Trim();
        BaseUri = new Uri($"http://{Host}/");
        _handler = handler;
        _http = new HttpClient(handler(), disposeHandler: true) { Timeout = timeout };
    }

    /// <summary>A new handler for requests to the metadata server.</summary>
    public HttpMessageHandler CreateHandler() => _handler();

    /// <summary>host[:port] in use.</summary>
    public string Host { get; }

    public Uri BaseUri { get; }

    /// <summary>The default service account's token URL, for Google's <c>ComputeCredential</c>.</summary>
    public string TokenUrl => new Uri(BaseUri, "computeMetadata/v1/instance/service-accounts/default/token").AbsoluteUri;

    /// <summary>The identity (OIDC) URL, which ComputeCredential wants beside the token URL (unused here).</summary>
    public string IdentityUrl => new Uri(BaseUri, "computeMetadata/v1/instance/service-accounts/default/identity").AbsoluteUri;

    /// <summary>The project id; throws <see cref="ProviderConfigurationException"/> saying to set <c>--google-project</c>
    /// when the server does not answer or has none.</summary>
    public async Task<string> GetProjectIdAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "computeMetadata/v1/project/project-id"));
        request.Headers.Add("Metadata-Flavor", "Google");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        string problem;
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            if (response.IsSuccessStatusCode && text.Length > 0)
            {
                return text;
            }

            problem = $"it answered HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            problem = ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            problem = $"no answer within {_http.Timeout.TotalSeconds:0.#} s";
        }

        throw new ProviderConfigurationException(
            $"--google-project is not set and the project cannot be detected: the GCE metadata server at {Host} did not give one ({problem}); outside GCP, set --google-project");
    }

    public void Dispose() => _http.Dispose();
}
