using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Tests.Kubernetes;

/// <summary>Reads a watch response line by line (newline-delimited JSON events).</summary>
public sealed class WatchReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream);
    }

    public int StatusCode => (int)_response.StatusCode;

    public static async Task<WatchReader> OpenAsync(HttpClient client, string url)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        return new WatchReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event, or null when the stream ended; fails the test after <paramref name="seconds"/>.</summary>
    public async Task<JsonObject?> NextAsync(double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var line = await _reader.ReadLineAsync(cts.Token);
        return line is null ? null : (JsonObject)JsonNode.Parse(line)!;
    }

    /// <summary>True when no event arrives within <paramref name="seconds"/> (the stream stays open and quiet).</summary>
    public async Task<bool> QuietForAsync(double seconds)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            var line = await _reader.ReadLineAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
