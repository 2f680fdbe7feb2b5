using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>A delete or update the planner did not make, and why.</summary>
public sealed record WithheldChange(string Action, Endpoint Record, WithheldReason Reason);
