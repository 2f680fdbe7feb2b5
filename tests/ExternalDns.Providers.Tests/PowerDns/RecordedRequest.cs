namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>A request seen by <see cref="FakePowerDnsHandler"/>.</summary>
public sealed record RecordedRequest(string Method, Uri Url, string? ApiKey, string? Body, string? ContentType)
{
    public string Path => Url.AbsolutePath;
}
