using System.Text.RegularExpressions;

namespace ExternalDns.Core.Endpoints;

/// <summary>
/// Upstream's domain filter: <c>--domain-filter</c> / <c>--exclude-domains</c> lists, or the
/// <c>--regex-domain-filter</c> / <c>--regex-domain-exclusion</c> pair, which replaces the lists when set.
/// A list entry matches the name itself and any subdomain; an entry starting with '.' matches subdomains only.
/// An empty include list matches everything.
/// </summary>
public sealed class DomainFilter
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private readonly string[] _include;
    private readonly string[] _exclude;

    public DomainFilter(IEnumerable<string>? include = null, IEnumerable<string>? exclude = null)
    {
        _include = Prepare(include);
        _exclude = Prepare(exclude);
    }

    private DomainFilter(Regex? regexInclude, Regex? regexExclude)
    {
        _include = [];
        _exclude = [];
        RegexInclude = regexInclude;
        RegexExclude = regexExclude;
    }

    /// <summary>A filter that matches every name.</summary>
    public static DomainFilter All { get; } = new();

    public IReadOnlyList<string> Include => _include;

    public IReadOnlyList<string> Exclude => _exclude;

    public Regex? RegexInclude { get; }

    public Regex? RegexExclude { get; }

    public bool IsRegex => RegexInclude is not null || RegexExclude is not null;

    public bool IsConfigured => IsRegex || _include.Length > 0 || _exclude.Length > 0;

    /// <summary>Builds a regex filter; either pattern may be null or empty. Throws <see cref="ArgumentException"/> on a bad pattern.</summary>
    public static DomainFilter FromRegex(string? include, string? exclude)
    {
        var inc = string.IsNullOrEmpty(include) ? null : new Regex(include, RegexOptions.CultureInvariant, RegexTimeout);
        var exc = string.IsNullOrEmpty(exclude) ? null : new Regex(exclude, RegexOptions.CultureInvariant, RegexTimeout);
        return inc is null && exc is null ? All : new DomainFilter(inc, exc);
    }

    /// <summary>Builds the filter from the four upstream flags: the regex pair wins when either is set.</summary>
    public static DomainFilter FromFlags(IEnumerable<string>? include, IEnumerable<string>? exclude, string? regexInclude, string? regexExclude)
    {
        return !string.IsNullOrEmpty(regexInclude) || !string.IsNullOrEmpty(regexExclude)
            ? FromRegex(regexInclude, regexExclude)
            : new DomainFilter(include, exclude);
    }

    public bool Match(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (IsRegex)
        {
            var unicode = DnsNames.ToUnicode(domain);
            if (RegexExclude is not null && RegexExclude.IsMatch(unicode))
            {
                return false;
            }

            return RegexInclude is null || RegexInclude.IsMatch(unicode);
        }

        if (_include.Length == 0 && _exclude.Length == 0)
        {
            return true;
        }

        var name = DnsNames.Normalize(domain);
        return MatchList(_include, name, true) && !MatchList(_exclude, name, false);
    }

    /// <summary>
    /// True when <paramref name="domain"/> is a parent of an include entry (upstream <c>MatchParent</c>,
    /// used to accept zones above the filtered domain).
    /// </summary>
    public bool MatchParent(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var name = DnsNames.Normalize(domain);
        if (MatchList(_exclude, name, false))
        {
            return false;
        }

        if (_include.Length == 0)
        {
            return true;
        }

        foreach (var filter in _include)
        {
            if (!filter.StartsWith('.') && filter.EndsWith("." + name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString()
    {
        if (IsRegex)
        {
            return $"regex include={RegexInclude} exclude={RegexExclude}";
        }

        return $"include=[{string.Join(',', _include)}] exclude=[{string.Join(',', _exclude)}]";
    }

    private static bool MatchList(string[] filters, string name, bool whenEmpty)
    {
        if (filters.Length == 0)
        {
            return whenEmpty;
        }

        foreach (var filter in filters)
        {
            if (filter.StartsWith('.'))
            {
                if (name.EndsWith(filter, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (DnsNames.IsInZone(name, filter))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Prepare(IEnumerable<string>? filters)
    {
        if (filters is null)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var f in filters)
        {
            var trimmed = f?.Trim() ?? string.Empty;
            if (trimmed.Length == 0)
            {
                continue;
            }

            var leadingDot = trimmed.StartsWith('.');
            var normalized = DnsNames.Normalize(leadingDot ? trimmed[1..] : trimmed);
            if (normalized.Length > 0)
            {
                list.Add(leadingDot ? "." + normalized : normalized);
            }
        }

        return [.. list];
    }
}
