namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>The rcode and answer section of one dig query.</summary>
public sealed record DigResult(string Status, IReadOnlyList<DigAnswer> Answers, string Output)
{
    public IEnumerable<string> Data(string type) => Answers.Where(a => a.Type == type).Select(a => a.Data);
}
