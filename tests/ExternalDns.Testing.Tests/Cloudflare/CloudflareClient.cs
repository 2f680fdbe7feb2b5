using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Testing.Tests.Cloudflare;

/// <summary>A raw HTTP client for the emulator tests: sends JSON, returns the status, headers and parsed envelope.</summary>
internal sealed class CloudflareClient : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly CloudflareApiServer _server;

    public CloudflareClient(CloudflareApiServer server, string? token = null)
    {
        _server = server;
        Token = token ?? server.Token;
    }

    public string? Token { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiEmail { get; set; }

    public async Task<Answer> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, _server.BaseUrl + path);
        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (ApiKey is not null)
        {
            request.Headers.Add("X-Auth-Key", ApiKey);
        }

        if (ApiEmail is not null)
        {
            request.Headers.Add("X-Auth-Email", ApiEmail);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(text)!.AsObject();
        }

        return new Answer(response.StatusCode, json, text, response.Headers.RetryAfter?.Delta);
    }

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<Answer> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body);

    public void Dispose() => _http.Dispose();

    public sealed record Answer(HttpStatusCode Status, JsonObject? Json, string Text, TimeSpan? RetryAfter)
    {
        public bool Success => Json?["success"]?.GetValue<bool>() == true;

        public JsonNode? Result => Json?["result"];

        public JsonObject? ResultInfo => Json?["result_info"] as JsonObject;

        public IReadOnlyList<int> Codes => Json?["errors"] is JsonArray errors
            ? [.. errors.SelectMany(e => new[] { e!["code"]!.GetValue<int>() }.Concat(e["error_chain"] is JsonArray chain ? chain.Select(c => c!["code"]!.GetValue<int>()) : []))]
            : [];
    }
}
