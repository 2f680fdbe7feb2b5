namespace ExternalDns.Core.Providers.Batching;

/// <summary>What one item weighs against <see cref="BatchLimits"/>: changes (count), bytes (of the request) and values (record values).</summary>
/// <param name="Changes">Changes the item counts as (usually 1).</param>
/// <param name="Bytes">Bytes it adds to the request body (an estimate is fine when the limit has slack).</param>
/// <param name="Values">Record values (targets) it carries.</param>
public readonly record struct BatchCost(int Changes, int Bytes, int Values);
