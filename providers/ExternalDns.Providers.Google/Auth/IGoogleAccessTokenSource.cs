namespace ExternalDns.Providers.Google.Auth;

/// <summary>Access tokens for the Cloud DNS API. Implementations never put a token or a key in a message.</summary>
public interface IGoogleAccessTokenSource
{
    /// <summary>What the credentials are, for error messages ("service account x@p.iam.gserviceaccount.com from
    /// GOOGLE_APPLICATION_CREDENTIALS=/path"); never a secret.</summary>
    string Description { get; }

    /// <summary>A valid bearer token (cached until shortly before it expires). Throws
    /// <see cref="Core.Providers.ProviderConfigurationException"/> when there are no usable credentials,
    /// <see cref="Core.Providers.ProviderTransientException"/> when the token endpoint fails transiently.</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>Drops the cached token (the API answered 401), so the next call fetches a new one.</summary>
    void Invalidate();
}
