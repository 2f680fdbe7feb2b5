using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Aws.Auth;

/// <summary>
/// The credential chain, in the order the AWS SDKs use, with every environment variable read through the injected
/// lookup: an explicit profile (<c>--aws-profile</c>); <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>
/// (+<c>AWS_SESSION_TOKEN</c>); web identity (IRSA: <c>AWS_WEB_IDENTITY_TOKEN_FILE</c> + <c>AWS_ROLE_ARN</c>); the
/// <c>AWS_PROFILE</c> or default profile of the shared files; container credentials (EKS Pod Identity and ECS:
/// <c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>/<c>_RELATIVE_URI</c>); the EC2 instance metadata service unless
/// <c>AWS_EC2_METADATA_DISABLED=true</c>. <c>--aws-assume-role</c> (with <c>--aws-assume-role-external-id</c>) then
/// assumes that role through STS with the credentials found. The credential classes are AWSSDK.Core's.
/// </summary>
public static class AwsCredentialResolver
{
    public static AwsCredentialSource Resolve(string? profile, string? assumeRole, string? assumeRoleExternalId, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var source = ResolveBase(profile, environment);
        if (string.IsNullOrEmpty(assumeRole))
        {
            return source;
        }

        var options = new AssumeRoleAWSCredentialsOptions();
        if (!string.IsNullOrEmpty(assumeRoleExternalId))
        {
            options.ExternalId = assumeRoleExternalId;
        }

        return new AwsCredentialSource(
            new AssumeRoleAWSCredentials(source.Credentials, assumeRole, "external-dns", options),
            $"role {assumeRole} (--aws-assume-role{(string.IsNullOrEmpty(assumeRoleExternalId) ? string.Empty : " with --aws-assume-role-external-id")}) assumed with {source.Description}");
    }

    private static AwsCredentialSource ResolveBase(string? profile, Func<string, string?> environment)
    {
        string? Env(string name) => environment(name) is { Length: > 0 } v ? v : null;

        if (!string.IsNullOrEmpty(profile))
        {
            return FromProfile(profile, "--aws-profile", environment)
                ?? throw new ProviderConfigurationException($"AWS profile \"{profile}\" (--aws-profile) was not found, or has no credentials, in {CredentialsFile(environment)} or the shared config file");
        }

        var keyId = Env("AWS_ACCESS_KEY_ID");
        var secret = Env("AWS_SECRET_ACCESS_KEY");
        if (keyId is not null || secret is not null)
        {
            if (keyId is null || secret is null)
            {
                throw new ProviderConfigurationException(keyId is null
                    ? "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both, or neither"
                    : "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither");
            }

            var token = Env("AWS_SESSION_TOKEN");
            return new AwsCredentialSource(
                token is null ? new BasicAWSCredentials(keyId, secret) : new SessionAWSCredentials(keyId, secret, token),
                "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY" + (token is null ? ")" : ", AWS_SESSION_TOKEN)"));
        }

        var tokenFile = Env("AWS_WEB_IDENTITY_TOKEN_FILE");
        var roleArn = Env("AWS_ROLE_ARN");
        if (tokenFile is not null || roleArn is not null)
        {
            if (tokenFile is null || roleArn is null)
            {
                throw new ProviderConfigurationException(tokenFile is null
                    ? "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not (IRSA needs both)"
                    : "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not (IRSA needs both)");
            }

            return new AwsCredentialSource(
                new AssumeRoleWithWebIdentityCredentials(tokenFile, roleArn, Env("AWS_ROLE_SESSION_NAME") ?? "external-dns"),
                $"web identity (IRSA: AWS_WEB_IDENTITY_TOKEN_FILE, role {roleArn})");
        }

        var envProfile = Env("AWS_PROFILE");
        if (FromProfile(envProfile ?? "default", envProfile is null ? null : "AWS_PROFILE", environment) is { } shared)
        {
            return shared;
        }

        if (envProfile is not null)
        {
            throw new ProviderConfigurationException($"AWS profile \"{envProfile}\" (AWS_PROFILE) was not found, or has no credentials, in {CredentialsFile(environment)} or the shared config file");
        }

        if (Env("AWS_CONTAINER_CREDENTIALS_FULL_URI") is not null || Env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is not null)
        {
            return new AwsCredentialSource(new DeferredCredentials(() => new GenericContainerCredentials()), "container credentials (EKS Pod Identity or ECS: AWS_CONTAINER_CREDENTIALS_*_URI)");
        }

        if (!string.Equals(Env("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new AwsCredentialSource(new InstanceProfileAWSCredentials(), "the EC2 instance metadata service (instance profile)");
        }

        throw new ProviderConfigurationException(
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, name a profile with --aws-profile or AWS_PROFILE, "
            + "or use IRSA (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE) or EKS Pod Identity (AWS_CONTAINER_CREDENTIALS_FULL_URI); "
            + "the EC2 instance metadata service is disabled (AWS_EC2_METADATA_DISABLED=true)");
    }

    private static AwsCredentialSource? FromProfile(string profile, string? setBy, Func<string, string?> environment)
    {
        var file = environment("AWS_SHARED_CREDENTIALS_FILE");
        var chain = string.IsNullOrEmpty(file) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(file);
        if (!chain.TryGetAWSCredentials(profile, out var credentials))
        {
            return null;
        }

        return new AwsCredentialSource(credentials, $"profile \"{profile}\"{(setBy is null ? string.Empty : $" ({setBy})")}");
    }

    private static string CredentialsFile(Func<string, string?> environment) =>
        environment("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } f ? f : "~/.aws/credentials";
}
