using System.Globalization;

namespace ExternalDns.Cli;

/// <summary>Parses and formats durations the way Go's <c>time.ParseDuration</c> spells them (<c>1h30m</c>, <c>250ms</c>).</summary>
public static class GoDuration
{
    /// <summary>Parses <c>[-]N unit ...</c> with units ns, us, µs, ms, s, m, h (fractions allowed); a bare number is seconds.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            value = TimeSpan.FromSeconds(bare);
            return true;
        }

        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return false;
        }

        double totalTicks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            double? ticksPerUnit = s[unitStart..i] switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticksPerUnit is null)
            {
                return false;
            }

            totalTicks += number * ticksPerUnit.Value;
        }

        if (totalTicks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)(negative ? -totalTicks : totalTicks));
        return true;
    }

    /// <summary>Formats as Go does for whole units: <c>1m0s</c>, <c>5s</c>, <c>1h30m0s</c>, <c>250ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1) && value > TimeSpan.Zero)
        {
            return $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
        }

        var sign = value < TimeSpan.Zero ? "-" : string.Empty;
        var v = value.Duration();
        var hours = (long)v.TotalHours;
        var text = hours > 0 ? $"{hours}h{v.Minutes}m" : v.Minutes > 0 ? $"{v.Minutes}m" : string.Empty;
        var seconds = v.Seconds + (v.Milliseconds / 1000.0);
        return sign + text + seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
