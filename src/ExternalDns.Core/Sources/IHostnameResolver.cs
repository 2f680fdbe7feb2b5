using System.Net;

namespace ExternalDns.Core.Sources;

/// <summary>Resolves a host name to its IPv4 and IPv6 addresses (<c>--resolve-service-load-balancer-hostname</c>).</summary>
public interface IHostnameResolver
{
    /// <summary>
    /// The addresses of <paramref name="hostname"/>; empty when the name has none. Throws when the name cannot be resolved
    /// now (no answer, a server failure): the caller keeps the records of the resource that asked.
    /// </summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostname, CancellationToken cancellationToken);
}
