namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>Polls a condition (bounded real time), optionally moving a fake clock forward between polls.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string what, FakeTimeProvider? time = null, TimeSpan? step = null) =>
        TrueAsync(condition, what, TimeSpan.FromSeconds(10), time, step);

    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan timeout, FakeTimeProvider? time = null, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not reached: " + what);
            }

            if (time is not null)
            {
                time.Advance(step ?? TimeSpan.FromMilliseconds(100));
            }

            await Task.Delay(2);
        }
    }
}
