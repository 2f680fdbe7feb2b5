namespace ExternalDns.Core.Planning;

/// <summary>Why the planner held back a change that upstream would have made.</summary>
public enum WithheldReason
{
    /// <summary>The sources' view of the desired state is incomplete: no record is deleted.</summary>
    IncompleteSourceView,

    /// <summary>The resource owning the record could not be turned into endpoints: its records are left as they are.</summary>
    UnresolvedResource,
}
