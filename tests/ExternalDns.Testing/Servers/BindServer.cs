using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ExternalDns.Testing.Servers;

/// <summary>
/// A real BIND 9 (<c>named</c>) on 127.0.0.1 and a free port, started by <c>tests/servers/bind/run-bind.sh</c> into
/// a temporary directory, with zones <see cref="Zones"/> updatable and transferable with the TSIG key
/// <see cref="KeyName"/>. Use as an xunit class or collection fixture (the constructor starts and waits until the
/// zones answer; <see cref="Dispose"/> stops it by PID). Throws <see cref="InvalidOperationException"/> — the test
/// fails, it is not skipped — when <c>named</c> or <c>dig</c> is not installed.
/// </summary>
public sealed class BindServer : IDisposable
{
    public const string KeyName = "externaldns-key";

    public const string KeyAlgorithm = "hmac-sha256";

    /// <summary>The test key's secret (also in tests/servers/bind/tsig.key; not a real secret).</summary>
    public const string KeySecret = "Cyoi7E388ajyeE4itCurrYABl8PruHXPzvWvj4fhuyo=";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(30);
    private bool _disposed;

    public BindServer()
        : this(new BindServerOptions())
    {
    }

    /// <summary>
    /// Starts BIND with the optional DNS-over-TLS listener and GSS-TSIG zone of <paramref name="options"/> (internal: an
    /// xunit fixture may have one public constructor; see <see cref="BindTlsServer"/> and <see cref="KerberosBindServer"/>).
    /// </summary>
    internal BindServer(BindServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ScriptDirectory = FindScriptDirectory();
        RequireTool("named", "bind9");
        RequireTool("dig", "bind9-dnsutils");
        WorkDirectory = Path.Combine(Path.GetTempPath(), "externaldns-bind-" + Guid.NewGuid().ToString("N")[..12]);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.TlsCertificatePem is not null)
        {
            var tls = Path.Combine(WorkDirectory, "tls");
            Directory.CreateDirectory(tls);
            File.WriteAllText(Path.Combine(tls, "server.crt"), options.TlsCertificatePem);
            File.WriteAllText(Path.Combine(tls, "server.key"), options.TlsKeyPem ?? throw new ArgumentException("TlsKeyPem is required with TlsCertificatePem.", nameof(options)));
            if (options.TlsClientCaPem is not null)
            {
                File.WriteAllText(Path.Combine(tls, "client-ca.crt"), options.TlsClientCaPem);
                environment["BIND_TLS_CLIENT_CA"] = Path.Combine(tls, "client-ca.crt");
            }
        }

        if (options.GssKeytab is not null)
        {
            environment["BIND_GSS_KEYTAB"] = options.GssKeytab;
            environment["BIND_GSS_PRINCIPAL"] = options.GssPrincipal ?? throw new ArgumentException("GssPrincipal is required with GssKeytab.", nameof(options));
            environment["KRB5_CONFIG"] = options.Krb5Config ?? throw new ArgumentException("Krb5Config is required with GssKeytab.", nameof(options));
        }

        string? lastOutput = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort();
            var tlsPort = options.TlsCertificatePem is null ? 0 : FreePort();
            if (tlsPort != 0)
            {
                environment["BIND_TLS_PORT"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var (exitCode, output) = Run(Path.Combine(ScriptDirectory, "run-bind.sh"), [WorkDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], ScriptTimeout, environment);
            if (exitCode == 0)
            {
                Port = port;
                TlsPort = tlsPort;
                Pid = int.Parse(File.ReadAllText(Path.Combine(WorkDirectory, "named.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                return;
            }

            lastOutput = output;
            if (exitCode == 2)
            {
                break; // named missing
            }
        }

        TryDeleteWorkDirectory();
        throw new InvalidOperationException($"BIND did not start (tests/servers/bind/run-bind.sh):\n{lastOutput}");
    }

    public static IReadOnlyList<string> Zones { get; } = ["example.org", "example.net"];

    /// <summary>Reverse zones for PTR records, same key and permissions: 192.0.2.0/24 and 2001:db8::/32.</summary>
    public static IReadOnlyList<string> ReverseZones { get; } = ["2.0.192.in-addr.arpa", "8.b.d.0.1.0.0.2.ip6.arpa"];

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The DNS-over-TLS port (0 unless started with a TLS certificate).</summary>
    public int TlsPort { get; }

    public int Pid { get; }

    public string WorkDirectory { get; }

    public string ScriptDirectory { get; }

    public bool IsRunning
    {
        get
        {
            try
            {
                using var process = Process.GetProcessById(Pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    /// <summary>Runs <c>dig -p PORT @127.0.0.1 ARGS</c> as a separate process; returns its exit code and output.</summary>
    public (int ExitCode, string Output) Dig(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Run("dig", ["-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "@" + Host, "+time=2", "+tries=1", .. args], ScriptTimeout);
    }

    /// <summary>
    /// The zone's records as <c>dig</c> prints them (one line each: name, TTL, class, type, data), transferred with a
    /// TSIG-signed AXFR by <c>dig -y</c>: an independent check of what the server holds. Throws when dig fails.
    /// </summary>
    public IReadOnlyList<string> DigAxfr(string zone) => Servers.DigAxfr.Lines(Port, zone, $"{KeyAlgorithm}:{KeyName}:{KeySecret}");

    /// <summary>
    /// Applies update lines (<c>update add NAME TTL TYPE DATA</c>, <c>update delete …</c>) to <paramref name="zone"/> with
    /// BIND's own <c>nsupdate -y</c>, as a separate process: records made "by hand", outside ExternalDns.
    /// </summary>
    public void Nsupdate(string zone, params string[] updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var script = Path.Combine(WorkDirectory, $"nsupdate-{Guid.NewGuid():N}.txt");
        File.WriteAllText(script, $"server {Host} {Port}\nzone {zone}\n{string.Join('\n', updates)}\nsend\n");
        var (exitCode, output) = Run("nsupdate", ["-y", $"{KeyAlgorithm}:{KeyName}:{KeySecret}", script], ScriptTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"nsupdate failed ({exitCode}):\n{output}");
        }
    }

    /// <summary>Stops the server (the fixture stays usable for assertions about a stopped server).</summary>
    public void Stop()
    {
        Run(Path.Combine(ScriptDirectory, "stop-bind.sh"), [WorkDirectory], ScriptTimeout);
        if (IsRunning)
        {
            using var process = Process.GetProcessById(Pid);
            process.Kill();
            process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Stop();
        TryDeleteWorkDirectory();
    }

    internal static string FindScriptDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("EXTERNALDNS_BIND_SCRIPTS");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "run-bind.sh")))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "servers", "bind");
            if (File.Exists(Path.Combine(candidate, "run-bind.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/servers/bind/run-bind.sh not found above {AppContext.BaseDirectory} (set EXTERNALDNS_BIND_SCRIPTS).");
    }

    private static void RequireTool(string tool, string package)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/sbin").Append("/usr/bin");
        if (!path.Any(p => p.Length > 0 && File.Exists(Path.Combine(p, tool))))
        {
            throw new InvalidOperationException(
                $"'{tool}' is not installed, so the BIND integration tests cannot run: apt-get install -y bind9 bind9-utils bind9-dnsutils (package {package}; CI runs tests/servers/install.sh).");
        }
    }

    internal static int FreePort()
    {
        for (var i = 0; i < 20; i++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // UDP port taken: try another
            }
        }

        throw new InvalidOperationException("No free port on 127.0.0.1 for BIND.");
    }

    internal static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout.TotalSeconds} s.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private void TryDeleteWorkDirectory()
    {
        try
        {
            if (Directory.Exists(WorkDirectory))
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // a file still held open by a dying named; the temp directory is cleaned up by the OS eventually
        }
        catch (UnauthorizedAccessException)
        {
            // as above
        }
    }
}
