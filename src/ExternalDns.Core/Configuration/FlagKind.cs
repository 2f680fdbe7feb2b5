namespace ExternalDns.Core.Configuration;

/// <summary>The value type of a command-line flag.</summary>
public enum FlagKind
{
    String,
    Bool,
    Int,

    /// <summary>A Go-style duration: <c>30s</c>, <c>1m</c>, <c>1h30m</c>, <c>250ms</c>; a bare number means seconds.</summary>
    Duration,

    /// <summary>Repeatable; each occurrence may also hold comma-separated values.</summary>
    List,

    /// <summary>One of <see cref="FlagDefinition.Allowed"/>.</summary>
    Enum,

    /// <summary>Repeatable enum: each value must be one of <see cref="FlagDefinition.Allowed"/>.</summary>
    EnumList,
}
