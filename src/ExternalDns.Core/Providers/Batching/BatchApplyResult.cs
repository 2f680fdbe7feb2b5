namespace ExternalDns.Core.Providers.Batching;

/// <summary>The outcome of <see cref="ChangeBatcher.ApplyAsync{T}"/>.</summary>
/// <typeparam name="T">The item (change) type.</typeparam>
public sealed class BatchApplyResult<T>
{
    internal BatchApplyResult(IReadOnlyList<T> applied, IReadOnlyList<(IReadOnlyList<T> Group, string Error)> rejected, int calls)
    {
        Applied = applied;
        Rejected = rejected;
        Calls = calls;
    }

    /// <summary>Every item that was applied, in the order the calls succeeded.</summary>
    public IReadOnlyList<T> Applied { get; }

    /// <summary>The groups the provider refused even alone, each with the error message of that refusal.</summary>
    public IReadOnlyList<(IReadOnlyList<T> Group, string Error)> Rejected { get; }

    /// <summary>How many times <c>apply</c> was called (splits included).</summary>
    public int Calls { get; }

    /// <summary>True when nothing was rejected.</summary>
    public bool AllApplied => Rejected.Count == 0;
}
