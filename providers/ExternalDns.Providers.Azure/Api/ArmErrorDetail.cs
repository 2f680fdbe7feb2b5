namespace ExternalDns.Providers.Azure.Api;

/// <summary>The code and message of an ARM error.</summary>
internal sealed class ArmErrorDetail
{
    public string? Code { get; set; }

    public string? Message { get; set; }
}
