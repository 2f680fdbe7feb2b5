using ExternalDns.Core.Configuration;

namespace ExternalDns.Core.Providers.Modules;

/// <summary>
/// Everything the executable needs to know about one provider (upstream's provider factory entry, typed): its names,
/// its flags and how to build it. The flag catalog, <c>--help</c>, the README flag reference and the "available
/// providers" message are generated from the list of modules; the composer looks a module up by name.
/// </summary>
public interface IProviderModule
{
    /// <summary>The names <c>--provider</c> accepts: the canonical name first, then aliases (<c>azure-dns</c>).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The heading of this provider's flags in <c>--help</c> and the README ("AWS provider").</summary>
    string FlagGroup { get; }

    /// <summary>One line for the README's providers table.</summary>
    string Summary { get; }

    /// <summary>
    /// True when every write is conditional on the state the plan assumed, so the provider refuses instead of
    /// overwriting: a create fails when the record exists, an update or delete fails when the record is not what was
    /// read. Only such providers get event-driven passes that plan from the last full read (see
    /// <c>Controller.IncrementalPlanning</c>); the others read all records before every pass. Such a provider must also
    /// adjust each endpoint on its own (<see cref="IDnsProvider.AdjustEndpoints"/> of a subset gives the same endpoints as
    /// the full list restricted to that subset): an incremental pass adjusts only the names it plans.
    /// </summary>
    bool WritesAreConditional { get; }

    /// <summary>This provider's own flags (their group is <see cref="FlagGroup"/>); general flags live in the core catalog.</summary>
    IReadOnlyList<FlagDefinition> Flags { get; }

    /// <summary>
    /// Maps the flags onto the provider's options, validates them once and builds the provider. Throws
    /// <see cref="FlagException"/> (a flag's value is unusable) or <see cref="ProviderConfigurationException"/> (a
    /// credential, file or setting outside the command line is), each naming what is wrong and never a secret.
    /// </summary>
    /// <param name="name">The name the user gave (<see cref="Names"/> contains it): some modules build a variant per name.</param>
    /// <param name="flags">The parsed flags.</param>
    /// <param name="context">What every provider gets from the host.</param>
    IDnsProvider Create(string name, IFlagValues flags, ProviderContext context);
}
