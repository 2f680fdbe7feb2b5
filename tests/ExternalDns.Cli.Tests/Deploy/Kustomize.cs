using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ExternalDns.Kubernetes.Manifests;

namespace ExternalDns.Cli.Tests.Deploy;

/// <summary>
/// Renders deploy/ with the installed <c>kubectl kustomize</c> (tests/servers/install.sh installs kubectl when it is
/// missing) into JSON objects. A missing kubectl, or one whose embedded kustomize predates v4 (no <c>labels</c>, no
/// inline <c>patches</c>), fails with what to install rather than passing silently.
/// </summary>
internal static partial class Kustomize
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ExternalDns.sln")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return dir.FullName;
        }
    }

    public static string Deploy => Path.Combine(Root, "deploy");

    public static IReadOnlyList<string> Overlays =>
        [.. Directory.GetDirectories(Path.Combine(Deploy, "overlays")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static async Task<List<JsonObject>> RenderAsync(string relativeDirectory)
    {
        var (exit, stdout, stderr) = await RunKubectlAsync("kustomize", Path.Combine(Deploy, relativeDirectory));
        Assert.True(exit == 0, $"kubectl kustomize deploy/{relativeDirectory} failed ({exit}):\n{stderr}");
        return [.. YamlJson.ParseDocuments(stdout).OfType<JsonObject>()];
    }

    public static async Task EnsureUsableAsync()
    {
        (int Exit, string Stdout, string Stderr) version;
        try
        {
            version = await RunKubectlAsync("version", "--client");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"kubectl is not installed ({ex.Message}): run tests/servers/install.sh (installs the 'kubectl' or 'kubernetes-client' Debian package)");
            return;
        }

        Assert.True(version.Exit == 0, $"kubectl version --client failed: {version.Stderr}");
        var match = KustomizeVersion().Match(version.Stdout);
        Assert.True(match.Success, $"kubectl does not report an embedded kustomize version:\n{version.Stdout}");
        Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 4,
            $"kubectl's kustomize {match.Value} is too old for deploy/ (needs v4 or later: 'labels', inline 'patches'); install kubectl 1.21 or later");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunKubectlAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start kubectl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"Kustomize Version: v(\d+)\.\d+\.\d+")]
    private static partial Regex KustomizeVersion();
}
