using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Providers.Webhook.Json;

/// <summary>
/// The webhook bodies, as upstream (Go) writes and reads them. Written byte for byte as Go's <c>json.Encoder</c> does
/// (members in upstream's order, empty members omitted — <c>omitempty</c> —, a trailing newline); read leniently as Go's
/// decoder does (member names in any case, unknown members ignored, <c>null</c> for an absent list).
/// </summary>
public static class WebhookJson
{
    /// <summary>A list of endpoints (<c>GET /records</c>, <c>POST /adjustendpoints</c> both ways).</summary>
    public static byte[] WriteEndpoints(IEnumerable<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var sb = new StringBuilder(256);
        WriteEndpointArray(sb, endpoints);
        return Finish(sb);
    }

    /// <summary>Upstream's <c>plan.Changes</c> (<c>POST /records</c>).</summary>
    public static byte[] WriteChanges(Changes changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var sb = new StringBuilder(256);
        sb.Append('{');
        var first = true;
        foreach (var (name, list) in new[] { ("create", changes.Create), ("updateOld", changes.UpdateOld), ("updateNew", changes.UpdateNew), ("delete", changes.Delete) })
        {
            if (list.Count > 0)
            {
                GoJson.WriteName(sb, name, ref first);
                WriteEndpointArray(sb, list);
            }
        }

        sb.Append('}');
        return Finish(sb);
    }

    /// <summary>The negotiation answer (<c>GET /</c>): the regex shape when the filter is a regex filter, else the list shape (lists sorted).</summary>
    public static byte[] WriteDomainFilter(DomainFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sb = new StringBuilder(64);
        sb.Append('{');
        var first = true;
        if (filter.IsRegex)
        {
            var include = filter.RegexInclude?.ToString() ?? string.Empty;
            var exclude = filter.RegexExclude?.ToString() ?? string.Empty;
            if (include.Length > 0)
            {
                GoJson.WriteName(sb, "regexInclude", ref first);
                GoJson.WriteString(sb, include);
            }

            if (exclude.Length > 0)
            {
                GoJson.WriteName(sb, "regexExclude", ref first);
                GoJson.WriteString(sb, exclude);
            }
        }
        else
        {
            if (filter.Include.Count > 0)
            {
                GoJson.WriteName(sb, "include", ref first);
                GoJson.WriteStringArray(sb, filter.Include.Order(GoJson.KeyOrder));
            }

            if (filter.Exclude.Count > 0)
            {
                GoJson.WriteName(sb, "exclude", ref first);
                GoJson.WriteStringArray(sb, filter.Exclude.Order(GoJson.KeyOrder));
            }
        }

        sb.Append('}');
        return Finish(sb);
    }

    /// <summary>Reads a list of endpoints; <c>null</c> is an empty list. Throws <see cref="JsonException"/> when the body is not one.</summary>
    public static async Task<List<Endpoint>> ReadEndpointsAsync(Stream body, CancellationToken cancellationToken)
    {
        var wire = await ReadAsync(body, WebhookJsonContext.Default.ListWireEndpoint, cancellationToken).ConfigureAwait(false);
        return ToEndpoints(wire, "endpoint list");
    }

    /// <summary>Reads a change set; absent lists are empty. Throws <see cref="JsonException"/> when the body is not one.</summary>
    public static async Task<Changes> ReadChangesAsync(Stream body, CancellationToken cancellationToken)
    {
        var wire = await ReadAsync(body, WebhookJsonContext.Default.WireChanges, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("the change set is null");
        return new Changes
        {
            Create = ToEndpoints(wire.Create, "create"),
            UpdateOld = ToEndpoints(wire.UpdateOld, "updateOld"),
            UpdateNew = ToEndpoints(wire.UpdateNew, "updateNew"),
            Delete = ToEndpoints(wire.Delete, "delete"),
        };
    }

    /// <summary>
    /// Reads a negotiated domain filter in either shape, as upstream's <c>DomainFilter.UnmarshalJSON</c>: lists when
    /// both regexes are empty, else a regex filter (a list beside a regex is an error). Throws <see cref="JsonException"/>.
    /// </summary>
    public static async Task<DomainFilter> ReadDomainFilterAsync(Stream body, CancellationToken cancellationToken)
    {
        var wire = await ReadAsync(body, WebhookJsonContext.Default.WireDomainFilter, cancellationToken).ConfigureAwait(false)
            ?? new WireDomainFilter();
        var include = (wire.Include ?? []).Select(s => s ?? string.Empty).ToList();
        var exclude = (wire.Exclude ?? []).Select(s => s ?? string.Empty).ToList();
        if (string.IsNullOrEmpty(wire.RegexInclude) && string.IsNullOrEmpty(wire.RegexExclude))
        {
            return new DomainFilter(include, exclude);
        }

        if (include.Count > 0 || exclude.Count > 0)
        {
            throw new JsonException("the domain filter has both a domain list and a regex");
        }

        try
        {
            return DomainFilter.FromRegex(wire.RegexInclude, wire.RegexExclude);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException($"the domain filter's regex is invalid: {ex.Message}", ex);
        }
    }

    private static async Task<T?> ReadAsync<T>(Stream body, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false);
    }

    private static List<Endpoint> ToEndpoints(List<WireEndpoint?>? wire, string what)
    {
        if (wire is null)
        {
            return [];
        }

        var result = new List<Endpoint>(wire.Count);
        for (var i = 0; i < wire.Count; i++)
        {
            var w = wire[i] ?? throw new JsonException($"{what}[{i}] is null, not an endpoint");
            var endpoint = new Endpoint(w.DnsName ?? string.Empty, w.RecordType ?? string.Empty, w.RecordTtl ?? 0, (w.Targets ?? []).Select(t => t ?? string.Empty))
            {
                SetIdentifier = w.SetIdentifier ?? string.Empty,
            };
            foreach (var (key, value) in w.Labels ?? [])
            {
                endpoint.Labels[key] = value ?? string.Empty;
            }

            foreach (var p in w.ProviderSpecific ?? [])
            {
                if (p is not null)
                {
                    endpoint.ProviderSpecific.Add(new ProviderSpecificProperty(p.Name ?? string.Empty, p.Value ?? string.Empty));
                }
            }

            result.Add(endpoint);
        }

        return result;
    }

    private static void WriteEndpointArray(StringBuilder sb, IEnumerable<Endpoint> endpoints)
    {
        sb.Append('[');
        var first = true;
        foreach (var e in endpoints)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            WriteEndpoint(sb, e);
        }

        sb.Append(']');
    }

    private static void WriteEndpoint(StringBuilder sb, Endpoint e)
    {
        sb.Append('{');
        var first = true;
        if (e.DnsName.Length > 0)
        {
            GoJson.WriteName(sb, "dnsName", ref first);
            GoJson.WriteString(sb, e.DnsName);
        }

        if (e.Targets.Count > 0)
        {
            GoJson.WriteName(sb, "targets", ref first);
            GoJson.WriteStringArray(sb, e.Targets);
        }

        if (e.RecordType.Length > 0)
        {
            GoJson.WriteName(sb, "recordType", ref first);
            GoJson.WriteString(sb, e.RecordType);
        }

        if (e.SetIdentifier.Length > 0)
        {
            GoJson.WriteName(sb, "setIdentifier", ref first);
            GoJson.WriteString(sb, e.SetIdentifier);
        }

        if (e.RecordTtl != 0)
        {
            GoJson.WriteName(sb, "recordTTL", ref first);
            GoJson.WriteNumber(sb, e.RecordTtl);
        }

        if (e.Labels.Count > 0)
        {
            GoJson.WriteName(sb, "labels", ref first);
            sb.Append('{');
            var firstLabel = true;
            foreach (var key in e.Labels.Keys.Order(GoJson.KeyOrder))
            {
                GoJson.WriteName(sb, key, ref firstLabel);
                GoJson.WriteString(sb, e.Labels[key]);
            }

            sb.Append('}');
        }

        if (e.ProviderSpecific.Count > 0)
        {
            GoJson.WriteName(sb, "providerSpecific", ref first);
            sb.Append('[');
            for (var i = 0; i < e.ProviderSpecific.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                var p = e.ProviderSpecific[i];
                sb.Append('{');
                var firstMember = true;
                if (p.Name.Length > 0)
                {
                    GoJson.WriteName(sb, "name", ref firstMember);
                    GoJson.WriteString(sb, p.Name);
                }

                if (p.Value.Length > 0)
                {
                    GoJson.WriteName(sb, "value", ref firstMember);
                    GoJson.WriteString(sb, p.Value);
                }

                sb.Append('}');
            }

            sb.Append(']');
        }

        sb.Append('}');
    }

    private static byte[] Finish(StringBuilder sb)
    {
        sb.Append('\n'); // json.Encoder.Encode ends every value with a newline
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
