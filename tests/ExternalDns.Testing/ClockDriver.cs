namespace ExternalDns.Testing;

/// <summary>
/// Runs a task on a <see cref="FakeTimeProvider"/>: whenever a timer is scheduled, moves the clock to it, recording the
/// wait. Suits code whose only timers are the waits under test (backoff, pauses, timeouts of calls that hang).
/// </summary>
public static class ClockDriver
{
    public static async Task DriveAsync(this FakeTimeProvider time, Task task, List<TimeSpan>? waits = null) =>
        await DriveAsync(time, WithResult(task), waits).ConfigureAwait(false);

    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Task<T> task, List<TimeSpan>? waits = null)
    {
        var guard = DateTime.UtcNow + TimeSpan.FromSeconds(30); // real time: a test that hangs fails instead
        while (!task.IsCompleted)
        {
            if (time.NextTimerDue is { } due)
            {
                var by = due - time.GetUtcNow();
                by = by < TimeSpan.Zero ? TimeSpan.Zero : by;
                waits?.Add(by);
                time.Advance(by);
            }
            else
            {
                await Task.WhenAny(task, Task.Delay(2)).ConfigureAwait(false);
            }

            if (DateTime.UtcNow > guard)
            {
                throw new TimeoutException("the task neither finished nor scheduled a timer within 30 s");
            }
        }

        return await task.ConfigureAwait(false);
    }

    private static async Task<bool> WithResult(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
