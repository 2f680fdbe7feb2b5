using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>
/// Queries a DNS server with the <c>dig</c> program in a separate process: an independent check of what the
/// server really serves, sharing no code with the provider.
/// </summary>
public static partial class Dig
{
    public static async Task<DigResult> QueryAsync(int port, string name, string type)
    {
        var info = new ProcessStartInfo("dig")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "@127.0.0.1", "-p", port.ToString(), "+norecurse", "+time=2", "+tries=1", "+noall", "+comments", "+answer", name, type })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("dig did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("dig is not installed: run `sudo tests/servers/install.sh` (bind9-dnsutils)", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            Assert.True(process.ExitCode == 0, $"dig {name} {type} failed ({process.ExitCode}): {output}{await stderr}");
            var status = StatusRegex().Match(output);
            Assert.True(status.Success, $"dig printed no status: {output}");
            var answers = new List<DigAnswer>();
            var inAnswer = false;
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.TrimEnd();
                if (line.StartsWith(";; ANSWER SECTION", StringComparison.Ordinal))
                {
                    inAnswer = true;
                    continue;
                }

                if (!inAnswer || line.Length == 0 || line.StartsWith(';'))
                {
                    if (line.Length == 0)
                    {
                        inAnswer = false;
                    }

                    continue;
                }

                var parts = line.Split((char[])[' ', '\t'], 5, StringSplitOptions.RemoveEmptyEntries);
                Assert.True(parts.Length == 5, $"unexpected dig answer line: {line}");
                answers.Add(new DigAnswer(parts[0], long.Parse(parts[1]), parts[3], parts[4]));
            }

            return new DigResult(status.Groups[1].Value, answers, output);
        }
    }

    [GeneratedRegex(@"status: ([A-Z]+)")]
    private static partial Regex StatusRegex();
}
