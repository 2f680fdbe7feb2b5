namespace ExternalDns.Core.Configuration;

/// <summary>
/// Parsed command-line values (command line over <c>EXTERNAL_DNS_*</c> environment over default), read by name. Only the
/// code that maps flags onto options objects (the composer, provider modules) reads it; components read their options.
/// </summary>
public interface IFlagValues
{
    /// <summary>True when the flag was given on the command line or in the environment.</summary>
    bool IsSet(string name);

    string String(string name);

    bool Bool(string name);

    int Int(string name);

    TimeSpan Duration(string name);

    IReadOnlyList<string> List(string name);
}
