namespace ExternalDns.Benchmarks.Providers;

/// <summary>One timed phase (all creates, or all deletes) of one run: wall time and what went over the wire.</summary>
/// <param name="Elapsed">Wall time of the phase, verification excluded.</param>
/// <param name="Messages">DNS UPDATE messages or HTTP requests sent during the phase.</param>
/// <param name="Detail">How <paramref name="Messages"/> breaks down (for the report), e.g. "1 GET + 1 PATCH".</param>
internal sealed record PhaseResult(TimeSpan Elapsed, long Messages, string Detail);
