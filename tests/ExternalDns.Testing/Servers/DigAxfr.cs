using System.Diagnostics;
using System.Globalization;

namespace ExternalDns.Testing.Servers;

/// <summary>Zone transfers with the <c>dig</c> program, as a separate process: an independent view of a server's zone.</summary>
public static class DigAxfr
{
    /// <summary>
    /// The records of <paramref name="zone"/> on 127.0.0.1:<paramref name="port"/> as "name TYPE data" lines (TTL and class
    /// dropped, SOA included as "name SOA serial"), optionally TSIG-signed with <c>alg:name:secret</c>.
    /// </summary>
    public static IReadOnlyList<string> Records(int port, string zone, string? tsig = null) =>
        [.. Lines(port, zone, tsig)
            .Select(l => l.Split(' '))
            .Select(p => p[3] == "SOA" ? $"{p[0]} SOA {p[6]}" : $"{p[0]} {p[3]} {string.Join(' ', p[4..])}")
            .Distinct()];

    /// <summary>
    /// The zone's records as <c>dig</c> prints them, one line each with single spaces: name, TTL, class, type, data.
    /// Throws when the transfer fails.
    /// </summary>
    public static IReadOnlyList<string> Lines(int port, string zone, string? tsig = null)
    {
        var info = new ProcessStartInfo("dig") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", port.ToString(CultureInfo.InvariantCulture), "@127.0.0.1", "+time=2", "+tries=1", zone, "AXFR", "+noall", "+answer", "+nocmd" })
        {
            info.ArgumentList.Add(arg);
        }

        if (tsig is not null)
        {
            info.ArgumentList.Add("-y");
            info.ArgumentList.Add(tsig);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dig did not start (install bind9-dnsutils)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dig AXFR {zone} did not finish");
        }

        var output = stdout.Result;
        if (process.ExitCode != 0 || output.Contains("Transfer failed", StringComparison.Ordinal) || output.Contains("communications error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"dig AXFR {zone} failed ({process.ExitCode}): {output}{stderr.Result}");
        }

        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith(';'))
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))];
    }
}
