namespace ExternalDns;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>
    /// A reconcile failed (with --once), a configuration error stopped the loop, or something outside the command line
    /// is unusable at start (credentials, a configuration file, a kubeconfig).
    /// </summary>
    public const int Failed = 1;

    /// <summary>Bad command line: unknown flag, invalid value, missing required flag.</summary>
    public const int Usage = 2;
}
