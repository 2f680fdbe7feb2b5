using System.Diagnostics;
using System.Globalization;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// The built <c>external-dns</c> running as a long-lived process (the reconcile loop), black-box: its output lines are
/// collected while it runs, it can be killed (SIGKILL, as a crashed pod) or terminated (SIGTERM, as a pod being
/// stopped), and it is killed on <see cref="Dispose"/> so that no process outlives its test.
/// </summary>
internal sealed class ExternalDnsLoop : IDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    private ExternalDnsLoop(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line written so far (stdout and stderr interleaved, in arrival order).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    public static ExternalDnsLoop Start(string name, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(ExternalDnsProcess.Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("EXTERNAL_DNS_", StringComparison.Ordinal) || k is "POD_NAME" or "KUBECONFIG").ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var process = new Process { StartInfo = psi };
        var loop = new ExternalDnsLoop(process, name);
        process.OutputDataReceived += (_, e) => loop.Add(e.Data);
        process.ErrorDataReceived += (_, e) => loop.Add(e.Data);
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException("could not start dotnet");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return loop;
    }

    /// <summary>How many output lines contain <paramref name="fragment"/>.</summary>
    public int Count(string fragment) => Lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    public async Task WaitForLineAsync(string fragment, TimeSpan timeout)
    {
        await Eventually.WaitAsync(() => Count(fragment) > 0 || HasExited, timeout, () => $"{Name} never logged '{fragment}'.\n{Describe()}");
        Assert.True(Count(fragment) > 0, $"{Name} exited before logging '{fragment}'.\n{Describe()}");
    }

    /// <summary>SIGKILL: the process dies at once, releasing nothing (a crashed or evicted pod).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        if (_process.WaitForExit(10_000))
        {
            _process.WaitForExit(); // drains the asynchronous output readers
        }
    }

    /// <summary>SIGTERM (as the kubelet stops a pod), then waits for the exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", ProcessId.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"{Name} did not exit within {timeout.TotalSeconds} s of SIGTERM.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    public string Describe() => $"--- {Name} (pid {ProcessId}{(HasExited ? $", exited {ExitCode}" : ", running")}) output:\n{Output}\n---";

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Add(line);
        }
    }
}
