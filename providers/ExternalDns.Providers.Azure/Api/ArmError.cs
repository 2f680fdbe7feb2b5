namespace ExternalDns.Providers.Azure.Api;

/// <summary>ARM's error body: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
internal sealed class ArmError
{
    public ArmErrorDetail? Error { get; set; }
}
