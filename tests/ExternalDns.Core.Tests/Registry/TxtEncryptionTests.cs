using System.Security.Cryptography;
using System.Text;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;
using static ExternalDns.Core.Tests.Registry.TestEndpoints;
using static ExternalDns.Core.Tests.Registry.TxtRegistryRecordsTests;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>
/// Encryption compatibility with upstream. The vectors marked "Go" were produced by Go's crypto/aes,
/// crypto/cipher (GCM, 12-byte nonce) and compress/gzip at BestCompression with Flush+Close, exactly as
/// upstream's endpoint/crypto.go does; the first one and the Lorem ipsum one are upstream's own test vectors.
/// </summary>
public class TxtEncryptionTests
{
    private const string Key = "12345678901234567890123456789012";
    private const string UpstreamVector = "h8UQ6jelUFUsEIn7SbFktc2MYXPx/q8lySqI4VwfVtVaIbb2nkHWV/88KKbuLtu7fJNzMir8ELVeVnRSY01KdiIuj7ledqZe5ailEjQaU5Z6uEKd5pgs6sH8";

    public static TheoryData<string, string, string> GoVectors() => new()
    {
        { UpstreamVector, "heritage=external-dns,external-dns/owner=owner", "h8UQ6jelUFUsEIn7" },
        {
            "AAECAwQFBgcICQoLR99vGnULmmqkf/t7vzVaCxSVqHKJTgIaacGYM+XwnBMAY6TTRd/EQsfXLAXuXLZ//WgxX1DE0evluw4RWCHlABvjfIDrol0a7ZnVl5sU",
            "heritage=external-dns,external-dns/owner=owner", "AAECAwQFBgcICQoL"
        },
        {
            "AAECAwQFBgcICQoLR99vGnULmmqkf/t7vzVaCxSVqHKJTgIaacGYM+XwnBMAY6TTRd/EQsfzwaPLylAUoiMk+rncSnu1tPp3voQXPS84COcP/z2XaepI/Ybthc7KMF9dThJVa2aw4gxi+qIQn8PbTDw2mB741JDiv0I=",
            "heritage=external-dns,external-dns/owner=default,external-dns/resource=ingress/default/my-ingress", "AAECAwQFBgcICQoL"
        },
        {
            // Long enough that Go's deflate picks a dynamic Huffman block.
            "AAECAwQFBgcICQoLR99vGnULmmqkf2W5w1W1clTeMsuylkWnYKKaJJmIklWtM/JJc4yxutmXVXY8FyFMl+Z/CAbj6JMucpGqivbXe8Z42mfcMXSAPD0JGJz2lAIP6k2LuUqCCH65sNJzruBo6N5s9lWQc/5qNQC9Sj6h9ENLvSO5BwcIExDwpE/JlyCpU61BEknZx2sJOKh++1JUWDoPRKfryl4=",
            "heritage=external-dns,external-dns/owner=owner-1,external-dns/resource=service/kube-system/some-really-long-service-name-for-testing-dynamic-huffman-blocks-aaaaaaaaa",
            "AAECAwQFBgcICQoL"
        },
    };

    [Theory]
    [MemberData(nameof(GoVectors))]
    public void Decrypts_ValuesWrittenByUpstream(string value, string plain, string nonce)
    {
        Assert.True(TxtEncryption.TryDecrypt(value, Encoding.UTF8.GetBytes(Key), out var text, out var gotNonce));
        Assert.Equal(plain, text);
        Assert.Equal(nonce, gotNonce);
    }

    [Fact]
    public void Decrypts_UpstreamLoremIpsumVector()
    {
        const string value = "0Mfzf6wsN8llrfX0ucDZ6nlc2+QiQfKKedjPPLu5atb2I35L9nUZeJcCnuLVW7CVW3K0h94vSuBLdXnMrj8Vcm0M09shxaoF48IcCpD03XtQbKXqk2hPbsW6+JybvplHIQGr16/PcjUSObGmR9yjf38+qEltApkKvrPjsyw43BX4eE10rL0Bln33UJD7/w+zazRDPFlAcbGtkt0ETKHnvyB3/aCddLipvrhjCXj2ZY/ktRF6h716kJRgXU10dCIQHFYU45MIdxI+k10HK3yZqhI2V0Gp2xjrFV/LRQ7/OS9SFee4asPWUYxbCEsnOzp8qc0dCPFSo1dtADzWnUZnsAcbnjtudT4milfLJc5CxDk1v3ykqQ/ajejwHjWQ7b8U6AsTErbezfdcqrb5IzkLgHb5TosnfrdDmNc9GcKfpsrCHbVY8KgNwMVdtwavLv7d9WM6sooUlZ3t0sABGkzagXQmPRvwLnkSOlie5XrnzWo8/8/4UByLga29CaXO";

        Assert.True(TxtEncryption.TryDecrypt(value, Encoding.UTF8.GetBytes("s%zF`.*'5`9.AhI2!B,.~hmbs^.*TL?;"), out var text, out _));
        Assert.StartsWith("Lorem Ipsum is simply dummy text", text, StringComparison.Ordinal);
        Assert.EndsWith("including versions of Lorem Ipsum.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_RoundTrips_WithGoGzipHeader_AndNonceAsPrefix()
    {
        var key = Encoding.UTF8.GetBytes(Key);
        const string nonce = "AAECAwQFBgcICQoL";
        const string plain = "heritage=external-dns,external-dns/owner=owner";

        var value = TxtEncryption.Encrypt(plain, key, nonce);

        Assert.StartsWith(nonce, value, StringComparison.Ordinal);
        Assert.Equal(value, TxtEncryption.Encrypt(plain, key, nonce));
        Assert.True(TxtEncryption.TryDecrypt(value, key, out var text, out var gotNonce));
        Assert.Equal((plain, nonce), (text, gotNonce));

        // Open it by hand: nonce ‖ ciphertext ‖ 16-byte tag, and the plaintext starts with Go's gzip header.
        var data = Convert.FromBase64String(value);
        var gz = new byte[data.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(data[..12], data[12..^16], data[^16..], gz);
        Assert.Equal(Convert.FromHexString("1f8b08000000000002ff"), gz[..10]);
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("\"heritage=external-dns,external-dns/owner=owner\"")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
    public void TryDecrypt_FailsWithoutThrowing(string value) =>
        Assert.False(TxtEncryption.TryDecrypt(value, Encoding.UTF8.GetBytes(Key), out _, out _));

    [Fact]
    public void TryDecrypt_WrongKeyFails() =>
        Assert.False(TxtEncryption.TryDecrypt(UpstreamVector, Encoding.UTF8.GetBytes("s'J!jD`].LC?g&Oa11AgTub,j48ts/96"), out _, out _));

    [Fact]
    public void ParseKey_AcceptsRawAndBase64_RejectsOthersWithoutPrintingTheKey()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("passphrasewhichneedstobe32bytes!"), TxtEncryption.ParseKey("passphrasewhichneedstobe32bytes!"));
        Assert.Equal(
            new byte[] { 100, 248, 173, 47, 67, 70, 85, 0, 89, 109, 48, 250, 15, 5, 201, 204, 63, 17, 137, 43, 82, 107, 60, 216, 93, 11, 29, 82, 140, 11, 81, 22 },
            TxtEncryption.ParseKey("ZPitL0NGVQBZbTD6DwXJzD8RiStSazzYXQsdUowLURY="));
        Assert.Null(TxtEncryption.ParseKey(""));
        const string bad = "123456789012345678901234567890asdfasdfasdfasdfa12";
        var ex = Assert.Throws<RegistryConfigurationException>(() => TxtEncryption.ParseKey(bad));
        Assert.Contains("--txt-encrypt-aes-key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(bad, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ReusesTheStoredUpstreamCiphertextExactly()
    {
        var p = new FakeDnsProvider();
        p.Seed(
            E("foobar.test-zone.example.org", "foobar.loadbalancer.com", RecordTypes.CNAME),
            Txt("txt.cname-foobar.test-zone.example.org", $"\"{UpstreamVector}\"", "foobar.test-zone.example.org"));
        var r = NewRegistry(p, prefix: "txt.", encrypt: true, key: Key);

        var records = await r.RecordsAsync(default);
        await r.ApplyChangesAsync(new Changes { Delete = records.ToList() }, default);

        AssertSame(
            [
                E("foobar.test-zone.example.org", "foobar.loadbalancer.com", RecordTypes.CNAME, "owner"),
                Txt("txt.cname-foobar.test-zone.example.org", $"\"{UpstreamVector}\"", "foobar.test-zone.example.org"),
            ],
            Assert.Single(p.Applied).Delete);
        Assert.Empty(p.Stored);
    }

    [Fact]
    public async Task Update_KeepsTheStoredCiphertextWhenOwnershipIsUnchanged_AndReencryptsWhenItChanges()
    {
        var p = new FakeDnsProvider();
        p.Seed(
            E("foobar.test-zone.example.org", "foobar.loadbalancer.com", RecordTypes.CNAME),
            Txt("txt.cname-foobar.test-zone.example.org", $"\"{UpstreamVector}\"", "foobar.test-zone.example.org"));
        var r = NewRegistry(p, prefix: "txt.", encrypt: true, key: Key);
        var current = Assert.Single(await r.RecordsAsync(default));
        var moved = E("foobar.test-zone.example.org", "elsewhere.loadbalancer.com", RecordTypes.CNAME, "owner");

        await r.ApplyChangesAsync(new Changes { UpdateOld = [current], UpdateNew = [moved] }, default);

        var applied = Assert.Single(p.Applied);
        Assert.Equal($"\"{UpstreamVector}\"", Assert.Single(applied.UpdateOld, e => e.RecordType == RecordTypes.TXT).Targets[0]);
        Assert.Equal($"\"{UpstreamVector}\"", Assert.Single(applied.UpdateNew, e => e.RecordType == RecordTypes.TXT).Targets[0]);

        current = Assert.Single(await r.RecordsAsync(default));
        var relabelled = E("foobar.test-zone.example.org", "elsewhere.loadbalancer.com", RecordTypes.CNAME, "owner").WithLabel(Labels.ResourceKey, "ingress/a/b");
        await r.ApplyChangesAsync(new Changes { UpdateOld = [current], UpdateNew = [relabelled] }, default);

        var value = Assert.Single(p.Applied[^1].UpdateNew, e => e.RecordType == RecordTypes.TXT).Targets[0];
        Assert.NotEqual($"\"{UpstreamVector}\"", value);
        Assert.True(TxtEncryption.TryDecrypt(value.Trim('"'), Encoding.UTF8.GetBytes(Key), out var plain, out _));
        Assert.Equal("heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/a/b", plain);
    }

    [Fact]
    public async Task RoundTrip_WrittenEncrypted_ReadBackByAFreshRegistry_NonceLabelKept()
    {
        var p = new FakeDnsProvider();
        await NewRegistry(p, encrypt: true, key: Key).ApplyChangesAsync(
            new Changes { Create = [Cname("new.test-zone.example.org", "lb.example.com", "", "ingress/default/my-ingress")] }, default);

        var txt = Assert.Single(p.Stored, e => e.RecordType == RecordTypes.TXT);
        Assert.DoesNotContain("heritage", txt.Targets[0], StringComparison.Ordinal);
        var created = Assert.Single(p.Stored, e => e.RecordType == RecordTypes.CNAME);
        Assert.True(created.Labels.ContainsKey(Labels.TxtEncryptionNonceKey));
        Assert.StartsWith("\"" + created.Labels[Labels.TxtEncryptionNonceKey], txt.Targets[0], StringComparison.Ordinal);

        var records = await NewRegistry(p, encrypt: true, key: Key).RecordsAsync(default);
        var record = Assert.Single(records);
        Assert.Equal("owner", record.Labels.Owner);
        Assert.Equal("ingress/default/my-ingress", record.Labels.Resource);
        Assert.Equal(created.Labels[Labels.TxtEncryptionNonceKey], record.Labels[Labels.TxtEncryptionNonceKey]);

        // With the key but encryption switched off, encrypted values are still read (as upstream).
        Assert.Equal("owner", Assert.Single(await NewRegistry(p, key: Key).RecordsAsync(default)).Labels.Owner);
    }

    [Fact]
    public async Task PlaintextTxt_IsReadWhenEncryptionIsEnabled()
    {
        var p = new FakeDnsProvider();
        p.Seed(E("a.test-zone.example.org", "1.1.1.1", RecordTypes.A), E("a-a.test-zone.example.org", Owner("owner"), RecordTypes.TXT));

        Assert.Equal("owner", Assert.Single(await NewRegistry(p, encrypt: true, key: Key).RecordsAsync(default)).Labels.Owner);
    }

    [Fact]
    public async Task KeyChange_RecordCountStable()
    {
        var p = new FakeDnsProvider();
        string[] keys = ["passphrasewhichneedstobe32bytes!", "ZPitL0NGVQBZbTD6DwXJzD8RiStSazzYXQsdUowLURY=", "01234567890123456789012345678901"];
        static Changes Creates() => new()
        {
            Create =
            [
                E("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", RecordTypes.CNAME, "owner"),
                Txt("new-record-2.test-zone.example.org", Owner("owner"), "new-record-1.test-zone.example.org"),
                E("example.org", "new-loadbalancer-3.org", RecordTypes.CNAME, "owner"),
                Txt("main.example.org", Owner("owner"), "example"),
                E("tar.org", "tar.loadbalancer.com", RecordTypes.CNAME, "owner-2"),
                E("thing3.org", "1.2.3.4", RecordTypes.A, "owner"),
                E("thing4.org", "2001:DB8::2", RecordTypes.AAAA, "owner"),
            ],
        };

        for (var i = 0; i < keys.Length; i++)
        {
            var r = NewRegistry(p, encrypt: true, key: keys[i]);
            if (i == 0)
            {
                await r.ApplyChangesAsync(Creates(), default);
            }
            else
            {
                // The old key cannot read the TXTs, so nothing is owned: the creates collide and are refused.
                await Assert.ThrowsAsync<Providers.InvalidChangeException>(() => r.ApplyChangesAsync(Creates(), default));
            }
        }

        Assert.Equal(14, p.Stored.Count);
        foreach (var e in p.Stored.Where(e => e.RecordType is RecordTypes.CNAME or RecordTypes.A or RecordTypes.AAAA))
        {
            Assert.True(e.Labels.ContainsKey(Labels.TxtEncryptionNonceKey), e.ToString());
        }
    }
}
