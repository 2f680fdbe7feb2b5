using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Providers.Aws;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Providers.Azure;
using ExternalDns.Providers.Google;
using ExternalDns.Providers.PowerDns;
using ExternalDns.Providers.Rfc2136;
using ExternalDns.Providers.Webhook;

namespace ExternalDns.Composition;

/// <summary>
/// The providers this build contains, one module each. Adding a provider is its folder, one line here, the solution
/// and the executable's project reference: the flag catalog, <c>--help</c>, the README flag reference and the
/// "available providers" message are all built from this list.
/// </summary>
public static class ProviderModules
{
    public static IReadOnlyList<IProviderModule> All { get; } =
    [
        new AwsModule(),
        new InMemoryModule(),
        new AzureModule(),
        new ExternalDns.Providers.Cloudflare.CloudflareModule(),
        new GoogleModule(),
        new PowerDnsModule(),
        new Rfc2136Module(),
        new WebhookModule(),
    ];

    /// <summary>Every name <c>--provider</c> accepts (aliases included), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.SelectMany(m => m.Names).Order(StringComparer.Ordinal)];

    /// <summary>The module that serves <paramref name="name"/>, or null.</summary>
    public static IProviderModule? Find(string name) => All.FirstOrDefault(m => m.Names.Contains(name, StringComparer.Ordinal));
}
