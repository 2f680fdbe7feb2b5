using System.Diagnostics;

namespace ExternalDns.Cli.Tests;

/// <summary>Runs the built <c>external-dns</c> command as a separate process, black-box, as a user would.</summary>
internal static class ExternalDnsProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "external-dns.dll");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("EXTERNAL_DNS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"external-dns did not exit within the timeout; stderr: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Writes files into a fresh temporary directory and returns it.</summary>
    public static string ManifestDirectory(params (string Name, string Yaml)[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "externaldns-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (name, yaml) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), yaml);
        }

        return dir;
    }
}
