namespace ExternalDns.Core.Providers.Http;

/// <summary>How requests are named in logs, metrics and messages: never the query string or user info.</summary>
internal static class ProviderHttpText
{
    public static string Path(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "(no URI)";

    public static string Host(HttpRequestMessage request) => request.RequestUri is { IsAbsoluteUri: true } uri ? uri.Authority : string.Empty;

    /// <summary><c>scheme://host:port/path</c>, without user info and query.</summary>
    public static string Location(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" : Path(request);

    /// <summary>Upstream's <c>PathProcessor</c>: the last segment of the (unescaped) path.</summary>
    public static string LastSegment(HttpRequestMessage request)
    {
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? Uri.UnescapeDataString(uri.AbsolutePath) : string.Empty;
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>An exception's message with the request's query string and user info taken out, should it quote the URI.</summary>
    public static string Reason(Exception e, HttpRequestMessage request)
    {
        var message = e switch
        {
            TimeoutException => e.Message,
            HttpRequestException { InnerException: { } inner } when !string.IsNullOrEmpty(inner.Message) && !e.Message.Contains(inner.Message, StringComparison.Ordinal)
                => $"{e.Message} ({inner.Message})",
            _ => e.Message,
        };
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            foreach (var secret in new[] { uri.Query, Uri.UnescapeDataString(uri.Query), uri.UserInfo, Uri.UnescapeDataString(uri.UserInfo) })
            {
                if (secret.Length > 1)
                {
                    message = message.Replace(secret, "[redacted]", StringComparison.Ordinal);
                }
            }
        }

        return message;
    }
}
