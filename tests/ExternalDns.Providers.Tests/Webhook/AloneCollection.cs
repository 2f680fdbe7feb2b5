namespace ExternalDns.Providers.Tests.Webhook;

/// <summary>Tests that measure process-wide quantities (allocations) and must not run in parallel with any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "webhook-alone";
}
