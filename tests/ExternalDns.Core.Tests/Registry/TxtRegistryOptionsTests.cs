using ExternalDns.Core.Registry;

namespace ExternalDns.Core.Tests.Registry;

public class TxtRegistryOptionsTests
{
    private const string Key = "passphrasewhichneedstobe32bytes!";

    public static TheoryData<TxtRegistryOptions, string> Invalid() => new()
    {
        { new TxtRegistryOptions { OwnerId = "" }, "--txt-owner-id" },
        { new TxtRegistryOptions { Prefix = "txt", Suffix = "txt" }, "--txt-prefix" },
        { new TxtRegistryOptions { EncryptEnabled = true }, "--txt-encrypt-aes-key" },
        { new TxtRegistryOptions { EncryptEnabled = true, EncryptAesKey = "too-short-secret" }, "--txt-encrypt-aes-key" },
        { new TxtRegistryOptions { CacheInterval = TimeSpan.FromSeconds(-1) }, "--txt-cache-interval" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidConfiguration_NamesTheFlag_NeverTheKey(TxtRegistryOptions options, string flag)
    {
        var ex = Assert.Throws<RegistryConfigurationException>(() => new TxtRegistry(new FakeDnsProvider(), options));
        Assert.Contains(flag, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidConfigurations()
    {
        var p = new FakeDnsProvider();
        Assert.Equal("default", new TxtRegistry(p, new TxtRegistryOptions()).OwnerId);
        Assert.Equal("owner", new TxtRegistry(p, new TxtRegistryOptions { OwnerId = "owner", Prefix = "txt" }).OwnerId);
        Assert.NotNull(new TxtRegistry(p, new TxtRegistryOptions { Suffix = "txt" }));
        Assert.NotNull(new TxtRegistry(p, new TxtRegistryOptions { EncryptAesKey = Key }));
        Assert.NotNull(new TxtRegistry(p, new TxtRegistryOptions { EncryptEnabled = true, EncryptAesKey = Key }));
        Assert.Same(p.DomainFilter, new TxtRegistry(p, new TxtRegistryOptions()).DomainFilter);
    }
}
