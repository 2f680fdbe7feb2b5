namespace ExternalDns.Core.Providers.Http;

/// <summary>Per-request settings read by the handler stack of <see cref="ProviderHttpFactory"/>.</summary>
public static class ProviderHttpRequest
{
    /// <summary>The API operation ("ListResourceRecordSets", "PatchZone"): the <c>operation</c> label and the name in messages. Default: the HTTP method.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("ExternalDns.Http.Operation");

    /// <summary>Set by the stack: attempts made for this request so far (1 = no retry).</summary>
    public static readonly HttpRequestOptionsKey<int> Attempts = new("ExternalDns.Http.Attempts");

    /// <summary>Sets <see cref="Operation"/>; returns the request for chaining.</summary>
    public static HttpRequestMessage WithOperation(this HttpRequestMessage request, string operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        request.Options.Set(Operation, operation);
        return request;
    }

    /// <summary>The operation name of a request (its HTTP method when none was set).</summary>
    public static string GetOperation(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Operation, out var operation) ? operation : request.Method.Method;
    }

    /// <summary>Attempts the stack made for this request (0 when it did not go through the stack). Use <c>response.RequestMessage</c> after the call.</summary>
    public static int GetAttempts(this HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Attempts, out var attempts) ? attempts : 0;
    }
}
