namespace ExternalDns.Core.Providers.Http;

/// <summary>
/// Limits one attempt — answer headers and body — to <see cref="ProviderHttpOptions.Timeout"/> on the
/// <see cref="TimeProvider"/>, and reads the body into memory (at most <see cref="ProviderHttpOptions.MaxResponseBytes"/>)
/// so that a slow or broken body is a failure of this attempt, which can be retried. An expired attempt throws
/// <see cref="TimeoutException"/>; the caller's cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class AttemptTimeoutHandler : DelegatingHandler
{
    private readonly ProviderHttpOptions _options;
    private readonly TimeProvider _time;

    public AttemptTimeoutHandler(ProviderHttpOptions options, TimeProvider time, HttpMessageHandler inner)
        : base(inner)
    {
        _options = options;
        _time = time;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limited = _options.Timeout > TimeSpan.Zero && _options.Timeout != Timeout.InfiniteTimeSpan;
        using var timeout = limited ? new CancellationTokenSource(_options.Timeout, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
            await BufferAsync(request, response, linked.Token).ConfigureAwait(false);
            return response;
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TimeoutException($"no answer within {_options.Timeout.TotalSeconds:0.###} s", e);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private async Task BufferAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes > 0 ? _options.MaxResponseBytes : long.MaxValue;
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw TooLarge(request, response, limit);
        }

        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(request, response, limit);
                }

                buffer.Write(chunk, 0, read);
            }

            var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
            // As received: enumerating the typed view would re-format values ("a/b;v=1" -> "a/b; v=1").
            foreach (var header in response.Content.Headers.NonValidated)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content.Dispose();
            response.Content = content;
        }
    }

    private ProviderHttpResponseTooLargeException TooLarge(HttpRequestMessage request, HttpResponseMessage response, long limit) =>
        new(
            $"{_options.Provider} {request.GetOperation()}: the answer to {request.Method.Method} {ProviderHttpText.Location(request)} (HTTP {(int)response.StatusCode}) is larger than {limit} bytes",
            (int)response.StatusCode,
            limit);
}
