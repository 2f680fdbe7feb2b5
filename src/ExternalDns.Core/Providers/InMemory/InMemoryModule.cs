using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers.Modules;

namespace ExternalDns.Core.Providers.InMemory;

/// <summary><c>--provider=inmemory</c>: records kept in memory, for previews and tests.</summary>
public sealed class InMemoryModule : ProviderModule<InMemoryProviderOptions>
{
    public override IReadOnlyList<string> Names { get; } = ["inmemory"];

    public override string FlagGroup => "In-memory provider";

    public override string Summary => "records kept in memory; for previews and tests";

    /// <summary>A create over an existing record, or an update or delete of a record that differs, is refused.</summary>
    public override bool WritesAreConditional => true;

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("inmemory-zone", FlagKind.List, "Provide a list of pre-configured zones for the inmemory provider; specify multiple times for multiple zones (optional)"),
    ];

    public override InMemoryProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var zones = flags.List("inmemory-zone").Where(z => !string.IsNullOrWhiteSpace(z)).ToList();
        if (zones.Count == 0)
        {
            throw new FlagException("--inmemory-zone is required with --provider=inmemory (the zones the in-memory provider holds)");
        }

        return new InMemoryProviderOptions { Zones = zones };
    }

    public override IDnsProvider Create(InMemoryProviderOptions options, ProviderContext context) => new InMemoryProvider(options);
}
