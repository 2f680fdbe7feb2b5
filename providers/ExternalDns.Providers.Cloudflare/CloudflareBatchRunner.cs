using ExternalDns.Core.Providers.Batching;
using ExternalDns.Providers.Cloudflare.Api;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// Sends a zone's record operations through the batch endpoint with the shared <see cref="ChangeBatcher"/>: groups (a
/// record with its other targets and its ownership TXT) are packed in order into batches of at most
/// max(--batch-change-size, 200) operations (capped at the plan's limit), with --batch-change-interval between calls.
/// Cloudflare applies a batch all or nothing; a refused batch is split in halves on group boundaries down to single
/// groups, so one invalid record never blocks the others and only the invalid ones are reported. A refusal of the
/// zone itself (it vanished: 7003) is not split. Transient failures propagate (the next run retries).
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

        var limit = options.BatchLimit(zone.Zone.IsFree);
        var batches = ChangeBatcher.Chunk(zone.Operations, o => o.GroupKey, _ => new BatchCost(1, 0, 0), new BatchLimits(limit), out var oversized);
        var calls = 0;
        try
        {
            var result = await ChangeBatcher.ApplyAsync(
                batches,
                o => o.GroupKey,
                (operations, ct) => SendAsync(zone, operations, ct),
                e => e is CloudflareApiException refused && !IsZoneRefusal(refused),
                options.BatchChangeInterval,
                time,
                cancellationToken).ConfigureAwait(false);
            calls += result.Calls;
            if (result.Calls > batches.Count)
            {
                CloudflareLog.BatchSplit(logger, zone.Zone.Name, result.Calls - batches.Count, result.Rejected.Count);
            }

            foreach (var (group, error) in result.Rejected)
            {
                Reject(zone, group, error, rejected);
            }
        }
        catch (CloudflareApiException ex) when (IsZoneRefusal(ex))
        {
            calls++;
            Reject(zone, zone.Operations, ex.Reason, rejected);
            return calls;
        }

        // A single name with more operations than a batch holds (very many targets): consecutive batches, deletes first.
        foreach (var group in oversized.GroupBy(o => o.GroupKey, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(o => o.Kind).ToList();
            for (var start = 0; start < ordered.Count; start += limit)
            {
                if (calls > 0 && options.BatchChangeInterval > TimeSpan.Zero)
                {
                    await Task.Delay(options.BatchChangeInterval, time, cancellationToken).ConfigureAwait(false);
                }

                calls++;
                try
                {
                    await SendAsync(zone, ordered.GetRange(start, Math.Min(limit, ordered.Count - start)), cancellationToken).ConfigureAwait(false);
                }
                catch (CloudflareApiException ex)
                {
                    Reject(zone, ordered, ex.Reason, rejected);
                    break;
                }
            }
        }

        return calls;
    }

    private static bool IsZoneRefusal(CloudflareApiException ex) => ex.Codes.Any(c => c is 7000 or 7003);

    private async Task SendAsync(CloudflareZoneChanges zone, IReadOnlyList<CloudflareOperation> operations, CancellationToken cancellationToken)
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

        CloudflareBatchResult result;
        try
        {
            result = await api.BatchDnsRecordsAsync(zone.Zone.Id, request, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudflareApiException ex) when (!IsZoneRefusal(ex))
        {
            // The batcher reports a refused group with the exception's message: the specific reason, not the URL.
            throw new CloudflareApiException(ex.Reason, ex.Status, ex.Errors);
        }

        foreach (var deleted in request.Deletes)
        {
            zone.Zone.Remove(deleted.Id);
        }

        foreach (var record in (result.Puts ?? []).Concat(result.Posts ?? []))
        {
            zone.Zone.Put(record);
        }
    }

    private void Reject(CloudflareZoneChanges zone, IEnumerable<CloudflareOperation> operations, string reason, List<CloudflareRejection> rejected)
    {
        foreach (var name in operations.Select(o => o.GroupKey).Distinct(StringComparer.Ordinal))
        {
            CloudflareLog.Rejected(logger, zone.Zone.Name, name, reason);
            rejected.Add(new CloudflareRejection(zone.Zone.Name, name, reason));
        }
    }
}
