namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>
/// A TimeProvider whose timers fire at once (so retry backoff takes no time) and which records every delay asked
/// for; its clock stands still unless advanced.
/// </summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (Delays)
        {
            Delays.Add(dueTime);
        }

        var timer = new ImmediateTimer();
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return timer;
    }

    private sealed class ImmediateTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
