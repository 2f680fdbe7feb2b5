using System.Globalization;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>Resident memory of a process from <c>/proc/PID/status</c>: VmRSS (now) and VmHWM (peak), in bytes.</summary>
internal readonly record struct ProcStatus(long VmRss, long VmHwm)
{
    public static ProcStatus Read(int pid)
    {
        long rss = -1, hwm = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
        }

        if (rss < 0 || hwm < 0)
        {
            throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS/VmHWM");
        }

        return new ProcStatus(rss, hwm);
    }

    /// <summary>"VmRSS:	  123456 kB" → bytes.</summary>
    private static long Kilobytes(string line)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[2] != "kB")
        {
            throw new FormatException("unexpected /proc status line: " + line);
        }

        return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
    }
}
