using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Providers.Batching;

namespace ExternalDns.Core.Tests.Batching;

public sealed class OwnershipKeyTests
{
    [Fact]
    public void A_record_and_its_txt_share_a_key()
    {
        var record = new Endpoint("WWW.Example.org.", RecordTypes.A, "192.0.2.1");
        var txt = new Endpoint("a-www.example.org", RecordTypes.TXT, "\"heritage=external-dns\"");
        txt.Labels[Labels.OwnedRecordKey] = "www.example.org";

        Assert.Equal("www.example.org", ChangeBatcher.OwnershipKey(record));
        Assert.Equal(ChangeBatcher.OwnershipKey(record), ChangeBatcher.OwnershipKey(txt));
        Assert.Equal("a-www.example.org", ChangeBatcher.OwnershipKey(new Endpoint("a-www.example.org", RecordTypes.TXT, "\"x\"")));
    }
}
