using System.Reflection;
using System.Runtime.InteropServices;
using ExternalDns.Core.Metrics;

namespace ExternalDns.Hosting;

/// <summary>
/// What this binary is: the version <c>--version</c> prints, split into version and source revision, and upstream's
/// <c>external_dns_build_info</c> gauge (constant 1) with upstream's labels. <c>go_version</c> carries the .NET runtime
/// (e.g. <c>.NET 10.0.12</c>); <c>os</c> and <c>arch</c> are spelled as Go spells them (<c>linux</c>, <c>amd64</c>).
/// </summary>
public static class BuildInfo
{
    /// <summary>The informational version: <c>1.0.0+&lt;git commit&gt;</c> when built from a git checkout.</summary>
    public static string InformationalVersion { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The version without the source revision.</summary>
    public static string Version => Split().Version;

    /// <summary>The source revision (git commit) the binary was built from; <c>unknown</c> when the build had none.</summary>
    public static string Revision => Split().Revision;

    public static string Os =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "darwin" : RuntimeInformation.OSDescription;

    public static string Arch => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    public static void Register(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["version"] = Version,
            ["revision"] = Revision,
            ["go_version"] = RuntimeInformation.FrameworkDescription,
            ["os"] = Os,
            ["arch"] = Arch,
        };
        registry.Gauge(
            "external_dns_build_info",
            "A metric with a constant '1' value labeled with 'version' and 'revision' of external_dns and the 'go_version', 'os' and the 'arch' used the build.",
            [],
            labels).Set(1);
    }

    private static (string Version, string Revision) Split()
    {
        var plus = InformationalVersion.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (InformationalVersion, "unknown") : (InformationalVersion[..plus], InformationalVersion[(plus + 1)..]);
    }
}
