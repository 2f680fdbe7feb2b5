namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>Polls a condition (bounded real time), optionally moving a fake clock forward between polls.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, FakeTimeProvider? time = null, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
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
