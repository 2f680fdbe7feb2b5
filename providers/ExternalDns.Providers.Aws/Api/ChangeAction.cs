namespace ExternalDns.Providers.Aws.Api;

/// <summary>The action of one change in a change batch.</summary>
public enum ChangeAction
{
    Create,
    Delete,
    Upsert,
}
