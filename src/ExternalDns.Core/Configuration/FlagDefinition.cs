namespace ExternalDns.Core.Configuration;

/// <summary>One command-line flag: upstream's name, default and help text.</summary>
public sealed record FlagDefinition(string Name, string Group, FlagKind Kind, string Help)
{
    /// <summary>The default as upstream prints it; null when the flag has none.</summary>
    public string? Default { get; init; }

    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>For a deprecated alias: the flag it stands for.</summary>
    public string? AliasOf { get; init; }

    /// <summary>Holds a secret: its value never appears in messages.</summary>
    public bool Secret { get; init; }

    /// <summary>
    /// Accepted for compatibility with upstream but not honoured by this build: why. Setting the flag prints one warning
    /// line at start, and the README flag reference says so.
    /// </summary>
    public string? NotSupported { get; init; }

    /// <summary>Not listed in --help (internal tools).</summary>
    public bool Hidden { get; init; }

    /// <summary>The environment variable that can set it: <c>EXTERNAL_DNS_</c> + upper-case name with '-' as '_'.</summary>
    public string EnvironmentVariable => "EXTERNAL_DNS_" + Name.ToUpperInvariant().Replace('-', '_');

    public bool IsRepeatable => Kind is FlagKind.List or FlagKind.EnumList;
}
