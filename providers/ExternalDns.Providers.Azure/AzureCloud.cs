namespace ExternalDns.Providers.Azure;

/// <summary>
/// The endpoints of an Azure cloud: the Entra ID authority host, the ARM endpoint and the audience of ARM tokens
/// (the <c>cloud</c> field of azure.json; values as in the Azure SDKs' cloud configurations).
/// </summary>
public sealed record AzureCloud(string Name, Uri AuthorityHost, Uri ResourceManagerEndpoint, string Audience)
{
    public static AzureCloud Public { get; } = new("AzurePublicCloud", new("https://login.microsoftonline.com/"), new("https://management.azure.com/"), "https://management.core.windows.net/");

    public static AzureCloud UsGovernment { get; } = new("AzureUSGovernmentCloud", new("https://login.microsoftonline.us/"), new("https://management.usgovcloudapi.net/"), "https://management.core.usgovcloudapi.net/");

    public static AzureCloud China { get; } = new("AzureChinaCloud", new("https://login.chinacloudapi.cn/"), new("https://management.chinacloudapi.cn/"), "https://management.core.chinacloudapi.cn/");

    /// <summary>The names upstream accepts (case-insensitive); <c>AzureStackCloud</c> takes its endpoints from azure.json.</summary>
    public static IReadOnlyList<string> Names { get; } = ["AzurePublicCloud", "AzureCloud", "AzureUSGovernmentCloud", "AzureUSGovernment", "AzureChinaCloud", "AzureStackCloud"];

    /// <summary>True for the authority hosts of the three public clouds, where MSAL's instance discovery is meaningful.</summary>
    public static bool IsKnownAuthority(Uri authority) =>
        authority.Host is "login.microsoftonline.com" or "login.microsoftonline.us" or "login.chinacloudapi.cn" or "login.partner.microsoftonline.cn";

    /// <summary>The cloud for a name; null for AzureStackCloud or an unknown name (the caller tells them apart).</summary>
    public static AzureCloud? ForName(string name) => name.ToUpperInvariant() switch
    {
        "" or "AZURECLOUD" or "AZUREPUBLICCLOUD" => Public,
        "AZUREUSGOVERNMENT" or "AZUREUSGOVERNMENTCLOUD" => UsGovernment,
        "AZURECHINACLOUD" => China,
        _ => null,
    };
}
