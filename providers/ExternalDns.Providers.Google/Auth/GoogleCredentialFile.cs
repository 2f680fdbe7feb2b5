using System.Security.Cryptography;
using System.Text.Json;
using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Google.Auth;

/// <summary>
/// A credentials JSON file (<c>GOOGLE_APPLICATION_CREDENTIALS</c> or gcloud's application default credentials), read
/// and checked before Google's library sees it, so that a bad file gives one line naming the file and the field —
/// never a value from it. Types: <c>service_account</c> (its <c>token_uri</c> honoured), <c>external_account</c>
/// (workload identity federation), <c>authorized_user</c> (gcloud user credentials), <c>impersonated_service_account</c>.
/// </summary>
public sealed class GoogleCredentialFile
{
    public const string ServiceAccount = "service_account";
    public const string ExternalAccount = "external_account";
    public const string AuthorizedUser = "authorized_user";
    public const string ImpersonatedServiceAccount = "impersonated_service_account";

    private GoogleCredentialFile(string path, string origin, string type, string json, string? principal, string? tokenUri)
    {
        Path = path;
        Origin = origin;
        Type = type;
        Json = json;
        Principal = principal;
        TokenUri = tokenUri;
    }

    public string Path { get; }

    /// <summary>Where the path came from (<c>GOOGLE_APPLICATION_CREDENTIALS</c>, <c>gcloud application default credentials</c>).</summary>
    public string Origin { get; }

    /// <summary>The <c>type</c> field.</summary>
    public string Type { get; }

    /// <summary>The file's text, for Google's library only.</summary>
    internal string Json { get; }

    /// <summary>Who the credentials are: the service account's <c>client_email</c>, the federation <c>audience</c>, or
    /// the OAuth client id; not a secret.</summary>
    public string? Principal { get; }

    /// <summary>The token endpoint the credentials use (<c>token_uri</c> or <c>token_url</c>), when the file names one.</summary>
    public string? TokenUri { get; }

    /// <summary>For messages: "service account x@p.iam.gserviceaccount.com (GOOGLE_APPLICATION_CREDENTIALS=/path)".</summary>
    public string Description => Type switch
    {
        ServiceAccount => $"service account {Principal} ({Origin}={Path})",
        ExternalAccount => $"workload identity federation credentials for {Principal} ({Origin}={Path})",
        AuthorizedUser => $"user credentials of OAuth client {Principal} ({Origin}={Path})",
        _ => $"{Type} credentials ({Origin}={Path})",
    };

    /// <summary>Reads and checks the file; throws <see cref="ProviderConfigurationException"/> naming the file and field.</summary>
    public static GoogleCredentialFile Load(string path, string origin)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ProviderConfigurationException($"Google credentials file {path} (from {origin}) cannot be read: {ex.Message}", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            // The exception text can quote the file's content: report the position only.
            throw new ProviderConfigurationException(
                $"Google credentials file {path} (from {origin}) is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, origin, "the file is not a JSON object");
            }

            var type = RequiredString(root, "type", path, origin);
            switch (type)
            {
                case ServiceAccount:
                    var email = RequiredString(root, "client_email", path, origin);
                    var key = RequiredString(root, "private_key", path, origin);
                    CheckPrivateKey(key, path, origin);
                    var tokenUri = OptionalUrl(root, "token_uri", path, origin);
                    return new GoogleCredentialFile(path, origin, type, json, email, tokenUri);
                case ExternalAccount:
                    var audience = RequiredString(root, "audience", path, origin);
                    RequiredString(root, "subject_token_type", path, origin);
                    var tokenUrl = OptionalUrl(root, "token_url", path, origin) ?? throw Bad(path, origin, "field \"token_url\" is missing");
                    if (!root.TryGetProperty("credential_source", out var source) || source.ValueKind != JsonValueKind.Object)
                    {
                        throw Bad(path, origin, "field \"credential_source\" is missing or not an object");
                    }

                    return new GoogleCredentialFile(path, origin, type, json, audience, tokenUrl);
                case AuthorizedUser:
                    var clientId = RequiredString(root, "client_id", path, origin);
                    RequiredString(root, "client_secret", path, origin);
                    RequiredString(root, "refresh_token", path, origin);
                    return new GoogleCredentialFile(path, origin, type, json, clientId, null);
                case ImpersonatedServiceAccount:
                    RequiredString(root, "service_account_impersonation_url", path, origin);
                    if (!root.TryGetProperty("source_credentials", out var inner) || inner.ValueKind != JsonValueKind.Object)
                    {
                        throw Bad(path, origin, "field \"source_credentials\" is missing or not an object");
                    }

                    return new GoogleCredentialFile(path, origin, type, json, null, null);
                default:
                    throw Bad(path, origin, $"field \"type\" is '{type}', not one of {ServiceAccount}, {ExternalAccount}, {AuthorizedUser}, {ImpersonatedServiceAccount}");
            }
        }
    }

    private static string RequiredString(JsonElement root, string field, string path, string origin)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            throw Bad(path, origin, $"field \"{field}\" is missing");
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw Bad(path, origin, $"field \"{field}\" is empty or not a string");
        }

        return value.GetString()!;
    }

    private static string? OptionalUrl(JsonElement root, string field, string path, string origin)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Bad(path, origin, $"field \"{field}\" is not an http(s) URL");
        }

        return text;
    }

    private static void CheckPrivateKey(string pem, string path, string origin)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // Never the key or the parser's text, which could quote it.
            throw Bad(path, origin, "field \"private_key\" is not a PEM RSA private key");
        }
    }

    private static ProviderConfigurationException Bad(string path, string origin, string problem) =>
        new($"Google credentials file {path} (from {origin}): {problem}");
}
