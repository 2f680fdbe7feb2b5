using ExternalDns.Providers.Cloudflare.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// Sends a zone's record operations through the batch endpoint: groups (a record with its ownership TXT) are packed
/// in order into batches of at most max(--batch-change-size, 200) operations (capped at the plan's limit), with
/// --batch-change-interval between batches. Cloudflare applies a batch all or nothing; a refused batch is split in
/// halves on group boundaries and each half sent again, down to single groups, so one invalid record never blocks
/// the others and only the invalid ones are reported. Transient failures propagate (the next run retries).
/// </summary>
internal sealed class CloudflareBatchRunner(ICloudflareApi api, CloudflareProviderOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Applies the operations; returns the number of batch requests sent.</summary>
    public async Task<int> ApplyAsync(CloudflareZoneChanges zone, List<CloudflareRejection> rejected, CancellationToken cancellationToken)
    {
        if (zone.Operations.Count == 0)
        {
            return 0;
        }

        var groups = new List<List<CloudflareOperation>>();
        var byKey = new Dictionary<string, List<CloudflareOperation>>(StringComparer.Ordinal);
        foreach (var operation in zone.Operations)
        {
            if (!byKey.TryGetValue(operation.GroupKey, out var group))
            {
                byKey[operation.GroupKey] = group = [];
                groups.Add(group);
            }

            group.Add(operation);
        }

        var limit = options.BatchLimit(zone.Zone.IsFree);
        var batches = new List<List<List<CloudflareOperation>>>();
        var current = new List<List<CloudflareOperation>>();
        var count = 0;
        foreach (var group in groups)
        {
            if (count + group.Count > limit && current.Count > 0)
            {
                batches.Add(current);
                current = [];
                count = 0;
            }

            current.Add(group);
            count += group.Count;
        }

        batches.Add(current);
        var requests = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            if (i > 0 && options.BatchChangeInterval > TimeSpan.Zero)
            {
                await Task.Delay(options.BatchChangeInterval, time, cancellationToken).ConfigureAwait(false);
            }

            requests += await ApplyGroupsAsync(zone, batches[i], limit, rejected, cancellationToken).ConfigureAwait(false);
        }

        return requests;
    }

    private async Task<int> ApplyGroupsAsync(CloudflareZoneChanges zone, List<List<CloudflareOperation>> groups, int limit, List<CloudflareRejection> rejected, CancellationToken cancellationToken)
    {
        var operations = groups.SelectMany(g => g).ToList();
        if (groups.Count == 1 && operations.Count > limit)
        {
            return await ApplyOversizedAsync(zone, operations, limit, rejected, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await SendAsync(zone, operations, cancellationToken).ConfigureAwait(false);
            return 1;
        }
        catch (CloudflareApiException ex)
        {
            // A refusal of the zone itself (it vanished, 7003/7000) would refuse every half too: no splitting.
            if (groups.Count == 1 || ex.Codes.Any(c => c is 7000 or 7003))
            {
                Reject(zone, operations, ex.Reason, rejected);
                return 1;
            }

            CloudflareLog.BatchSplit(logger, zone.Zone.Name, operations.Count, ex.Reason);
            var half = groups.Count / 2;
            var sent = 1;
            sent += await ApplyGroupsAsync(zone, groups[..half], limit, rejected, cancellationToken).ConfigureAwait(false);
            sent += await ApplyGroupsAsync(zone, groups[half..], limit, rejected, cancellationToken).ConfigureAwait(false);
            return sent;
        }
    }

    /// <summary>A single group larger than a batch (a name with very many targets): sent in consecutive batches,
    /// deletes first, so it is not atomic; a refusal stops it and reports the group.</summary>
    private async Task<int> ApplyOversizedAsync(CloudflareZoneChanges zone, List<CloudflareOperation> operations, int limit, List<CloudflareRejection> rejected, CancellationToken cancellationToken)
    {
        var ordered = operations.OrderBy(o => o.Kind).ToList();
        var sent = 0;
        for (var start = 0; start < ordered.Count; start += limit)
        {
            sent++;
            try
            {
                await SendAsync(zone, ordered.GetRange(start, Math.Min(limit, ordered.Count - start)), cancellationToken).ConfigureAwait(false);
            }
            catch (CloudflareApiException ex)
            {
                Reject(zone, operations, ex.Reason, rejected);
                return sent;
            }
        }

        return sent;
    }

    private async Task SendAsync(CloudflareZoneChanges zone, List<CloudflareOperation> operations, CancellationToken cancellationToken)
    {
        var request = new CloudflareBatchRequest();
        foreach (var operation in operations)
        {
            switch (operation.Kind)
            {
                case CloudflareOperationKind.Delete:
                    request.Deletes.Add(new CloudflareRecordId { Id = operation.RecordId! });
                    break;
                case CloudflareOperationKind.Put:
                    request.Puts.Add(operation.Body!);
                    break;
                default:
                    request.Posts.Add(operation.Body!);
                    break;
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                var action = operation.Kind.ToString().ToLowerInvariant();
                CloudflareLog.Operation(logger, zone.Zone.Name, action, operation.Name, operation.Type, operation.Target);
            }
        }

        var result = await api.BatchDnsRecordsAsync(zone.Zone.Id, request, cancellationToken).ConfigureAwait(false);
        foreach (var deleted in request.Deletes)
        {
            zone.Zone.Remove(deleted.Id);
        }

        foreach (var record in (result.Puts ?? []).Concat(result.Posts ?? []))
        {
            zone.Zone.Put(record);
        }
    }

    private void Reject(CloudflareZoneChanges zone, List<CloudflareOperation> operations, string reason, List<CloudflareRejection> rejected)
    {
        foreach (var name in operations.Select(o => o.GroupKey).Distinct(StringComparer.Ordinal))
        {
            CloudflareLog.Rejected(logger, zone.Zone.Name, name, reason);
            rejected.Add(new CloudflareRejection(zone.Zone.Name, name, reason));
        }
    }
}
