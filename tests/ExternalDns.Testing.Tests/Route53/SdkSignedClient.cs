using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace ExternalDns.Testing.Tests.Route53;

/// <summary>
/// A Route53 client that signs with AWSSDK.Core's own SigV4 signer (AWS4Signer.Sign builds the canonical request
/// itself): an implementation independent of the emulator's verifier and of our provider's client.
/// </summary>
internal sealed class SdkSignedClient : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly Uri _endpoint;
    private readonly AWSCredentials _credentials;
    private readonly string? _sessionToken;

    public SdkSignedClient(Uri endpoint, string accessKey, string secret, string? sessionToken = null)
    {
        _endpoint = endpoint;
        _sessionToken = sessionToken;
        _credentials = sessionToken is null ? new BasicAWSCredentials(accessKey, secret) : new SessionAWSCredentials(accessKey, secret, sessionToken);
    }

    public string Region { get; init; } = "us-east-1";

    public async Task<(int Status, string Body)> SendAsync(string method, string path, IReadOnlyDictionary<string, string>? query = null, string? body = null)
    {
        var request = new DefaultRequest(new EmptyRequest(), "Route53")
        {
            HttpMethod = method,
            Endpoint = _endpoint,
            ResourcePath = path,
            UseQueryString = true,
        };
        foreach (var (k, v) in query ?? new Dictionary<string, string>())
        {
            request.Parameters[k] = v;
        }

        if (body is not null)
        {
            request.Content = Encoding.UTF8.GetBytes(body);
            request.Headers["Content-Type"] = "application/xml";
        }

        if (_sessionToken is not null)
        {
            // The SDK's pipeline adds the token header before signing; here we are the pipeline.
            request.Headers["X-Amz-Security-Token"] = _sessionToken;
        }

        var config = new SigningConfig { AuthenticationRegion = Region, AuthenticationServiceName = "route53" };
        new AWS4Signer().Sign(request, config, null, _credentials);

        var url = new UriBuilder(_endpoint) { Path = path, Query = string.Join('&', (query ?? new Dictionary<string, string>()).Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))) }.Uri;
        using var message = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(request.Content);
            message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();

    private sealed class EmptyRequest : AmazonWebServiceRequest
    {
    }

    private sealed class SigningConfig : ClientConfig
    {
        public SigningConfig()
            : base(new DefaultConfigurationProvider([new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard }]))
        {
        }

        public override string RegionEndpointServiceName => "route53";

        public override string ServiceVersion => "2013-04-01";

        public override string UserAgent => "externaldns-tests";

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) => new(_endpointUrl);

        private static readonly string _endpointUrl = "http://127.0.0.1/";
    }
}
