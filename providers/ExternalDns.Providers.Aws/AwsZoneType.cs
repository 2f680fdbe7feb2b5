namespace ExternalDns.Providers.Aws;

/// <summary><c>--aws-zone-type</c>: which hosted zones are managed.</summary>
public enum AwsZoneType
{
    Any,
    Public,
    Private,
}
