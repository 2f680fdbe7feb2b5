using Amazon.Runtime;

namespace ExternalDns.Providers.Aws.Auth;

/// <summary>
/// Builds the wrapped credentials on first use. For AWSSDK.Core classes that read their settings from the process
/// environment in their constructor (container credentials read AWS_CONTAINER_CREDENTIALS_*): the chain chooses them
/// from the injected environment, and they are built only when a request needs them.
/// </summary>
internal sealed class DeferredCredentials(Func<AWSCredentials> create) : AWSCredentials
{
    private readonly Lazy<AWSCredentials> _inner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public override ImmutableCredentials GetCredentials() => _inner.Value.GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => _inner.Value.GetCredentialsAsync();
}
