using ExternalDns.Core.Providers;
using ExternalDns.Providers.Cloudflare;

namespace ExternalDns.Providers.Tests.Cloudflare;

public sealed class CloudflareCredentialsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Token_wins_over_key_and_email()
    {
        var credentials = CloudflareCredentials.FromEnvironment(Env(("CF_API_TOKEN", " secret-token "), ("CF_API_KEY", "k"), ("CF_API_EMAIL", "e@x")));
        Assert.True(credentials.IsToken);
        Assert.Equal("CF_API_TOKEN", credentials.ToString());
    }

    [Fact]
    public void Token_can_come_from_a_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "file-token\n");
            var credentials = CloudflareCredentials.FromEnvironment(Env(("CF_API_TOKEN", "file:" + path)));
            Assert.True(credentials.IsToken);
            Assert.Equal($"CF_API_TOKEN (file {path})", credentials.Source);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unreadable_or_empty_token_file_is_a_configuration_error_naming_the_file()
    {
        var missing = Assert.Throws<ProviderConfigurationException>(() => CloudflareCredentials.FromEnvironment(Env(("CF_API_TOKEN", "file:/nonexistent/token"))));
        Assert.Contains("/nonexistent/token", missing.Message, StringComparison.Ordinal);
        var empty = Assert.Throws<ProviderConfigurationException>(() => CloudflareCredentials.FromEnvironment(Env(("CF_API_TOKEN", "file:/x")), _ => "  \n"));
        Assert.Contains("is empty", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_and_email_are_used_together()
    {
        var credentials = CloudflareCredentials.FromEnvironment(Env(("CF_API_KEY", "key"), ("CF_API_EMAIL", "ops@example.org")));
        Assert.False(credentials.IsToken);
        Assert.Equal("CF_API_KEY and CF_API_EMAIL", credentials.ToString());
    }

    [Theory]
    [InlineData(null, null, "CF_API_TOKEN is not set, nor are CF_API_KEY and CF_API_EMAIL")]
    [InlineData("key", null, "CF_API_KEY is set but CF_API_EMAIL is not")]
    [InlineData(null, "ops@example.org", "CF_API_EMAIL is set but CF_API_KEY is not")]
    public void Missing_credentials_are_named(string? key, string? email, string expected)
    {
        var ex = Assert.Throws<ProviderConfigurationException>(() => CloudflareCredentials.FromEnvironment(name => name switch
        {
            "CF_API_KEY" => key,
            "CF_API_EMAIL" => email,
            _ => null,
        }));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        if (key is not null)
        {
            Assert.DoesNotContain(key, ex.Message.Replace("CF_API_KEY", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Token_with_a_line_break_is_refused_without_showing_it()
    {
        var ex = Assert.Throws<ProviderConfigurationException>(() => CloudflareCredentials.FromToken("abc\ndef"));
        Assert.DoesNotContain("abc", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CF_API_TOKEN", ex.Message, StringComparison.Ordinal);
    }
}
