using Google.Apis.Http;

namespace ExternalDns.Providers.Google.Auth;

/// <summary>Makes Google's auth library send its token requests through our own handler (TLS settings, metrics,
/// the test's emulator) instead of one it builds.</summary>
internal sealed class GoogleHttpClientFactory(Func<HttpMessageHandler> handler) : HttpClientFactory
{
    protected override HttpMessageHandler CreateHandler(CreateHttpClientArgs args) => handler();
}
