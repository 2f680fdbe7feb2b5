namespace ExternalDns.Providers.Rfc2136;

/// <summary><c>--rfc2136-load-balancing-strategy</c>: how the <c>--rfc2136-host</c> servers share the work.</summary>
public enum Rfc2136LoadBalancingStrategy
{
    /// <summary><c>disabled</c> (default): the hosts in order, as failover: the host that last worked is used until it fails.</summary>
    Disabled,

    /// <summary><c>round-robin</c>: each attempt goes to the next host.</summary>
    RoundRobin,

    /// <summary><c>random</c>: a random host, never the one used just before.</summary>
    Random,
}
