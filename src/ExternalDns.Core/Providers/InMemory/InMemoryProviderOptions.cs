namespace ExternalDns.Core.Providers.InMemory;

/// <summary>Options of the in-memory provider (<c>--provider=inmemory</c>).</summary>
public sealed class InMemoryProviderOptions
{
    /// <summary><c>--inmemory-zone</c> (repeatable): the zones the provider holds, empty at start.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [];
}
