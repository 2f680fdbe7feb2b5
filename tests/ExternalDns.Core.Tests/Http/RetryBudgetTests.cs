using ExternalDns.Core.Providers.Http;

namespace ExternalDns.Core.Tests.Http;

public sealed class RetryBudgetTests
{
    [Fact]
    public void Counts_retries_and_waiting_and_refuses_what_does_not_fit()
    {
        var budget = new RetryBudget(3, TimeSpan.FromSeconds(10));
        Assert.True(budget.TryConsume(TimeSpan.FromSeconds(4)));
        Assert.True(budget.TryConsume(TimeSpan.FromSeconds(6)));
        Assert.False(budget.TryConsume(TimeSpan.FromMilliseconds(1))); // 10 s used
        Assert.True(budget.TryConsume(TimeSpan.Zero));
        Assert.False(budget.TryConsume(TimeSpan.Zero)); // 3 retries used
        Assert.Equal(3, budget.RetriesUsed);
        Assert.Equal(TimeSpan.FromSeconds(10), budget.WaitUsed);

        budget.Reset();
        Assert.Equal(0, budget.RetriesUsed);
        Assert.Equal(TimeSpan.Zero, budget.WaitUsed);
        Assert.True(budget.TryConsume(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_refused_retry_takes_nothing()
    {
        var budget = new RetryBudget(5, TimeSpan.FromSeconds(1));
        Assert.False(budget.TryConsume(TimeSpan.FromSeconds(2)));
        Assert.Equal(0, budget.RetriesUsed);
        Assert.Equal(TimeSpan.Zero, budget.WaitUsed);
    }

    [Fact]
    public void Concurrent_consumers_never_exceed_the_budget()
    {
        var budget = new RetryBudget(1000, TimeSpan.FromSeconds(500));
        var granted = 0;
        Parallel.For(0, 5000, _ =>
        {
            if (budget.TryConsume(TimeSpan.FromMilliseconds(700)))
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(714, granted); // 714 × 0.7 s = 499.8 s
        Assert.Equal(714, budget.RetriesUsed);
    }

    [Fact]
    public void Negative_limits_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBudget(-1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryBudget(1, TimeSpan.FromSeconds(-1)));
    }
}
