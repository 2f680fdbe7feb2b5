using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>
/// <see cref="IAzureDnsApi"/> over ARM REST with HttpClient and source-generated JSON: public zones
/// (<c>Microsoft.Network/dnszones</c>, api-version 2018-05-01) or private zones (<c>Microsoft.Network/privateDnsZones</c>,
/// 2024-06-01). The handler it is given does authentication, retries and metrics; this class maps final statuses.
/// </summary>
internal sealed class AzureArmClient : IAzureDnsApi, IDisposable
{
    public const string PublicApiVersion = "2018-05-01";
    public const string PrivateApiVersion = "2024-06-01";

    private readonly HttpClient _http;
    private readonly AzureProviderOptions _options;
    private readonly string _resourceType;
    private readonly string _apiVersion;

    public AzureArmClient(AzureProviderOptions options, HttpMessageHandler handler, bool disposeHandler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        _options = options;
        _http = new HttpClient(handler, disposeHandler) { BaseAddress = options.ResourceManagerEndpoint, Timeout = Timeout.InfiniteTimeSpan };
        _resourceType = options.Private ? "privateDnsZones" : "dnszones";
        _apiVersion = options.Private ? PrivateApiVersion : PublicApiVersion;
    }

    /// <summary>HTTP requests sent (pages count one each; retries inside the handler are not counted here).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private long _requests;

    public async Task<IReadOnlyList<AzureZone>> ListZonesAsync(string resourceGroup, CancellationToken cancellationToken)
    {
        var path = resourceGroup.Length > 0
            ? $"subscriptions/{E(_options.SubscriptionId)}/resourceGroups/{E(resourceGroup)}/providers/Microsoft.Network/{_resourceType}"
            : $"subscriptions/{E(_options.SubscriptionId)}/providers/Microsoft.Network/{_resourceType}";
        var zones = new List<AzureZone>();
        Uri? next = new(_options.ResourceManagerEndpoint, $"{path}?api-version={_apiVersion}");
        while (next is not null)
        {
            var page = await GetAsync(next, "ListZones", ArmJsonContext.Default.ArmZoneList, "list zones", resourceGroup, cancellationToken).ConfigureAwait(false);
            foreach (var zone in page.Value ?? [])
            {
                if (zone.Id is { Length: > 0 } id && zone.Name is { Length: > 0 } name)
                {
                    zones.Add(new AzureZone(id, name.TrimEnd('.').ToLowerInvariant(), ResourceGroupOf(id)));
                }
            }

            next = NextLink(page.NextLink);
        }

        return zones;
    }

    public async Task<IReadOnlyList<AzureRecordSet>> ListRecordSetsAsync(AzureZone zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var all = _options.Private ? "ALL" : "all";
        var sets = new List<AzureRecordSet>();
        Uri? next = new(_options.ResourceManagerEndpoint, $"{ZonePath(zone)}/{all}?api-version={_apiVersion}&$top={_options.PageSize.ToString(CultureInfo.InvariantCulture)}");
        while (next is not null)
        {
            var page = await GetAsync(next, "ListRecordSets", ArmJsonContext.Default.ArmRecordSetList, $"list record sets of zone {zone.Name}", zone.ResourceGroup, cancellationToken).ConfigureAwait(false);
            foreach (var set in page.Value ?? [])
            {
                if (ArmRecordSetMapper.FromArm(set) is { } mapped)
                {
                    sets.Add(mapped);
                }
            }

            next = NextLink(page.NextLink);
        }

        return sets;
    }

    public async Task<string> PutRecordSetAsync(AzureZone zone, AzureRecordSet recordSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(recordSet);
        var properties = ArmRecordSetMapper.ToArm(recordSet);
        HttpContent content = _options.Private
            ? JsonContent.Create(new ArmPrivateRecordSetBody { Properties = ArmRecordSetMapper.ToPrivate(properties) }, ArmJsonContext.Default.ArmPrivateRecordSetBody)
            : JsonContent.Create(new ArmPublicRecordSetBody { Properties = properties }, ArmJsonContext.Default.ArmPublicRecordSetBody);
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Put, RecordSetUri(zone, recordSet.Name, recordSet.Type)) { Content = content };
        request.WithOperation("PutRecordSet");
        if (recordSet.Etag is { Length: > 0 } etag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
        else
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        }

        var what = $"write {recordSet.Type} record set '{recordSet.Name}' in zone {zone.Name}";
        using var response = await SendAsync(request, what, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, what, zone.ResourceGroup, cancellationToken).ConfigureAwait(false);
        var written = await ReadAsync(response, ArmJsonContext.Default.ArmRecordSet, what, cancellationToken).ConfigureAwait(false);
        return written.Etag ?? string.Empty;
    }

    public async Task DeleteRecordSetAsync(AzureZone zone, string name, string type, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var request = new HttpRequestMessage(HttpMethod.Delete, RecordSetUri(zone, name, type));
        request.WithOperation("DeleteRecordSet");
        if (etag is { Length: > 0 })
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        var what = $"delete {type} record set '{name}' in zone {zone.Name}";
        using var response = await SendAsync(request, what, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, what, zone.ResourceGroup, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static string E(string segment) => Uri.EscapeDataString(segment);

    /// <summary>The resource group segment of a resource id (<c>/subscriptions/…/resourceGroups/{rg}/…</c>).</summary>
    private static string ResourceGroupOf(string id)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (string.Equals(parts[i], "resourceGroups", StringComparison.OrdinalIgnoreCase))
            {
                return parts[i + 1];
            }
        }

        return string.Empty;
    }

    private string ZonePath(AzureZone zone) =>
        $"subscriptions/{E(_options.SubscriptionId)}/resourceGroups/{E(zone.ResourceGroup)}/providers/Microsoft.Network/{_resourceType}/{E(zone.Name)}";

    private Uri RecordSetUri(AzureZone zone, string name, string type) =>
        new(_options.ResourceManagerEndpoint, $"{ZonePath(zone)}/{type}/{E(name)}?api-version={_apiVersion}");

    /// <summary>Follows a nextLink only to the ARM endpoint itself: the bearer token is never sent to another host.</summary>
    private Uri? NextLink(string? link)
    {
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
            || !string.Equals(uri.Authority, _options.ResourceManagerEndpoint.Authority, StringComparison.OrdinalIgnoreCase))
        {
            throw new ProviderTransientException($"Azure: ARM returned a nextLink outside {_options.ResourceManagerEndpoint.Authority}; not followed");
        }

        return uri;
    }

    private async Task<T> GetAsync<T>(Uri uri, string operation, JsonTypeInfo<T> type, string what, string resourceGroup, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.WithOperation(operation);
        using var response = await SendAsync(request, what, cancellationToken).ConfigureAwait(false);
        await ThrowIfFailedAsync(response, what, resourceGroup, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, type, what, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            // Per-attempt time limits and retries are the handler's (ProviderHttpFactory); this waits for the final answer.
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderTransientException($"Azure: {what} failed: {e.HttpRequestError} talking to {_options.ResourceManagerEndpoint.Authority}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderTransientException($"Azure: {what} timed out talking to {_options.ResourceManagerEndpoint.Authority}", e);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new ProviderTransientException($"Azure: {what}: empty response body");
        }
        catch (JsonException e)
        {
            throw new ProviderTransientException($"Azure: {what}: the response is not the expected JSON ({e.Message})", e);
        }
    }

    private async Task ThrowIfFailedAsync(HttpResponseMessage response, string what, string resourceGroup, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        string code = string.Empty, message = string.Empty;
        try
        {
            var error = await response.Content.ReadFromJsonAsync(ArmJsonContext.Default.ArmError, cancellationToken).ConfigureAwait(false);
            code = error?.Error?.Code ?? string.Empty;
            message = error?.Error?.Message ?? string.Empty;
        }
        catch (JsonException)
        {
            message = "(no ARM error body)";
        }

        var detail = code.Length > 0 ? $"{code}: {message}" : message;
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                throw new ProviderConfigurationException($"Azure: ARM refused the token of {_options.Credential.Describe()} ({detail}) while trying to {what}");
            case HttpStatusCode.Forbidden:
                var role = _options.Private ? "Private DNS Zone Contributor" : "DNS Zone Contributor";
                throw new ProviderConfigurationException($"Azure: {_options.Credential.Describe()} may not {what} ({detail}); assign it the '{role}' role on the resource group");
            case HttpStatusCode.TooManyRequests:
            case >= HttpStatusCode.InternalServerError:
                throw new ProviderTransientException($"Azure: {what}: HTTP {status} {detail}");
        }

        if (code is "SubscriptionNotFound" or "InvalidSubscriptionId")
        {
            throw new ProviderConfigurationException($"Azure: subscription '{_options.SubscriptionId}' (--azure-subscription-id or 'subscriptionId' in azure.json) was not found: {message}");
        }

        if (code == "ResourceGroupNotFound")
        {
            throw new ProviderConfigurationException($"Azure: resource group '{resourceGroup}' (--azure-resource-group or 'resourceGroup' in azure.json) was not found in subscription '{_options.SubscriptionId}'");
        }

        if (code is "NoRegisteredProviderFound" or "InvalidApiVersionParameter" or "MissingApiVersionParameter")
        {
            throw new ProviderConfigurationException($"Azure: {_options.ResourceManagerEndpoint.Authority} does not serve api-version {_apiVersion} of Microsoft.Network/{_resourceType}: {message}");
        }

        throw new AzureApiException(status, code, $"Azure: could not {what}: HTTP {status} {detail}");
    }
}
