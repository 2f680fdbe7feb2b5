namespace ExternalDns.Dns.Tests;

/// <summary>A clock that stands still (TSIG tests).</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
