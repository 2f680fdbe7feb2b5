using ExternalDns.Core.Configuration;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Batching;
using ExternalDns.Dns;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;
using ExternalDns.Dns.Update;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Rfc2136;

/// <summary>
/// Upstream's <c>rfc2136</c> provider: reads records by AXFR of each zone (with <c>--rfc2136-axfr</c>) and writes them
/// with RFC 2136 UPDATE messages signed with TSIG. Each zone's changes are sent in batches of at most
/// <see cref="Rfc2136ProviderOptions.BatchChangeSize"/> changes (and <see cref="MaxUpdateBytes"/>), one UPDATE message
/// per batch, a record and its ownership TXT always in the same message (<see cref="ChangeBatcher"/>); in a batch the
/// deletes come first, then the updates (delete old records, add new ones), then the creates, so that replacing a
/// CNAME by an A record in one plan works. A change outside every zone is skipped with a warning.
/// <para>
/// When the server refuses a message (REFUSED, NOTAUTH, NOTZONE, …), it is split in halves until every acceptable
/// change has landed; the refused names are logged and reported in one <see cref="ProviderTransientException"/> after
/// the rest is applied. When it refuses everything sent to a zone, that is a configuration error (key, zone, policy).
/// SERVFAIL and network failures are transient.
/// </para>
/// <para>
/// Several <c>--rfc2136-host</c> servers are used as <c>--rfc2136-load-balancing-strategy</c> says
/// (<see cref="Rfc2136LoadBalancer"/>); messages are signed with TSIG (<c>--rfc2136-tsig-*</c>) or GSS-TSIG
/// (<c>--rfc2136-gss-tsig</c>, Kerberos, a context negotiated by TKEY for each message) and go over TCP, or DNS over TLS
/// with <c>--rfc2136-use-tls</c> (<c>--tls-ca</c>, <c>--tls-client-cert</c>, <c>--tls-client-cert-key</c>).
/// </para>
/// </summary>
public sealed class Rfc2136Provider : IDnsProvider
{
    /// <summary>The most (estimated) record bytes in one UPDATE message: a DNS message over TCP is at most 65535 bytes, with room for header, zone and TSIG.</summary>
    public const int MaxUpdateBytes = 60_000;

    private readonly Rfc2136ProviderOptions _options;
    private readonly ILogger _logger;
    private readonly IRfc2136Transport _transport;
    private readonly ZoneIndex<string> _zones;
    private readonly DomainFilter _configuredFilter;
    private readonly string _keyDescription;
    private readonly string _credentialFlags;
    private readonly uint _minTtl;
    private readonly TimeProvider _time;
    private long _updateMessagesSent;
    private long _zoneTransfers;

    /// <summary>Creates the provider. Throws <see cref="ProviderConfigurationException"/> for invalid options.</summary>
    /// <param name="options">The <c>--rfc2136-*</c> settings.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="domainFilter">The <c>--domain-filter</c>; when not configured the zones are the filter.</param>
    /// <param name="timeProvider">Clock for TSIG (defaults to the system clock).</param>
    /// <param name="transport">The wire seam (defaults to <see cref="DnsClientRfc2136Transport"/>).</param>
    public Rfc2136Provider(
        Rfc2136ProviderOptions options,
        ILogger<Rfc2136Provider> logger,
        DomainFilter? domainFilter = null,
        TimeProvider? timeProvider = null,
        IRfc2136Transport? transport = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _configuredFilter = domainFilter ?? DomainFilter.All;
        _time = timeProvider ?? TimeProvider.System;

        if (options.Zones.Count == 0 || options.Zones.Any(string.IsNullOrWhiteSpace))
        {
            throw new FlagException("The RFC2136 provider needs at least one zone (--rfc2136-zone), and zone names must not be empty.");
        }

        if (options.BatchChangeSize < 1)
        {
            throw new FlagException($"--rfc2136-batch-change-size must be at least 1 (got {options.BatchChangeSize}).");
        }

        if (options.MinTtl < TimeSpan.Zero || options.MinTtl.TotalSeconds > int.MaxValue)
        {
            throw new FlagException($"--rfc2136-min-ttl must be between 0s and {int.MaxValue}s (got {options.MinTtl}).");
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new FlagException($"--rfc2136-port must be between 0 and 65535 (got {options.Port}).");
        }

        _minTtl = (uint)options.MinTtl.TotalSeconds;
        _zones = new ZoneIndex<string>();
        foreach (var zone in options.Zones)
        {
            _zones.Add(zone, DnsNames.Normalize(zone));
        }

        TsigKey? key = null;
        GssTsigOptions? gss = null;
        if (options.Insecure)
        {
            _keyDescription = "no TSIG: --rfc2136-insecure";
            if (options.GssTsig)
            {
                Rfc2136Log.GssIgnoredInsecure(_logger);
            }
        }
        else if (options.GssTsig)
        {
            gss = CreateGss(options);
            _keyDescription = $"GSS-TSIG as '{gss.Credential.UserName}@{gss.Credential.Domain}'";
        }
        else
        {
            key = CreateKey(options);
            _keyDescription = $"TSIG key '{key.Name}'";
        }

        _credentialFlags = gss is not null
            ? "--rfc2136-kerberos-username, --rfc2136-kerberos-password, --rfc2136-kerberos-realm (and krb5.conf)"
            : "--rfc2136-tsig-keyname, --rfc2136-tsig-secret and --rfc2136-tsig-secret-alg";

        if (transport is null)
        {
            var hosts = options.Hosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()).ToList();
            if (hosts.Count == 0)
            {
                throw new FlagException("The RFC2136 provider needs a DNS server (--rfc2136-host).");
            }

            SslClientAuthenticationOptions? tls = null;
            if (options.UseTls)
            {
                tls = ProviderTls.ClientOptions(new ProviderHttpOptions
                {
                    Provider = "rfc2136",
                    SkipTlsVerify = options.SkipTlsVerify,
                    CaFile = string.IsNullOrEmpty(options.TlsCaFile) ? null : options.TlsCaFile,
                    ClientCertFile = string.IsNullOrEmpty(options.TlsClientCertFile) ? null : options.TlsClientCertFile,
                    ClientKeyFile = string.IsNullOrEmpty(options.TlsClientKeyFile) ? null : options.TlsClientKeyFile,
                });
                if (options.SkipTlsVerify)
                {
                    Rfc2136Log.TlsVerificationDisabled(_logger);
                }
            }

            transport = DnsClientRfc2136Transport.Create(
                new Rfc2136ProviderOptions
                {
                    Hosts = hosts,
                    Port = options.Port,
                    UseTls = options.UseTls,
                    Timeout = options.Timeout,
                    LoadBalancingStrategy = options.LoadBalancingStrategy,
                },
                key,
                timeProvider,
                gss,
                tls,
                _logger);
        }

        _transport = transport;
        Rfc2136Log.Configured(_logger, string.Join(',', _zones.Names), string.Join(',', options.Hosts));
        if (!options.AxfrEnabled)
        {
            Rfc2136Log.AxfrDisabled(_logger);
        }
    }

    /// <summary>The number of UPDATE messages sent so far (one per batch, whether or not the server accepted it).</summary>
    public long UpdateMessagesSent => Interlocked.Read(ref _updateMessagesSent);

    /// <summary>The number of zone transfers started so far.</summary>
    public long ZoneTransfers => Interlocked.Read(ref _zoneTransfers);

    /// <summary>The configured domain filter, or (when none is configured) the managed zones.</summary>
    public DomainFilter DomainFilter => _configuredFilter.IsConfigured ? _configuredFilter : _zones.ToDomainFilter();

    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        if (!_options.AxfrEnabled)
        {
            return [];
        }

        var endpoints = new List<Endpoint>();
        foreach (var zone in _zones.Names.Order(StringComparer.Ordinal))
        {
            IReadOnlyList<DnsResourceRecord> records;
            try
            {
                Interlocked.Increment(ref _zoneTransfers);
                records = await _transport.TransferZoneAsync(zone, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw MapException(e, zone, "transfer (AXFR)");
            }

            Rfc2136Log.Transferred(_logger, zone, records.Count);
            endpoints.AddRange(ToEndpoints(zone, records));
        }

        return endpoints;
    }

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (_minTtl == 0)
        {
            return endpoints;
        }

        var adjusted = new List<Endpoint>(endpoints.Count);
        foreach (var endpoint in endpoints)
        {
            if (endpoint.RecordTtl >= _minTtl)
            {
                adjusted.Add(endpoint);
                continue;
            }

            var copy = endpoint.Clone();
            copy.RecordTtl = _minTtl;
            adjusted.Add(copy);
        }

        return adjusted;
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.UpdateOld.Count != changes.UpdateNew.Count)
        {
            throw new InvalidChangeException($"UpdateOld has {changes.UpdateOld.Count} entries but UpdateNew has {changes.UpdateNew.Count}.");
        }

        var perZone = new Dictionary<string, List<Operation>>(StringComparer.Ordinal);
        foreach (var endpoint in changes.Delete)
        {
            Route(perZone, new Operation(endpoint, null));
        }

        for (var i = 0; i < changes.UpdateNew.Count; i++)
        {
            Route(perZone, new Operation(changes.UpdateOld[i], changes.UpdateNew[i]));
        }

        foreach (var endpoint in changes.Create)
        {
            Route(perZone, new Operation(null, endpoint));
        }

        ProviderTransientException? transient = null;
        var rejected = new List<string>();
        var rejectedChanges = 0;
        var total = 0;
        foreach (var (zone, operations) in perZone.OrderBy(z => z.Key, StringComparer.Ordinal))
        {
            var prepared = new List<Prepared>(operations.Count);
            foreach (var operation in operations)
            {
                if (Prepare(operation) is { } p)
                {
                    prepared.Add(p);
                }
            }

            total += prepared.Count;
            try
            {
                var result = await ChangeBatcher.ApplyAsync(
                    Batches(zone, prepared),
                    p => p.Key,
                    (batch, token) => SendBatchAsync(zone, batch, token),
                    e => e is UpdateRejectedException,
                    TimeSpan.Zero,
                    _time,
                    cancellationToken).ConfigureAwait(false);
                if (result.Rejected.Count == 0)
                {
                    continue;
                }

                if (result.Applied.Count == 0)
                {
                    // The server took nothing in this zone: the key or the zone's update policy is wrong, not a name.
                    throw new ProviderConfigurationException(
                        $"The DNS server rejected the update of zone '{zone}' with {result.Rejected[0].Error} ({_keyDescription}). " +
                        $"Check --rfc2136-zone, {_credentialFlags} and the zone's allow-update / update-policy.");
                }

                foreach (var (group, error) in result.Rejected)
                {
                    rejectedChanges += group.Count;
                    foreach (var name in group.Select(p => p.Endpoint.DnsName).Distinct(StringComparer.Ordinal))
                    {
                        Rfc2136Log.ChangeRejected(_logger, zone, name, error);
                        rejected.Add($"{name} ({error})");
                    }
                }
            }
            catch (ProviderTransientException e)
            {
                // Later batches of this zone would most likely fail the same way; other zones may still work.
                Rfc2136Log.UpdateFailed(_logger, zone, e.Message);
                transient ??= e;
            }
        }

        if (transient is not null)
        {
            throw transient;
        }

        if (rejected.Count > 0)
        {
            throw new ProviderTransientException(
                $"RFC2136: {rejectedChanges} of {total} changes rejected by the DNS server (the others were applied): {string.Join(", ", rejected)}");
        }
    }

    private static GssTsigOptions CreateGss(Rfc2136ProviderOptions options)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.KerberosUsername))
        {
            missing.Add("--rfc2136-kerberos-username");
        }

        if (string.IsNullOrEmpty(options.KerberosPassword))
        {
            missing.Add("--rfc2136-kerberos-password");
        }

        if (string.IsNullOrWhiteSpace(options.KerberosRealm))
        {
            missing.Add("--rfc2136-kerberos-realm");
        }

        if (missing.Count > 0)
        {
            throw new FlagException($"--rfc2136-gss-tsig needs {string.Join(", ", missing)}.");
        }

        // Upstream upper-cases the realm (Kerberos realms are upper case by convention; MIT compares them exactly).
        return new GssTsigOptions
        {
            Credential = new NetworkCredential(options.KerberosUsername.Trim(), options.KerberosPassword, options.KerberosRealm.Trim().ToUpperInvariant()),
        };
    }

    private static TsigKey CreateKey(Rfc2136ProviderOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TsigKeyName))
        {
            throw new FlagException("--rfc2136-tsig-keyname is required unless --rfc2136-insecure is set.");
        }

        if (string.IsNullOrWhiteSpace(options.TsigSecret))
        {
            throw new FlagException($"--rfc2136-tsig-secret is required for TSIG key '{options.TsigKeyName}' unless --rfc2136-insecure is set.");
        }

        if (!TsigAlgorithm.TryParse(options.TsigSecretAlg, out var algorithm))
        {
            throw new FlagException(
                $"'{options.TsigSecretAlg}' is not a supported TSIG algorithm (--rfc2136-tsig-secret-alg); use one of {string.Join(", ", TsigAlgorithm.All.Select(a => a.Name))}.");
        }

        try
        {
            return TsigKey.FromBase64(options.TsigKeyName, algorithm, options.TsigSecret);
        }
        catch (FormatException)
        {
            throw new FlagException($"The TSIG secret of key '{options.TsigKeyName}' (--rfc2136-tsig-secret) is not valid base64.");
        }
    }

    private void Route(Dictionary<string, List<Operation>> perZone, Operation operation)
    {
        var endpoint = operation.New ?? operation.Old!;
        if (!_configuredFilter.Match(endpoint.DnsName))
        {
            Rfc2136Log.Filtered(_logger, endpoint.DnsName);
            return;
        }

        if (!_zones.TryFind(endpoint.DnsName, out var zoneName, out _))
        {
            Rfc2136Log.NoZone(_logger, endpoint.DnsName, endpoint.RecordType, string.Join(',', _zones.Names));
            return;
        }

        if (!perZone.TryGetValue(zoneName, out var list))
        {
            perZone[zoneName] = list = [];
        }

        list.Add(operation);
    }

    /// <summary>
    /// Cuts a zone's changes into UPDATE messages: at most <see cref="Rfc2136ProviderOptions.BatchChangeSize"/> changes
    /// and <see cref="MaxUpdateBytes"/> (estimated) each, a record and its TXT ownership record always in the same
    /// message. A group with more changes than the batch size is sent alone; one too large for any message is skipped.
    /// </summary>
    private List<IReadOnlyList<Prepared>> Batches(string zone, List<Prepared> prepared)
    {
        var batches = ChangeBatcher.Chunk(prepared, p => p.Key, p => p.Cost, new BatchLimits(_options.BatchChangeSize, MaxUpdateBytes), out var oversized).ToList();
        foreach (var group in oversized.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            if (group.Sum(p => (long)p.Cost.Bytes) <= MaxUpdateBytes)
            {
                batches.Add([.. group]);
                continue;
            }

            foreach (var p in group)
            {
                Rfc2136Log.InvalidRecord(_logger, p.Endpoint.DnsName, p.Endpoint.RecordType, $"its change (with its ownership record) does not fit in one DNS UPDATE message of zone '{zone}'");
            }
        }

        return batches;
    }

    private Prepared? Prepare(Operation operation)
    {
        List<(DnsRecordType Type, DnsRecordData Data, string Target)>? deletes = null, adds = null;
        if (operation.Old is { } old && !TryConvert(old, out deletes))
        {
            return null;
        }

        if (operation.New is { } created && !TryConvert(created, out adds))
        {
            return null;
        }

        var endpoint = operation.New ?? operation.Old!;
        var records = (deletes?.Count ?? 0) + (adds?.Count ?? 0);
        var bytes = 0;
        foreach (var (_, _, target) in (deletes ?? []).Concat(adds ?? []))
        {
            // Owner name (uncompressed) + type, class, TTL, length + data: an over-estimate of the wire size.
            bytes += endpoint.DnsName.Length + 2 + 10 + target.Length + 8;
        }

        var kind = operation.Old is null ? 2 : operation.New is null ? 0 : 1;
        return new Prepared(operation, endpoint, kind, ChangeBatcher.OwnershipKey(endpoint), new BatchCost(1, bytes, records), deletes ?? [], adds ?? []);
    }

    private async Task SendBatchAsync(string zone, IReadOnlyList<Prepared> batch, CancellationToken cancellationToken)
    {
        var builder = new DnsUpdateBuilder(zone);

        // Deletes, then updates, then creates (stable within each), so that replacing a CNAME by an A record works.
        foreach (var p in batch.OrderBy(p => p.Kind))
        {
            foreach (var (type, data, target) in p.Deletes)
            {
                Rfc2136Log.RecordChange(_logger, "Removing RR", p.Operation.Old!.DnsName, p.Operation.Old.RecordTtl, p.Operation.Old.RecordType, target);
                builder.DeleteRecord(p.Operation.Old.DnsName, type, data);
            }

            if (p.Operation.New is { } created)
            {
                var ttl = Ttl(created);
                foreach (var (type, data, target) in p.Adds)
                {
                    Rfc2136Log.RecordChange(_logger, "Adding RR", created.DnsName, ttl, created.RecordType, target);
                    builder.AddRecord(created.DnsName, type, ttl, data);
                }
            }
        }

        if (builder.UpdateCount == 0)
        {
            return;
        }

        DnsMessage response;
        try
        {
            Interlocked.Increment(ref _updateMessagesSent);
            response = await _transport.SendUpdateAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw MapException(e, zone, "update");
        }

        switch (response.ResponseCode)
        {
            case DnsResponseCode.NoError:
                Rfc2136Log.UpdateSent(_logger, zone, batch.Count, builder.UpdateCount);
                return;
            case DnsResponseCode.ServFail:
                throw new ProviderTransientException($"The DNS server answered the update of zone '{zone}' with {response.ResponseCode}.");
            default:
                // REFUSED, NOTAUTH, NOTZONE, NOTIMP, FORMERR, YX…/NX…: the server refused this message's content.
                throw new UpdateRejectedException(response.ResponseCode);
        }
    }

    private bool TryConvert(Endpoint endpoint, out List<(DnsRecordType Type, DnsRecordData Data, string Target)> records)
    {
        records = [];
        if (!Rfc2136RecordData.TryGetType(endpoint.RecordType, out var type))
        {
            Rfc2136Log.InvalidRecord(_logger, endpoint.DnsName, endpoint.RecordType, "the record type is not supported by the RFC2136 provider");
            return false;
        }

        try
        {
            foreach (var target in endpoint.Targets)
            {
                records.Add((type, Rfc2136RecordData.Parse(type, target), target));
            }

            // Validates the owner name once (the builder would throw while the batch is half built).
            _ = new DnsQuestion(endpoint.DnsName, type);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Rfc2136Log.InvalidRecord(_logger, endpoint.DnsName, endpoint.RecordType, e.Message);
            return false;
        }
    }

    /// <summary>Upstream: the min TTL, or the endpoint's TTL when it is configured and larger.</summary>
    private uint Ttl(Endpoint endpoint) =>
        endpoint.RecordTtl > _minTtl ? (uint)Math.Min(endpoint.RecordTtl, int.MaxValue) : _minTtl;

    private List<Endpoint> ToEndpoints(string zone, IReadOnlyList<DnsResourceRecord> records)
    {
        var grouped = new Dictionary<(string Name, string Type), (long Ttl, List<string> Targets)>();
        var order = new List<(string Name, string Type)>();
        foreach (var rr in records)
        {
            if (rr.Class != DnsClass.IN || Rfc2136RecordData.EndpointType(rr.Type) is not { } type)
            {
                continue;
            }

            var name = DnsNames.Normalize(rr.Name);
            if (!_zones.TryFind(name, out var owningZone, out _) || owningZone != zone)
            {
                continue; // glue or a delegated child zone's data: listed by its own zone if managed
            }

            var key = (name, type);
            if (!grouped.TryGetValue(key, out var entry))
            {
                entry = (rr.Ttl, []);
                grouped[key] = entry;
                order.Add(key);
            }

            entry.Targets.Add(Rfc2136RecordData.Format(rr.Data));
        }

        return [.. order.Select(k => new Endpoint(k.Name, k.Type, grouped[k].Ttl, grouped[k].Targets))];
    }

    private Exception MapException(Exception e, string zone, string action) => e switch
    {
        DnsTsigException t => new ProviderConfigurationException(
            $"TSIG failed for the {action} of zone '{zone}' ({_keyDescription}): {t.Error}" +
            (t.Error == TsigError.BadTime ? " (the clocks of this host and the DNS server differ by more than the fudge)." : $". Check {_credentialFlags}."),
            t),
        DnsTlsException tls => new ProviderConfigurationException(
            $"DNS over TLS failed for the {action} of zone '{zone}': {tls.Message}. " +
            "Check --tls-ca (the CA that signed the server's certificate), that the certificate names the --rfc2136-host, " +
            "--tls-client-cert/--tls-client-cert-key if the server asks for one, or use --rfc2136-skip-tls-verify.",
            tls),
        DnsGssException g when g.IsCredentialProblem => new ProviderConfigurationException(
            $"{g.Message} (for the {action} of zone '{zone}'). Check {_credentialFlags}.", g),
        DnsGssException g => new ProviderTransientException($"{g.Message} (for the {action} of zone '{zone}').", g),
        DnsResponseException r when r.ResponseCode is DnsResponseCode.Refused or DnsResponseCode.NotAuth or DnsResponseCode.NotZone or DnsResponseCode.NotImp =>
            new ProviderConfigurationException(
                $"The DNS server rejected the {action} of zone '{zone}' with {r.ResponseCode} ({_keyDescription}). Check --rfc2136-zone and the zone's allow-transfer.",
                r),
        DnsResponseException r => new ProviderTransientException($"The {action} of zone '{zone}' failed: {r.ResponseCode}.", r),
        TimeoutException or SocketException or IOException or DnsFormatException or OperationCanceledException =>
            new ProviderTransientException($"The {action} of zone '{zone}' failed: {e.Message}", e),
        _ => e,
    };

    private sealed record Operation(Endpoint? Old, Endpoint? New);

    /// <summary>A change converted to wire records, with its grouping key (record + TXT), its order class and its size.</summary>
    private sealed record Prepared(
        Operation Operation,
        Endpoint Endpoint,
        int Kind,
        string Key,
        BatchCost Cost,
        List<(DnsRecordType Type, DnsRecordData Data, string Target)> Deletes,
        List<(DnsRecordType Type, DnsRecordData Data, string Target)> Adds);

    /// <summary>The server refused an UPDATE message (its RCODE is the message): split the batch to find the culprit.</summary>
    private sealed class UpdateRejectedException(DnsResponseCode code) : Exception(code.ToString());
}
