using System.Globalization;
using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// How requests authenticate: an API token (<c>CF_API_TOKEN</c>, sent as <c>Authorization: Bearer</c>; a value
/// <c>file:/path</c> reads the token from that file) or, without one, a Global API key with its account e-mail
/// (<c>CF_API_KEY</c> and <c>CF_API_EMAIL</c>). <see cref="ToString"/> names the source, never the secret.
/// </summary>
public sealed class CloudflareCredentials
{
    public const string TokenVariable = "CF_API_TOKEN";
    public const string KeyVariable = "CF_API_KEY";
    public const string EmailVariable = "CF_API_EMAIL";

    private CloudflareCredentials(string? token, string? key, string? email, string source)
    {
        Token = token;
        Key = key;
        Email = email;
        Source = source;
    }

    /// <summary>Where the credentials came from, for messages: <c>CF_API_TOKEN</c>, <c>CF_API_TOKEN (file /path)</c>
    /// or <c>CF_API_KEY and CF_API_EMAIL</c>.</summary>
    public string Source { get; }

    public bool IsToken => Token is not null;

    internal string? Token { get; }

    internal string? Key { get; }

    internal string? Email { get; }

    public static CloudflareCredentials FromToken(string token, string source = TokenVariable)
    {
        CheckHeaderValue(token, source);
        return new CloudflareCredentials(token, null, null, source);
    }

    public static CloudflareCredentials FromGlobalKey(string key, string email)
    {
        CheckHeaderValue(key, KeyVariable);
        CheckHeaderValue(email, EmailVariable);
        return new CloudflareCredentials(null, key, email, $"{KeyVariable} and {EmailVariable}");
    }

    /// <summary>
    /// Upstream's resolution: <c>CF_API_TOKEN</c> when set (a <c>file:</c> value is read, whitespace trimmed), else
    /// <c>CF_API_KEY</c> with <c>CF_API_EMAIL</c>. Throws <see cref="ProviderConfigurationException"/> naming what is
    /// missing or unreadable.
    /// </summary>
    public static CloudflareCredentials FromEnvironment(Func<string, string?> environment, Func<string, string>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        readFile ??= File.ReadAllText;
        var token = environment(TokenVariable);
        if (!string.IsNullOrEmpty(token))
        {
            if (token.StartsWith("file:", StringComparison.Ordinal))
            {
                var path = token["file:".Length..];
                string text;
                try
                {
                    text = readFile(path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    throw new ProviderConfigurationException($"{TokenVariable}: cannot read the token file '{path}': {ex.Message}", ex);
                }

                var fromFile = text.Trim();
                if (fromFile.Length == 0)
                {
                    throw new ProviderConfigurationException($"{TokenVariable}: the token file '{path}' is empty");
                }

                return FromToken(fromFile, $"{TokenVariable} (file {path})");
            }

            return FromToken(token.Trim(), TokenVariable);
        }

        var key = environment(KeyVariable);
        var email = environment(EmailVariable);
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(email))
        {
            var missing = string.IsNullOrEmpty(key) && string.IsNullOrEmpty(email)
                ? $"{TokenVariable} is not set, nor are {KeyVariable} and {EmailVariable}"
                : string.IsNullOrEmpty(key) ? $"{EmailVariable} is set but {KeyVariable} is not" : $"{KeyVariable} is set but {EmailVariable} is not";
            throw new ProviderConfigurationException(
                $"Cloudflare credentials are not configured: {missing}; set {TokenVariable} (an API token with Zone:Read and DNS:Edit), or both {KeyVariable} and {EmailVariable}");
        }

        return FromGlobalKey(key.Trim(), email.Trim());
    }

    public override string ToString() => Source;

    private static void CheckHeaderValue(string value, string source)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            throw new ProviderConfigurationException($"{source} is empty");
        }

        foreach (var c in value)
        {
            if (c is < '!' or > '~')
            {
                throw new ProviderConfigurationException(string.Create(CultureInfo.InvariantCulture,
                    $"{source} contains a character that cannot be sent in an HTTP header (whitespace or non-ASCII at position {value.IndexOf(c, StringComparison.Ordinal) + 1})"));
            }
        }
    }
}
