namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>
/// One record as a provider scenario compares it: the name in lower case without a trailing dot, the type, and the
/// value as DNS presents it (a CNAME target without its trailing dot, a TXT value without its surrounding quotes).
/// </summary>
public sealed record ScenarioRecord(string Name, string Type, string Value)
{
    /// <summary>Normalises a record read from a provider or a zone transfer.</summary>
    public static ScenarioRecord Of(string name, string type, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        var n = name.TrimEnd('.').ToLowerInvariant();
        var t = type.ToUpperInvariant();
        var v = t switch
        {
            "TXT" when value.Length >= 2 && value[0] == '"' && value[^1] == '"' => value[1..^1],
            "CNAME" or "NS" => value.TrimEnd('.').ToLowerInvariant(),
            _ => value,
        };
        return new ScenarioRecord(n, t, v);
    }

    public override string ToString() => $"{Name} {Type} {Value}";
}
