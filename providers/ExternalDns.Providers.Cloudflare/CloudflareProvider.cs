using System.Text;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Providers.Cloudflare.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// ExternalDNS's <c>cloudflare</c> provider. Zones: those of <c>--zone-id-filter</c>, else every zone of the account
/// that the domain filter selects. Records: one Cloudflare record per target, read in pages of
/// <c>--cloudflare-dns-records-per-page</c>, grouped into endpoints; changes go through the batch endpoint (see
/// <see cref="CloudflareBatchRunner"/>), using the record ids of the last read (no second list per apply).
/// Custom hostnames (Cloudflare for SaaS) and regional hostnames (Regional Services) follow their annotations.
/// Refused changes are reported by name after everything else was applied (the run counts as failed and is retried);
/// throttling and 5xx are transient; bad credentials are a configuration error.
/// </summary>
public sealed class CloudflareProvider : IDnsProvider, IDisposable
{
    private const int ParallelZoneReads = 4;
    private const int MaxListedRejections = 10;

    private readonly CloudflareProviderOptions _options;
    private readonly ICloudflareApi _api;
    private readonly DomainFilter _domainFilter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IDisposable? _owned;
    private readonly CloudflarePropertyNames _names;
    private readonly CloudflareEndpointCanonicaliser _canonicaliser;
    private readonly CloudflareChangeBuilder _builder;
    private readonly CloudflareBatchRunner _runner;
    private volatile Snapshot? _snapshot;
    private bool _warnedNoZone;

    /// <param name="options">The validated <c>--cloudflare-*</c> settings.</param>
    /// <param name="api">The API client.</param>
    /// <param name="domainFilter">The domain filter: selects zones (a zone above a filtered domain counts).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="time">Clock for the pause between batches.</param>
    /// <param name="owned">Disposed with the provider (the API client it created).</param>
    public CloudflareProvider(CloudflareProviderOptions options, ICloudflareApi api, DomainFilter domainFilter, ILogger<CloudflareProvider> logger, TimeProvider? time = null, IDisposable? owned = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _domainFilter = domainFilter ?? throw new ArgumentNullException(nameof(domainFilter));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? TimeProvider.System;
        _owned = owned;
        _names = new CloudflarePropertyNames(options.AnnotationPrefix);
        _canonicaliser = new CloudflareEndpointCanonicaliser(options, _names, logger);
        _builder = new CloudflareChangeBuilder(options, _names, logger);
        _runner = new CloudflareBatchRunner(api, options, _time, logger);
    }

    /// <summary>Builds the provider with its API client on the shared HTTP stack (<see cref="CloudflareProviderOptions.Http"/>).</summary>
    public static CloudflareProvider Create(CloudflareProviderOptions options, CloudflareCredentials credentials, DomainFilter domainFilter,
        ILoggerFactory loggerFactory, ProviderHttpFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(http);
        var logger = loggerFactory.CreateLogger<CloudflareProvider>();
        var client = new CloudflareApiClient(options.BaseUrl, credentials, http.CreateHandler(options.Http));
        return new CloudflareProvider(options, client, domainFilter, logger, http.Time, client);
    }

    /// <summary>The property names in use (with the configured annotation prefix).</summary>
    public CloudflarePropertyNames PropertyNames => _names;

    /// <summary>The names inside the managed zones; every name until the zones were read.</summary>
    public DomainFilter DomainFilter => _snapshot?.Filter ?? DomainFilter.All;

    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        var snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
        var endpoints = new List<Endpoint>();
        var records = 0;
        foreach (var zone in snapshot.Zones)
        {
            endpoints.AddRange(CloudflareRecordMapper.ToEndpoints(zone, _names, _options));
            records += zone.Records.Count();
        }

        CloudflareLog.RecordsRead(_logger, records, endpoints.Count, snapshot.Zones.Count);
        return endpoints;
    }

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return _canonicaliser.Adjust(endpoints, _snapshot?.Index);
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!changes.HasChanges)
        {
            return;
        }

        var snapshot = _snapshot ?? await ReadAsync(cancellationToken).ConfigureAwait(false);
        var work = _builder.Build(changes, snapshot.Index);
        var rejected = new List<CloudflareRejection>();
        var total = 0;
        foreach (var zone in work.Values.OrderBy(z => z.Zone.Name, StringComparer.Ordinal))
        {
            total += zone.Operations.Count + zone.CustomHostnameCreates.Count + zone.CustomHostnameDeletes.Count + zone.RegionKeys.Count;
            await DeleteCustomHostnamesAsync(zone, rejected, cancellationToken).ConfigureAwait(false);
            var batches = await _runner.ApplyAsync(zone, rejected, cancellationToken).ConfigureAwait(false);
            await CreateCustomHostnamesAsync(zone, rejected, cancellationToken).ConfigureAwait(false);
            await ApplyRegionalHostnamesAsync(zone, rejected, cancellationToken).ConfigureAwait(false);
            if (zone.Operations.Count > 0)
            {
                var deletes = zone.Operations.Count(o => o.Kind == CloudflareOperationKind.Delete);
                var puts = zone.Operations.Count(o => o.Kind == CloudflareOperationKind.Put);
                CloudflareLog.ZoneApplied(_logger, zone.Zone.Name, deletes, puts, zone.Operations.Count - deletes - puts, batches);
            }
        }

        if (rejected.Count > 0)
        {
            var text = new StringBuilder();
            text.Append(rejected.Count).Append(" of ").Append(total).Append(" Cloudflare changes rejected: ");
            text.AppendJoin(", ", rejected.Take(MaxListedRejections).Select(r => $"{r.Name} ({r.Reason})"));
            if (rejected.Count > MaxListedRejections)
            {
                text.Append(", …");
            }

            throw new ProviderTransientException(text.ToString());
        }
    }

    public void Dispose() => _owned?.Dispose();

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var zones = await SelectZonesAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new CloudflareZoneSnapshot[zones.Count];
        using var gate = new SemaphoreSlim(ParallelZoneReads);
        await Task.WhenAll(zones.Select(async (zone, i) =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                snapshots[i] = await ReadZoneAsync(zone, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);

        var index = new ZoneIndex<CloudflareZoneSnapshot>();
        foreach (var zone in snapshots)
        {
            index.Add(zone.Name, zone);
        }

        var snapshot = new Snapshot(index, snapshots, index.ToDomainFilter());
        _snapshot = snapshot;
        return snapshot;
    }

    private async Task<List<CloudflareZone>> SelectZonesAsync(CancellationToken cancellationToken)
    {
        var ids = _options.ZoneIdFilter.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count > 0)
        {
            var byId = new List<CloudflareZone>();
            foreach (var id in ids)
            {
                try
                {
                    byId.Add(await _api.GetZoneAsync(id, cancellationToken).ConfigureAwait(false));
                }
                catch (CloudflareApiException ex) when (ex.Status is 400 or 404)
                {
                    CloudflareLog.ZoneIdNotFound(_logger, id);
                }
            }

            CloudflareLog.ZonesSelected(_logger, byId.Count, ids.Count);
            return byId;
        }

        var all = await _api.ListZonesAsync(null, cancellationToken).ConfigureAwait(false);
        var managed = all.Where(z => _domainFilter.Match(z.Name) || (!_domainFilter.IsRegex && _domainFilter.MatchParent(z.Name))).ToList();
        CloudflareLog.ZonesSelected(_logger, managed.Count, all.Count);
        if (managed.Count == 0 && !_warnedNoZone)
        {
            _warnedNoZone = true;
            CloudflareLog.NoZoneMatches(_logger, _domainFilter.IsConfigured ? $"the domain filter ({_domainFilter})" : "the account (it has no zones)");
        }

        return managed;
    }

    private async Task<CloudflareZoneSnapshot> ReadZoneAsync(CloudflareZone zone, CancellationToken cancellationToken)
    {
        var records = await _api.ListDnsRecordsAsync(zone.Id, _options.DnsRecordsPerPage, cancellationToken).ConfigureAwait(false);
        var snapshot = new CloudflareZoneSnapshot(zone, records);
        if (_options.CustomHostnames)
        {
            foreach (var ch in await _api.ListCustomHostnamesAsync(zone.Id, cancellationToken).ConfigureAwait(false))
            {
                snapshot.CustomHostnames[ch.Hostname.ToLowerInvariant()] = ch;
            }
        }

        if (_options.RegionalServicesEnabled)
        {
            snapshot.RegionalHostnames = (await _api.ListRegionalHostnamesAsync(zone.Id, cancellationToken).ConfigureAwait(false))
                .Where(r => !string.IsNullOrEmpty(r.Hostname))
                .ToDictionary(r => DnsNames.Normalize(r.Hostname!), r => r.RegionKey, StringComparer.Ordinal);
        }

        return snapshot;
    }

    private async Task DeleteCustomHostnamesAsync(CloudflareZoneChanges zone, List<CloudflareRejection> rejected, CancellationToken cancellationToken)
    {
        foreach (var (hostname, origin) in zone.CustomHostnameDeletes)
        {
            if (!zone.Zone.CustomHostnames.TryGetValue(hostname, out var existing)
                || !string.Equals(existing.CustomOriginServer?.TrimEnd('.'), origin, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                await _api.DeleteCustomHostnameAsync(zone.Zone.Id, existing.Id, cancellationToken).ConfigureAwait(false);
                zone.Zone.CustomHostnames.Remove(hostname);
                CloudflareLog.CustomHostnameChanged(_logger, zone.Zone.Name, hostname, "deleted", origin);
            }
            catch (CloudflareApiException ex)
            {
                Reject(zone, hostname, "custom hostname: " + ex.Reason, rejected);
            }
        }
    }

    private async Task CreateCustomHostnamesAsync(CloudflareZoneChanges zone, List<CloudflareRejection> rejected, CancellationToken cancellationToken)
    {
        foreach (var (hostname, origin) in zone.CustomHostnameCreates)
        {
            if (zone.Zone.CustomHostnames.TryGetValue(hostname, out var existing))
            {
                if (!string.Equals(existing.CustomOriginServer?.TrimEnd('.'), origin, StringComparison.OrdinalIgnoreCase))
                {
                    Reject(zone, origin, $"custom hostname {hostname} exists already with origin {existing.CustomOriginServer ?? "(none)"}", rejected);
                }

                continue;
            }

            var request = new CloudflareCustomHostnameRequest
            {
                Hostname = hostname,
                CustomOriginServer = origin,
                Ssl = new CloudflareCustomHostnameSsl
                {
                    Method = "http",
                    Type = "dv",
                    BundleMethod = "ubiquitous",
                    CertificateAuthority = _options.CustomHostnamesCertificateAuthority is "none" or "" ? null : _options.CustomHostnamesCertificateAuthority,
                    Settings = new CloudflareCustomHostnameSslSettings { MinTlsVersion = _options.CustomHostnamesMinTlsVersion },
                },
            };
            try
            {
                var created = await _api.CreateCustomHostnameAsync(zone.Zone.Id, request, cancellationToken).ConfigureAwait(false);
                zone.Zone.CustomHostnames[hostname] = created;
                CloudflareLog.CustomHostnameChanged(_logger, zone.Zone.Name, hostname, "created", origin);
            }
            catch (CloudflareApiException ex)
            {
                Reject(zone, origin, $"custom hostname {hostname}: {ex.Reason}", rejected);
            }
        }
    }

    private async Task ApplyRegionalHostnamesAsync(CloudflareZoneChanges zone, List<CloudflareRejection> rejected, CancellationToken cancellationToken)
    {
        if (zone.RegionKeys.Count == 0)
        {
            return;
        }

        var current = zone.Zone.RegionalHostnames ?? [];
        foreach (var name in zone.RegionConflicts)
        {
            Reject(zone, name, "its records ask for different region keys", rejected);
        }

        foreach (var (name, key) in zone.RegionKeys.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (zone.RegionConflicts.Contains(name))
            {
                continue;
            }

            var exists = current.TryGetValue(name, out var currentKey);
            try
            {
                if (key.Length == 0)
                {
                    // Only when no address record is left at the name (deleting A must not drop the AAAA's region).
                    var stillUsed = zone.Zone.Records.Any(r => DnsNames.Normalize(r.Name) == name && CloudflareRecordMapper.SupportsRegionalHostname(r.Type));
                    if (exists && !stillUsed)
                    {
                        await _api.DeleteRegionalHostnameAsync(zone.Zone.Id, name, cancellationToken).ConfigureAwait(false);
                        current.Remove(name);
                        CloudflareLog.RegionalHostnameChanged(_logger, zone.Zone.Name, name, "deleted", currentKey!);
                    }
                }
                else if (!exists)
                {
                    await _api.CreateRegionalHostnameAsync(zone.Zone.Id, name, key, cancellationToken).ConfigureAwait(false);
                    current[name] = key;
                    CloudflareLog.RegionalHostnameChanged(_logger, zone.Zone.Name, name, "created", key);
                }
                else if (currentKey != key)
                {
                    await _api.UpdateRegionalHostnameAsync(zone.Zone.Id, name, key, cancellationToken).ConfigureAwait(false);
                    current[name] = key;
                    CloudflareLog.RegionalHostnameChanged(_logger, zone.Zone.Name, name, "updated", key);
                }
            }
            catch (CloudflareApiException ex)
            {
                Reject(zone, name, "regional hostname: " + ex.Reason, rejected);
            }
        }

        zone.Zone.RegionalHostnames = current;
    }

    private void Reject(CloudflareZoneChanges zone, string name, string reason, List<CloudflareRejection> rejected)
    {
        CloudflareLog.Rejected(_logger, zone.Zone.Name, name, reason);
        rejected.Add(new CloudflareRejection(zone.Zone.Name, name, reason));
    }

    private sealed record Snapshot(ZoneIndex<CloudflareZoneSnapshot> Index, IReadOnlyList<CloudflareZoneSnapshot> Zones, DomainFilter Filter);
}
