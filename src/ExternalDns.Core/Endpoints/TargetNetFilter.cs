using System.Net;

namespace ExternalDns.Core.Endpoints;

/// <summary>
/// <c>--target-net-filter</c> and <c>--exclude-target-net</c> (upstream <c>endpoint.TargetNetFilter</c>): a target is
/// kept when it is inside one of the filter networks (every target, when there is none) and inside none of the excluded
/// ones. A target that is not an IP address (a CNAME's host name, SRV data) is inside no network: with a filter it is
/// dropped, with exclusions alone it is kept — exactly as upstream.
/// </summary>
public sealed class TargetNetFilter
{
    private readonly IReadOnlyList<IPNetwork> _filter;
    private readonly IReadOnlyList<IPNetwork> _exclude;

    public TargetNetFilter(IReadOnlyList<IPNetwork> filter, IReadOnlyList<IPNetwork> exclude)
    {
        _filter = filter ?? throw new ArgumentNullException(nameof(filter));
        _exclude = exclude ?? throw new ArgumentNullException(nameof(exclude));
    }

    /// <summary>True when there is a filter or an exclusion.</summary>
    public bool IsEnabled => _filter.Count > 0 || _exclude.Count > 0;

    public bool Matches(string target)
    {
        var isIp = IpAddresses.TryParse(target, out var ip);
        var inFilter = _filter.Count == 0 || (isIp && _filter.Any(n => n.Contains(ip)));
        var excluded = isIp && _exclude.Any(n => n.Contains(ip));
        return inFilter && !excluded;
    }
}
