using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>A desired record that was not created because the name is held by a record of another owner (or none).</summary>
public sealed record OwnerMismatch(Endpoint Desired, Endpoint Current)
{
    /// <summary>The owner of the current record; empty when it has none (created by hand or by another tool).</summary>
    public string CurrentOwner => Current.Labels.Owner ?? string.Empty;
}
