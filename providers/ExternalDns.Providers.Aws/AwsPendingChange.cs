using ExternalDns.Providers.Aws.Api;

namespace ExternalDns.Providers.Aws;

/// <summary>A change bound for one zone, with its batching group (a record and its ownership TXT share one) and its cost.</summary>
internal sealed record AwsPendingChange(Change Change, string Group, int Bytes, int Values)
{
    public static AwsPendingChange Create(Change change, string group)
    {
        var (bytes, values) = AwsRecordMapper.Size(change);
        return new AwsPendingChange(change, group, bytes, values);
    }

    public string Name => Change.RecordSet.Name;

    public string Identity => $"{Change.Action}|{Change.RecordSet.Name.ToLowerInvariant()}|{Change.RecordSet.Type}|{Change.RecordSet.SetIdentifier}";
}
