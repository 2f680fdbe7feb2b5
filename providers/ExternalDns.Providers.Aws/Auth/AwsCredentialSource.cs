using Amazon.Runtime;

namespace ExternalDns.Providers.Aws.Auth;

/// <summary>Resolved credentials and where they came from (for messages: never a key or secret).</summary>
public sealed record AwsCredentialSource(AWSCredentials Credentials, string Description);
