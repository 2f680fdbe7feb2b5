using System.Diagnostics;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

/// <summary>Runs the real <c>kubectl</c> against a <see cref="KubeApiServer"/> through a kubeconfig file, with its own
/// discovery cache directory. Fails (not skips) when kubectl is not installed.</summary>
public sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public Kubectl(KubeApiServer server)
    {
        Directory = Path.Combine(Path.GetTempPath(), "externaldns-kubectl-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        KubeconfigPath = server.WriteKubeconfig(Path.Combine(Directory, "kubeconfig"));
    }

    public string Directory { get; }

    public string KubeconfigPath { get; }

    public static string Executable { get; } = FindExecutable();

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string arguments, string? stdin = null)
    {
        using var process = Start(arguments, redirectStdin: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {arguments} did not finish in {Timeout}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and asserts it succeeded; returns stdout.</summary>
    public async Task<string> OkAsync(string arguments, string? stdin = null)
    {
        var (exitCode, stdout, stderr) = await RunAsync(arguments, stdin);
        Assert.True(exitCode == 0, $"kubectl {arguments} exited {exitCode}\nstdout: {stdout}\nstderr: {stderr}");
        return stdout;
    }

    public Process Start(string arguments, bool redirectStdin = false)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        info.Environment["HOME"] = Directory;
        info.Environment.Remove("KUBECONFIG");
        foreach (var argument in SplitArguments($"--kubeconfig={KubeconfigPath} --cache-dir={Path.Combine(Directory, "cache")} {arguments}"))
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a kubectl still writing its cache; the temp directory is left behind
        }
    }

    private static IEnumerable<string> SplitArguments(string arguments)
    {
        var current = new System.Text.StringBuilder();
        var quote = '\0';
        foreach (var c in arguments)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ' ')
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static string FindExecutable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("kubectl is not installed (expected on PATH); these tests check the emulator against the real client");
    }
}
