using System.Net;
using System.Text;

namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>
/// An HttpMessageHandler that records every request (method, URL, API key header, body) and answers from a
/// function, so unit tests can check request shapes and error handling without a server.
/// </summary>
public sealed class FakePowerDnsHandler : HttpMessageHandler
{
    private readonly Func<RecordedRequest, HttpResponseMessage> _respond;

    public FakePowerDnsHandler(Func<RecordedRequest, HttpResponseMessage> respond) => _respond = respond;

    public List<RecordedRequest> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Text(HttpStatusCode status, string text) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, "text/plain") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("X-API-Key", out var values) ? string.Join(",", values) : null;
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, key, body, request.Content?.Headers.ContentType?.MediaType);
        lock (Requests)
        {
            Requests.Add(recorded);
        }

        return _respond(recorded);
    }
}
