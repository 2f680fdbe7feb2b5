using ExternalDns.Providers.Rfc2136;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>Which --rfc2136-host each attempt goes to (upstream's getNextNameserverFor and its tests).</summary>
public sealed class Rfc2136LoadBalancerTests
{
    /// <summary>Runs one operation: each attempt in <paramref name="failing"/> fails; returns the hosts tried in order.</summary>
    private static List<int> Run(Rfc2136LoadBalancer balancer, Rfc2136Operation operation, params int[] failing)
    {
        var tried = new List<int>();
        var attempts = balancer.Begin(operation);
        while (attempts.TryNext(out var index))
        {
            tried.Add(index);
            if (!failing.Contains(index))
            {
                break;
            }

            attempts.Failed();
        }

        return tried;
    }

    [Fact]
    public void Disabled_uses_the_first_host_until_it_fails_then_stays_on_the_next()
    {
        var balancer = new Rfc2136LoadBalancer(3, Rfc2136LoadBalancingStrategy.Disabled);
        Assert.Equal([0], Run(balancer, Rfc2136Operation.Update));
        Assert.Equal([0], Run(balancer, Rfc2136Operation.Update));
        Assert.Equal([0, 1], Run(balancer, Rfc2136Operation.Update, failing: 0));
        Assert.Equal([1], Run(balancer, Rfc2136Operation.Update));
        Assert.Equal([1, 2, 0], Run(balancer, Rfc2136Operation.Update, failing: [1, 2]));
        Assert.Equal([0], Run(balancer, Rfc2136Operation.Update));
    }

    [Fact]
    public void Every_host_is_tried_once_when_all_fail()
    {
        foreach (var strategy in Enum.GetValues<Rfc2136LoadBalancingStrategy>())
        {
            var balancer = new Rfc2136LoadBalancer(3, strategy, new Random(7));
            var tried = Run(balancer, Rfc2136Operation.Transfer, failing: [0, 1, 2]);
            Assert.Equal([0, 1, 2], tried.Order());
        }
    }

    [Fact]
    public void Round_robin_moves_on_with_every_attempt()
    {
        var balancer = new Rfc2136LoadBalancer(3, Rfc2136LoadBalancingStrategy.RoundRobin);
        Assert.Equal([0], Run(balancer, Rfc2136Operation.Update));
        Assert.Equal([1], Run(balancer, Rfc2136Operation.Update));
        Assert.Equal([2], Run(balancer, Rfc2136Operation.Update));
        Assert.Equal([0], Run(balancer, Rfc2136Operation.Update));
        Assert.Equal([1, 2], Run(balancer, Rfc2136Operation.Update, failing: 1));
        Assert.Equal([0], Run(balancer, Rfc2136Operation.Update));
    }

    [Fact]
    public void Transfers_and_updates_rotate_and_fail_over_independently()
    {
        // upstream TestGetNextNameserverListAndSendCountersAreIndependent
        var robin = new Rfc2136LoadBalancer(3, Rfc2136LoadBalancingStrategy.RoundRobin);
        Assert.Equal([0], Run(robin, Rfc2136Operation.Transfer));
        Assert.Equal([1], Run(robin, Rfc2136Operation.Transfer));
        Assert.Equal([0], Run(robin, Rfc2136Operation.Update));
        Assert.Equal([1], Run(robin, Rfc2136Operation.Update));
        Assert.Equal([2], Run(robin, Rfc2136Operation.Transfer));
        Assert.Equal([2], Run(robin, Rfc2136Operation.Update));

        // upstream TestGetNextNameserverListAndSendLastErrAreIndependent: a failed transfer does not move the updates
        var failover = new Rfc2136LoadBalancer(3, Rfc2136LoadBalancingStrategy.Disabled);
        Assert.Equal([0, 1], Run(failover, Rfc2136Operation.Transfer, failing: 0));
        Assert.Equal([0], Run(failover, Rfc2136Operation.Update));
        Assert.Equal([1], Run(failover, Rfc2136Operation.Transfer));
    }

    [Fact]
    public void Random_spreads_over_every_host_and_never_starts_where_the_previous_operation_started()
    {
        var balancer = new Rfc2136LoadBalancer(3, Rfc2136LoadBalancingStrategy.Random, new Random(12345));
        var firsts = new List<int>();
        for (var i = 0; i < 300; i++)
        {
            firsts.Add(Run(balancer, Rfc2136Operation.Update)[0]);
        }

        Assert.Equal([0, 1, 2], firsts.Distinct().Order()); // upstream never picks the first host in random mode
        for (var i = 1; i < firsts.Count; i++)
        {
            Assert.NotEqual(firsts[i - 1], firsts[i]);
        }

        var tried = Run(balancer, Rfc2136Operation.Update, failing: [0, 1]);
        Assert.Equal(tried.Count, tried.Distinct().Count());
    }

    [Fact]
    public void One_host_is_always_that_host()
    {
        foreach (var strategy in Enum.GetValues<Rfc2136LoadBalancingStrategy>())
        {
            var balancer = new Rfc2136LoadBalancer(1, strategy);
            Assert.Equal([0], Run(balancer, Rfc2136Operation.Update, failing: 0));
            Assert.Equal([0], Run(balancer, Rfc2136Operation.Update));
        }
    }
}
