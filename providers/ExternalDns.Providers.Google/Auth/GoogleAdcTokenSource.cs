using System.Net;
using ExternalDns.Core.Providers;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Google.Auth;

/// <summary>
/// Application Default Credentials in Google's order, resolved on first use:
/// <list type="number">
/// <item><c>GOOGLE_APPLICATION_CREDENTIALS</c>: a service account key (its <c>token_uri</c> honoured), an
/// <c>external_account</c> file (workload identity federation), user or impersonation credentials;</item>
/// <item>gcloud's application default credentials file (<c>$CLOUDSDK_CONFIG</c> or <c>~/.config/gcloud</c>);</item>
/// <item>the metadata server's default service account (GCE, GKE workload identity; <c>GCE_METADATA_HOST</c> honoured).</item>
/// </list>
/// Tokens come from Google.Apis.Auth with the Cloud DNS read-write scope. Environment variables are read only through
/// the injected lookup. No token, key or secret ever reaches a message.
/// </summary>
public sealed class GoogleAdcTokenSource : IGoogleAccessTokenSource, IDisposable
{
    public const string CredentialsVariable = "GOOGLE_APPLICATION_CREDENTIALS";
    public const string Scope = "https://www.googleapis.com/auth/ndev.clouddns.readwrite";

    private readonly Func<string, string?> _environment;
    private readonly Func<HttpMessageHandler> _handler;
    private readonly GoogleMetadataServer _metadata;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Func<GoogleCredential>? _factory;
    private GoogleCredential? _credential;
    private string _description = "Google application default credentials";
    private bool _isMetadata;
    private bool _metadataAnswered;

    /// <param name="environment">Environment lookup (the provider context's).</param>
    /// <param name="handler">Builds the handler Google's library sends token requests of key files through (the shared stack).</param>
    /// <param name="metadata">The metadata server (for its token URL when no file is found).</param>
    /// <param name="logger">Logger.</param>
    public GoogleAdcTokenSource(Func<string, string?> environment, Func<HttpMessageHandler> handler, GoogleMetadataServer metadata, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(logger);
        _environment = environment;
        _handler = handler;
        _metadata = metadata;
        _logger = logger;
    }

    public string Description => _description;

    /// <summary>True once the credentials came from the metadata server.</summary>
    public bool UsesMetadataServer => _isMetadata;

    /// <summary>Finds and checks the credentials now (a file named by the environment must exist and be well formed);
    /// idempotent. Throws <see cref="ProviderConfigurationException"/> naming the file and field.</summary>
    public void Resolve()
    {
        if (_factory is not null)
        {
            return;
        }

        var path = _environment(CredentialsVariable);
        GoogleCredentialFile? file = null;
        if (!string.IsNullOrWhiteSpace(path))
        {
            file = GoogleCredentialFile.Load(path.Trim(), CredentialsVariable);
        }
        else if (WellKnownFile() is { } wellKnown && File.Exists(wellKnown))
        {
            file = GoogleCredentialFile.Load(wellKnown, "gcloud application default credentials");
        }

        if (file is not null)
        {
            _description = file.Description;
            _factory = () => FromFile(file);
            GoogleLog.CredentialsFrom(_logger, file.Description);
        }
        else
        {
            _isMetadata = true;
            _description = $"the default service account of the GCE metadata server at {_metadata.Host}";
            _factory = () => new ComputeCredential(new ComputeCredential.Initializer(_metadata.TokenUrl, _metadata.IdentityUrl)
            {
                HttpClientFactory = new GoogleHttpClientFactory(_metadata.CreateHandler),
            }).ToGoogleCredential();
            GoogleLog.CredentialsFrom(_logger, _description);
        }
    }

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var credential = _credential;
        if (credential is null)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Resolve();
                credential = _credential ??= _factory!();
            }
            finally
            {
                _gate.Release();
            }
        }

        try
        {
            var token = await ((ITokenAccess)credential).GetAccessTokenForRequestAsync(null, cancellationToken).ConfigureAwait(false);
            _metadataAnswered = true;
            return token;
        }
        catch (TokenResponseException ex)
        {
            var status = ex.StatusCode;
            var what = $"{ex.Error?.Error ?? "error"}{(string.IsNullOrEmpty(ex.Error?.ErrorDescription) ? string.Empty : ": " + ex.Error.ErrorDescription)}";
            if (status is null || status == HttpStatusCode.TooManyRequests || (int)status >= 500)
            {
                throw new ProviderTransientException($"Google token endpoint failed for {_description} (HTTP {(int?)status}: {what})", ex);
            }

            throw new ProviderConfigurationException($"Google token endpoint refused {_description} (HTTP {(int)status}: {what})", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (_isMetadata && !_metadataAnswered)
            {
                throw new ProviderConfigurationException(
                    $"no Google credentials: {CredentialsVariable} is not set, there is no gcloud application default credentials file ({WellKnownFile() ?? "~/.config/gcloud/application_default_credentials.json"}), " +
                    $"and the GCE metadata server at {_metadata.Host} did not answer ({ex.Message}); outside GCP, set {CredentialsVariable} to a service account key file", ex);
            }

            throw new ProviderTransientException($"Google access token for {_description} could not be fetched: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Workload identity federation: the subject token file is missing or unreadable; a credential the library cannot use.
            throw new ProviderConfigurationException($"Google credentials ({_description}) are not usable: {ex.Message}", ex);
        }
    }

    public void Invalidate()
    {
        if (_factory is not null)
        {
            _credential = _factory();
        }
    }

    public void Dispose() => _gate.Dispose();

    private GoogleCredential FromFile(GoogleCredentialFile file)
    {
        GoogleCredential credential;
        try
        {
            credential = file.Type switch
            {
                GoogleCredentialFile.ServiceAccount => CredentialFactory.FromJson<ServiceAccountCredential>(file.Json).ToGoogleCredential(),
                GoogleCredentialFile.ExternalAccount => CredentialFactory.FromJson<ExternalAccountCredential>(file.Json) switch
                {
                    FileSourcedExternalAccountCredential f => f.ToGoogleCredential(),
                    UrlSourcedExternalAccountCredential u => u.ToGoogleCredential(),
                    AwsExternalAccountCredential a => a.ToGoogleCredential(),
                    var other => throw new InvalidOperationException($"{other.GetType().Name} is not supported"),
                },
                GoogleCredentialFile.AuthorizedUser => CredentialFactory.FromJson<UserCredential>(file.Json).ToGoogleCredential(),
                _ => CredentialFactory.FromJson<ImpersonatedCredential>(file.Json).ToGoogleCredential(),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ProviderConfigurationException($"Google credentials file {file.Path} (from {file.Origin}) is not usable as {file.Type} credentials", ex);
        }

        return credential.CreateScoped(Scope).CreateWithHttpClientFactory(new GoogleHttpClientFactory(_handler));
    }

    private string? WellKnownFile()
    {
        var config = _environment("CLOUDSDK_CONFIG");
        if (!string.IsNullOrWhiteSpace(config))
        {
            return Path.Combine(config, "application_default_credentials.json");
        }

        var home = _environment("HOME");
        return string.IsNullOrWhiteSpace(home) ? null : Path.Combine(home, ".config", "gcloud", "application_default_credentials.json");
    }
}
