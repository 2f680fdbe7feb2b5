using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Registry;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using CoreLabels = ExternalDns.Core.Endpoints.Labels;

namespace ExternalDns.Kubernetes.Registry;

/// <summary>
/// <c>--registry=crd</c> (upstream's registry/crd): ownership is kept in externaldns.k8s.io/v1alpha1 DNSRecord objects
/// in one namespace instead of TXT records. The object name encodes the record identity (<see cref="ObjectName"/>, as
/// upstream), the <c>externaldns.k8s.io/owner</c> label the owner, <c>spec.endpoint</c> the endpoint and the
/// <c>Ready</c> condition its lifecycle (Accepted → Programmed, or Failed when the provider rejects the batch).
/// <para>
/// Unlike upstream, which returns only its own DNSRecords' endpoints, <see cref="RecordsAsync"/> returns the provider's
/// records with the owner/resource labels of the matching DNSRecord (any owner's): the planner then sees records it does
/// not own (without an owner, or with another owner's DNSRecord) and never creates over, updates or deletes them — the
/// same guarantees as the TXT registry.
/// </para>
/// </summary>
public sealed partial class CrdRegistry : IRegistry
{
    public const string OwnerLabel = "externaldns.k8s.io/owner";
    public const string ReadyCondition = "Ready";
    public const string AcceptedReason = "Accepted";
    public const string ProgrammedReason = "Programmed";
    public const string FailedReason = "Failed";

    public static readonly KubeResource DnsRecords = new("externaldns.k8s.io", "v1alpha1", "dnsrecords", true);

    private readonly IDnsProvider _provider;
    private readonly KubeApiClient _client;
    private readonly string _namespace;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CrdRegistry(IDnsProvider provider, KubeApiClient client, string @namespace, string ownerId, TimeProvider? time = null, ILogger<CrdRegistry>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrEmpty(ownerId))
        {
            throw new RegistryConfigurationException("--txt-owner-id must not be empty (the crd registry writes it to the externaldns.k8s.io/owner label)");
        }

        _provider = provider;
        _client = client;
        _namespace = string.IsNullOrEmpty(@namespace) ? "default" : @namespace;
        OwnerId = ownerId;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public string OwnerId { get; }

    /// <summary>The namespace the DNSRecord objects live in.</summary>
    public string Namespace => _namespace;

    public DomainFilter DomainFilter => _provider.DomainFilter;

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => _provider.AdjustEndpoints(endpoints);

    public Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken) =>
        _provider.AdjustEndpointsAsync(endpoints, cancellationToken);

    /// <summary>
    /// Upstream's object name: the lower-cased DNS name without its trailing dot, every run of characters outside
    /// [a-z0-9] replaced by '-', trimmed of '-', cut so the whole name fits 253 characters, "record" when empty; then
    /// '-' and the first 4 bytes (8 hex digits) of SHA-256 over "dnsname/TYPE/setIdentifier".
    /// </summary>
    public static string ObjectName(Endpoint record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return ObjectName(record.DnsName, record.RecordType, record.SetIdentifier);
    }

    public static string ObjectName(string dnsName, string recordType, string? setIdentifier)
    {
        var name = (dnsName ?? string.Empty).ToLowerInvariant();
        if (name.EndsWith('.'))
        {
            name = name[..^1]; // upstream trims exactly one trailing dot (strings.TrimSuffix)
        }

        var type = (recordType ?? string.Empty).ToUpperInvariant();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + "/" + type + "/" + (setIdentifier ?? string.Empty)));
        var suffix = "-" + Convert.ToHexStringLower(hash.AsSpan(0, 4));

        var sb = new StringBuilder(name.Length);
        var inRun = false;
        foreach (var c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                sb.Append(c);
                inRun = false;
            }
            else if (!inRun)
            {
                sb.Append('-');
                inRun = true;
            }
        }

        var baseName = sb.ToString().Trim('-');
        var maxBase = 253 - suffix.Length;
        if (baseName.Length > maxBase)
        {
            baseName = baseName[..maxBase].Trim('-');
        }

        if (baseName.Length == 0)
        {
            baseName = "record";
        }

        return baseName + suffix;
    }

    public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        var records = await _provider.RecordsAsync(cancellationToken).ConfigureAwait(false);
        KubeListResult<DnsRecord> list;
        try
        {
            list = await _client.ListAsync(DnsRecords, _namespace, KubernetesJsonContext.Default.DnsRecord, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound || ex.IsUnauthorized)
        {
            // Retried by the controller like any registry error; the message says what to fix.
            var hint = ex.IsNotFound
                ? "the DNSRecord CRD (dnsrecords.externaldns.k8s.io) is not installed: kubectl apply -f deploy/base/crd-dnsrecord.yaml"
                : "not allowed: grant get/list/watch/create/update/patch/delete on dnsrecords and update on dnsrecords/status (external-dns --generate-rbac ... --registry=crd)";
            throw new KubeApiException($"--registry=crd: cannot list DNSRecords in namespace {_namespace}: {hint} ({ex.Message})", ex.StatusCode, ex.Status, ex);
        }

        var byName = new Dictionary<string, DnsRecord>(list.Items.Count, StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            byName[item.Object.Name] = item.Object;
        }

        var result = new List<Endpoint>(records.Count);
        foreach (var record in records)
        {
            var ep = record;
            if (byName.TryGetValue(ObjectName(record), out var dnsRecord)
                && dnsRecord.Labels.TryGetValue(OwnerLabel, out var owner) && !string.IsNullOrEmpty(owner))
            {
                ep = record.Clone();
                ep.Labels[CoreLabels.OwnerKey] = owner;
                if (dnsRecord.Spec.Endpoint.Labels is { } labels && labels.TryGetValue(CoreLabels.ResourceKey, out var resource) && !string.IsNullOrEmpty(resource))
                {
                    ep.Labels[CoreLabels.ResourceKey] = resource;
                }
            }

            else if (record.Labels.ContainsKey(CoreLabels.OwnerKey) || record.Labels.ContainsKey(CoreLabels.ResourceKey))
            {
                // Ownership comes from DNSRecords only: labels a provider may store (webhook, in-memory) do not make it ours.
                ep = record.Clone();
                ep.Labels.Remove(CoreLabels.OwnerKey);
                ep.Labels.Remove(CoreLabels.ResourceKey);
            }

            result.Add(ep);
        }

        return result;
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var create = new List<Endpoint>();
        var delete = FilterByOwner(changes.Delete);
        var (updateOld, updateNew) = FilterUpdatesByOwner(changes.UpdateOld, changes.UpdateNew);
        var applied = new List<DnsRecord>(changes.Create.Count + updateNew.Count);

        // Intent first (as upstream): the DNSRecords of creates and updates are written before the provider is called.
        foreach (var r in changes.Create)
        {
            r.Labels[CoreLabels.OwnerKey] = OwnerId;
            var dnsRecord = await EnsureAsync(r, cancellationToken).ConfigureAwait(false);
            if (dnsRecord is null)
            {
                continue; // another owner's DNSRecord: not ours to create
            }

            create.Add(r);
            applied.Add(dnsRecord);
        }

        for (var i = 0; i < updateNew.Count; i++)
        {
            var old = i < updateOld.Count ? updateOld[i] : updateNew[i];
            var dnsRecord = await GetAsync(ObjectName(old), cancellationToken).ConfigureAwait(false);
            if (dnsRecord is null)
            {
                continue;
            }

            dnsRecord.Spec.Endpoint = ToSpec(updateNew[i]);
            dnsRecord = await _client.UpdateAsync(DnsRecords, _namespace, dnsRecord.Name, dnsRecord, KubernetesJsonContext.Default.DnsRecord, cancellationToken)
                .ConfigureAwait(false);
            applied.Add(dnsRecord);
        }

        for (var i = 0; i < applied.Count; i++)
        {
            applied[i] = await SetStatusAsync(applied[i], AcceptedReason, "Endpoint accepted by external-dns; not yet programmed", cancellationToken).ConfigureAwait(false);
        }

        var filtered = new Changes { Create = create, UpdateOld = updateOld, UpdateNew = updateNew, Delete = delete };
        try
        {
            await _provider.ApplyChangesAsync(filtered, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var dnsRecord in applied)
            {
                await SetStatusAsync(dnsRecord, FailedReason, "Provider rejected the batch: " + ex.Message, cancellationToken).ConfigureAwait(false);
            }

            throw;
        }

        foreach (var dnsRecord in applied)
        {
            await SetStatusAsync(dnsRecord, ProgrammedReason, "Endpoint applied to the DNS provider", cancellationToken).ConfigureAwait(false);
        }

        // Deletes last: the DNS record is gone from the provider, so its DNSRecord goes too (a 404 is the goal reached).
        foreach (var r in delete)
        {
            var name = ObjectName(r);
            var dnsRecord = await GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (dnsRecord is null || !IsOurs(dnsRecord))
            {
                continue;
            }

            await _client.DeleteAsync(DnsRecords, _namespace, name, cancellationToken).ConfigureAwait(false);
            LogDeleted(_logger, name, _namespace);
        }
    }

    /// <summary>Creates the DNSRecord of a create, or refreshes ours left by an earlier reconcile; null when another owner holds the name.</summary>
    private async Task<DnsRecord?> EnsureAsync(Endpoint record, CancellationToken cancellationToken)
    {
        var name = ObjectName(record);
        var dnsRecord = new DnsRecord
        {
            ApiVersion = DnsRecords.ApiVersion,
            Kind = "DNSRecord",
            Metadata = new ObjectMeta { Name = name, Namespace = _namespace, Labels = new(StringComparer.Ordinal) { [OwnerLabel] = OwnerId } },
            Spec = new DnsRecordSpec { Endpoint = ToSpec(record) },
        };
        try
        {
            var created = await _client.CreateAsync(DnsRecords, _namespace, dnsRecord, KubernetesJsonContext.Default.DnsRecord, cancellationToken).ConfigureAwait(false);
            LogCreated(_logger, name, _namespace, record.DnsName, record.RecordType);
            return created;
        }
        catch (KubeApiException ex) when (ex.IsConflict)
        {
            var existing = await GetAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new KubeApiException($"DNSRecord {name} in {_namespace} reported as existing but was not found", 404, null);
            if (!IsOurs(existing))
            {
                LogForeignDnsRecord(_logger, name, _namespace, existing.Labels.TryGetValue(OwnerLabel, out var o) ? o : "", OwnerId);
                return null;
            }

            existing.Spec.Endpoint = ToSpec(record);
            return await _client.UpdateAsync(DnsRecords, _namespace, name, existing, KubernetesJsonContext.Default.DnsRecord, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<DnsRecord?> GetAsync(string name, CancellationToken cancellationToken) =>
        _client.GetAsync(DnsRecords, _namespace, name, KubernetesJsonContext.Default.DnsRecord, cancellationToken);

    private bool IsOurs(DnsRecord dnsRecord) => dnsRecord.Labels.TryGetValue(OwnerLabel, out var owner) && owner == OwnerId;

    /// <summary>
    /// Sets the Ready condition (True only for Programmed) through the status subresource. Best effort, as upstream: a
    /// failure is logged, never thrown (the DNS change itself is done or its failure already surfaces).
    /// </summary>
    private async Task<DnsRecord> SetStatusAsync(DnsRecord dnsRecord, string reason, string message, CancellationToken cancellationToken)
    {
        var status = reason == ProgrammedReason ? "True" : "False";
        var conditions = dnsRecord.Status.Conditions ??= [];
        var ready = conditions.Find(c => c.Type == ReadyCondition);
        if (ready is null)
        {
            ready = new DnsRecordCondition { Type = ReadyCondition };
            conditions.Add(ready);
        }

        if (ready.Status != status || ready.LastTransitionTime is null)
        {
            ready.LastTransitionTime = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        ready.Status = status;
        ready.Reason = reason;
        ready.Message = message;
        ready.ObservedGeneration = dnsRecord.Metadata.Generation;
        try
        {
            return await _client.UpdateStatusAsync(DnsRecords, _namespace, dnsRecord.Name, dnsRecord, KubernetesJsonContext.Default.DnsRecord, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (KubeApiException ex)
        {
            LogStatusFailed(_logger, dnsRecord.Name, _namespace, ex.Message);
            return dnsRecord;
        }
    }

    internal static EndpointSpec ToSpec(Endpoint e) => new()
    {
        DnsName = e.DnsName,
        Targets = [.. e.Targets],
        RecordType = e.RecordType,
        SetIdentifier = string.IsNullOrEmpty(e.SetIdentifier) ? null : e.SetIdentifier,
        RecordTtl = e.RecordTtl,
        Labels = e.Labels.Count == 0 ? null : new Dictionary<string, string>(e.Labels, StringComparer.Ordinal),
        ProviderSpecific = e.ProviderSpecificProperties.Count == 0 ? null : [.. e.ProviderSpecificProperties.Select(p => new ProviderSpecificEntry { Name = p.Name, Value = p.Value })],
    };

    private List<Endpoint> FilterByOwner(IEnumerable<Endpoint> endpoints) => OwnershipFilter.Owned(endpoints, OwnerId, SkipForeign);

    private (List<Endpoint> Old, List<Endpoint> New) FilterUpdatesByOwner(List<Endpoint> oldSide, List<Endpoint> newSide) =>
        OwnershipFilter.OwnedUpdates(oldSide, newSide, OwnerId, SkipForeign);

    private void SkipForeign(Endpoint ep) => LogSkippingForeign(_logger, ep.DnsName, ep.RecordType, ep.Labels.Owner ?? "", OwnerId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Created DNSRecord {Name} in {Namespace} for {DnsName} {RecordType}")]
    private static partial void LogCreated(ILogger logger, string name, string @namespace, string dnsName, string recordType);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Deleted DNSRecord {Name} in {Namespace}")]
    private static partial void LogDeleted(ILogger logger, string name, string @namespace);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "DNSRecord {Name} in {Namespace} belongs to owner \"{Owner}\", not \"{OwnerId}\": the record is left alone")]
    private static partial void LogForeignDnsRecord(ILogger logger, string name, string @namespace, string owner, string ownerId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Unable to update the status of DNSRecord {Name} in {Namespace}: {Error}")]
    private static partial void LogStatusFailed(ILogger logger, string name, string @namespace, string error);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug, Message = "Skipping endpoint {DnsName} {RecordType} owned by \"{Owner}\", not \"{OwnerId}\"")]
    private static partial void LogSkippingForeign(ILogger logger, string dnsName, string recordType, string owner, string ownerId);
}
