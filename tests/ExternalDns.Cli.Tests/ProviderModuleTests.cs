using ExternalDns.Cli;
using ExternalDns.Composition;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Controller;

namespace ExternalDns.Cli.Tests;

/// <summary>The flag catalog, --help and the provider names are built from the provider modules, and stay consistent.</summary>
public class ProviderModuleTests
{
    [Fact]
    public void Every_module_flag_is_in_the_catalog_under_its_module_group()
    {
        foreach (var module in ProviderModules.All)
        {
            Assert.Contains(module.FlagGroup, FlagCatalog.Groups);
            foreach (var flag in module.Flags)
            {
                Assert.Same(flag.Name, FlagCatalog.Find(flag.Name)?.Name);
                Assert.Equal(module.FlagGroup, flag.Group);
            }
        }
    }

    [Fact]
    public void Flag_names_and_provider_names_are_unique()
    {
        var flags = FlagCatalog.All.Select(f => f.Name).ToList();
        Assert.Equal(flags.Count, flags.Distinct(StringComparer.Ordinal).Count());
        var names = ProviderModules.All.SelectMany(m => m.Names).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProviderModules.All, m => Assert.NotEmpty(m.Names));
    }

    [Fact]
    public void Every_module_flag_of_a_provider_starts_with_its_name_or_is_an_alias()
    {
        // Upstream's convention: a provider's flags carry its prefix (--aws-…, --rfc2136-…); general flags such as
        // --zone-id-filter live in the core groups. This keeps two modules from ever claiming one flag.
        foreach (var module in ProviderModules.All)
        {
            foreach (var flag in module.Flags)
            {
                Assert.True(
                    module.Names.Any(n => flag.Name.StartsWith(n.Split('-')[0], StringComparison.Ordinal)),
                    $"--{flag.Name} of {module.Names[0]} does not carry the provider's prefix");
            }
        }
    }

    [Fact]
    public void Aliases_resolve_to_their_module_and_unknown_names_to_none()
    {
        foreach (var module in ProviderModules.All)
        {
            foreach (var name in module.Names)
            {
                Assert.Same(module, ProviderModules.Find(name));
            }
        }

        Assert.Null(ProviderModules.Find("no-such-provider"));
    }

    [Fact]
    public void Provider_flag_help_and_available_list_come_from_the_modules()
    {
        var help = HelpWriter.Help();
        foreach (var module in ProviderModules.All)
        {
            Assert.Contains(module.FlagGroup + ":", help, StringComparison.Ordinal);
        }

        var providerFlag = FlagCatalog.Find("provider")!;
        Assert.All(ProviderModules.Names, n => Assert.Contains(n, providerFlag.Help, StringComparison.Ordinal));
    }

    [Fact]
    public void A_module_rejects_its_own_bad_flags_with_a_flag_exception()
    {
        var flags = FlagParser.Parse(["--provider=inmemory", "--source=manifest", "--manifest-path=x", "--policy=sync"], _ => null);
        var ex = Assert.Throws<FlagException>(() => AppComposer.Provider(flags, _ => null, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System, new Core.Providers.Http.ProviderHttpFactory(new Core.Metrics.MetricRegistry(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)));
        Assert.Contains("--inmemory-zone is required", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("txt", "inmemory", true)]
    [InlineData("txt", "google", true)]
    [InlineData("noop", "azure", true)]
    [InlineData("txt", "azure-private-dns", true)]
    [InlineData("txt", "rfc2136", false)]
    [InlineData("txt", "pdns", false)]
    [InlineData("txt", "aws", false)]
    [InlineData("txt", "cloudflare", false)]
    [InlineData("txt", "webhook", false)]
    [InlineData("crd", "inmemory", false)]
    public void Only_providers_that_refuse_to_overwrite_get_incremental_event_passes(string registry, string provider, bool expected) =>
        Assert.Equal(expected, IncrementalPlanning.Supported(registry, ProviderModules.Find(provider)!));
}
