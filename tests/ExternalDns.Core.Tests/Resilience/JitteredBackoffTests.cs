using ExternalDns.Core.Resilience;

namespace ExternalDns.Core.Tests.Resilience;

public sealed class JitteredBackoffTests
{
    private static readonly TimeSpan Ms100 = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Doubles_up_to_the_maximum_without_jitter()
    {
        var backoff = new JitteredBackoff(Ms100, TimeSpan.FromMilliseconds(500), () => 0);
        var delays = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalMilliseconds).ToArray();
        Assert.Equal([100.0, 200, 400, 500, 500, 500], delays);
    }

    [Fact]
    public void Jitter_adds_up_to_the_whole_base()
    {
        var backoff = new JitteredBackoff(Ms100, TimeSpan.FromSeconds(10), () => 0.5);
        Assert.Equal(150, backoff.Next().TotalMilliseconds);
        Assert.Equal(300, backoff.Next().TotalMilliseconds);
    }

    [Fact]
    public void Random_jitter_stays_between_one_and_two_times_the_base()
    {
        var backoff = new JitteredBackoff(Ms100, Ms100);
        for (var i = 0; i < 1000; i++)
        {
            var d = backoff.Next();
            Assert.InRange(d, Ms100, Ms100 * 2);
        }
    }

    [Fact]
    public void Reset_starts_from_the_initial_delay()
    {
        var backoff = new JitteredBackoff(Ms100, TimeSpan.FromSeconds(10), () => 0);
        backoff.Next();
        backoff.Next();
        backoff.Reset();
        Assert.Equal(Ms100, backoff.Next());
    }

    [Fact]
    public void Large_maximum_does_not_overflow()
    {
        var backoff = new JitteredBackoff(TimeSpan.FromDays(1), TimeSpan.MaxValue, () => 0.99);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(backoff.Next() > TimeSpan.Zero);
        }
    }
}
