using ExternalDns.Core.Configuration;

namespace ExternalDns.Core.Providers.Modules;

/// <summary>
/// A provider module with a typed options object: <see cref="Bind"/> maps the flags onto <typeparamref name="TOptions"/>
/// and validates them (the only place they are validated), <see cref="Create(TOptions, ProviderContext)"/> builds the provider.
/// </summary>
/// <typeparam name="TOptions">The provider's own options class.</typeparam>
public abstract class ProviderModule<TOptions> : IProviderModule
    where TOptions : class
{
    public abstract IReadOnlyList<string> Names { get; }

    public abstract string FlagGroup { get; }

    public abstract string Summary { get; }

    public abstract IReadOnlyList<FlagDefinition> Flags { get; }

    public virtual bool WritesAreConditional => false;

    /// <summary>Maps flags onto options and validates them; throws <see cref="FlagException"/> naming the flag.</summary>
    public abstract TOptions Bind(string name, IFlagValues flags, ProviderContext context);

    /// <summary>Builds the provider from validated options.</summary>
    public abstract IDnsProvider Create(TOptions options, ProviderContext context);

    public IDnsProvider Create(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Create(Bind(name, flags, context), context);
    }

    /// <summary>A flag row of this module's group.</summary>
    protected FlagDefinition Flag(string name, FlagKind kind, string help) => new(name, FlagGroup, kind, help);
}
