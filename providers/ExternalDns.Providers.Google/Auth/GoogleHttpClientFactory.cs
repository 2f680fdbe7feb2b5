using ExternalDns.Core.Providers.Http;
using Google.Apis.Http;

namespace ExternalDns.Providers.Google.Auth;

/// <summary>Makes Google's auth library send its token requests through our own handler (the shared stack: TLS
/// settings, retries, metrics under the operation <c>oauth2.token</c>; or the metadata server's) instead of one it builds.</summary>
internal sealed class GoogleHttpClientFactory(Func<HttpMessageHandler> handler) : HttpClientFactory
{
    public const string TokenOperation = "oauth2.token";

    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => new NamingHandler(handler());

    /// <summary>Names the library's requests for the metrics (it cannot set request options itself).</summary>
    private sealed class NamingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Options.TryGetValue(ProviderHttpRequest.Operation, out _))
            {
                request.WithOperation(TokenOperation);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
