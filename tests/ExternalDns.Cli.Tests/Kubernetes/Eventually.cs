using System.Diagnostics;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>Bounded polling: waits until a condition holds or fails the test with a description of what was awaited.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls <paramref name="condition"/> until it is true; returns how long that took. Fails the test after
    /// <paramref name="timeout"/> with <paramref name="describe"/>'s text (evaluated only then).</summary>
    public static Task<TimeSpan> WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, TimeSpan? poll = null) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, describe, poll);

    public static async Task<TimeSpan> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, TimeSpan? poll = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"not within {timeout.TotalSeconds:0.#} s: {describe()}");
            }

            await Task.Delay(poll ?? DefaultPoll);
        }
    }
}
