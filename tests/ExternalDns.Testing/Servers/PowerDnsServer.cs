using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Servers;

/// <summary>
/// A real PowerDNS Authoritative server (sqlite3 backend) for integration tests, started by
/// <c>tests/servers/pdns/run-pdns.sh</c> in a temporary directory on free 127.0.0.1 ports, with a random API key.
/// Usable directly as an xunit class or collection fixture: the constructor returns once the HTTP API answers,
/// <see cref="Dispose"/> kills the server by its PID (and the script's watchdog kills it if the test host dies
/// without disposing). Several test assemblies can run servers side by side. If PowerDNS is not installed the constructor throws, so the
/// tests fail (they are never skipped): run <c>tests/servers/install.sh</c> as root.
/// </summary>
public sealed class PowerDnsServer : IDisposable, IAsyncDisposable
{
    /// <summary>The server id in API paths.</summary>
    public const string ServerId = "localhost";

    private const int StartAttempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;
    private readonly EventHandler _onProcessExit;
    private int _stopped;

    /// <summary>Starts a server with a random API key (the one public constructor, as xunit fixtures need).</summary>
    public PowerDnsServer()
        : this(null)
    {
    }

    private PowerDnsServer(string? apiKey)
    {
        ApiKey = apiKey ?? "pdns-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        if (FindExecutable("pdns_server") is null)
        {
            throw new InvalidOperationException(
                "PowerDNS is not installed (pdns_server not found on PATH or in /usr/sbin). Run `sudo tests/servers/install.sh` "
                + "(Debian packages pdns-server, pdns-backend-sqlite3, sqlite3, curl). PowerDNS integration tests fail rather than skip.");
        }

        ScriptDirectory = FindScriptDirectory();
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var failures = new StringBuilder();
        for (var attempt = 1; ; attempt++)
        {
            WorkDirectory = Directory.CreateTempSubdirectory("pdns-test-").FullName;
            DnsPort = FreePort(tcpAndUdp: true);
            ApiPort = FreePort(tcpAndUdp: false, avoid: DnsPort);
            var (exitCode, output) = RunScript(
                "run-pdns.sh", WorkDirectory, DnsPort.ToString(), ApiPort.ToString(), ApiKey, Environment.ProcessId.ToString());
            if (exitCode == 0 && TryReadPid(out var pid))
            {
                ProcessId = pid;
                break;
            }

            failures.AppendLine($"attempt {attempt} (dns {DnsPort}, api {ApiPort}): exit {exitCode}: {output.Trim()}");
            RunScript("stop-pdns.sh", WorkDirectory);
            DeleteWorkDirectory();
            if (attempt >= StartAttempts)
            {
                _http.Dispose();
                throw new InvalidOperationException($"PowerDNS did not start:{Environment.NewLine}{failures}");
            }
        }

        _onProcessExit = (_, _) => Stop();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
        WaitUntilApiAnswers();
    }

    /// <summary>Starts a server that accepts the given API key.</summary>
    public static PowerDnsServer StartWithApiKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        return new PowerDnsServer(apiKey);
    }

    /// <summary>The X-API-Key value the server accepts.</summary>
    public string ApiKey { get; }

    /// <summary>DNS port on 127.0.0.1 (UDP and TCP).</summary>
    public int DnsPort { get; }

    /// <summary>HTTP API port on 127.0.0.1.</summary>
    public int ApiPort { get; }

    /// <summary>The API base URL (what <c>--pdns-server</c> takes), <c>http://127.0.0.1:{ApiPort}</c>.</summary>
    public Uri ApiUrl => new($"http://127.0.0.1:{ApiPort}");

    /// <summary><c>{ApiUrl}/api/v1/servers/localhost/zones</c>.</summary>
    public Uri ZonesUrl => new(ApiUrl, $"/api/v1/servers/{ServerId}/zones");

    /// <summary>The DNS endpoint, 127.0.0.1:<see cref="DnsPort"/>.</summary>
    public IPEndPoint DnsEndPoint => new(IPAddress.Loopback, DnsPort);

    /// <summary>PID of pdns_server.</summary>
    public int ProcessId { get; }

    /// <summary>The temporary directory with pdns.conf, the database and pdns.log (deleted on dispose).</summary>
    public string WorkDirectory { get; private set; } = string.Empty;

    /// <summary>tests/servers/pdns.</summary>
    public string ScriptDirectory { get; }

    /// <summary>False after <see cref="Stop"/> or when the process has died.</summary>
    public bool IsRunning
    {
        get
        {
            if (Volatile.Read(ref _stopped) != 0)
            {
                return false;
            }

            try
            {
                using var process = Process.GetProcessById(ProcessId);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    /// <summary>The server's log so far (for failure messages).</summary>
    public string ReadLog()
    {
        var path = Path.Combine(WorkDirectory, "pdns.log");
        return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
    }

    /// <summary>Creates a Native zone (name with or without trailing dot) with the default SOA and no NS records.</summary>
    public async Task CreateZoneAsync(string zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var body = new JsonObject
        {
            ["name"] = Absolute(zone),
            ["kind"] = "Native",
            ["nameservers"] = new JsonArray(),
        };
        using var request = Request(HttpMethod.Post, ZonesUrl, body.ToJsonString());
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.Created, $"create zone {zone}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the server has the zone (GET answers 200), false on 404.</summary>
    public async Task<bool> ZoneExistsAsync(string zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var request = Request(HttpMethod.Get, ZoneUrl(zone), null);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureAsync(response, HttpStatusCode.OK, $"get zone {zone}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Deletes a zone.</summary>
    public async Task DeleteZoneAsync(string zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var request = Request(HttpMethod.Delete, ZoneUrl(zone), null);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.NoContent, $"delete zone {zone}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The zone with its rrsets as the API returns it (JSON text).</summary>
    public async Task<string> GetZoneJsonAsync(string zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var request = Request(HttpMethod.Get, ZoneUrl(zone), null);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.OK, $"get zone {zone}", cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends an rrset PATCH body (JSON text) directly, bypassing any provider (to set up test data).</summary>
    public async Task PatchZoneAsync(string zone, string rrsetsJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var request = Request(HttpMethod.Patch, ZoneUrl(zone), rrsetsJson);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.NoContent, $"patch zone {zone}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the server (by PID) and waits for it to exit. Idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            process.Kill();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                throw new InvalidOperationException($"pdns_server pid {ProcessId} did not exit within 10 s of SIGKILL");
            }
        }
        catch (ArgumentException)
        {
            // Already gone (it crashed or was killed): nothing to stop.
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        Stop();
        _http.Dispose();
        DeleteWorkDirectory();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Absolute(string name) => name.EndsWith('.') ? name : name + ".";

    private Uri ZoneUrl(string zone) => new(ApiUrl, $"/api/v1/servers/{ServerId}/zones/{Uri.EscapeDataString(Absolute(zone))}");

    private HttpRequestMessage Request(HttpMethod method, Uri url, string? json)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-API-Key", ApiKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"PowerDNS test server: {what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
    }

    private void WaitUntilApiAnswers()
    {
        var deadline = Stopwatch.StartNew();
        var last = "no attempt";
        while (deadline.Elapsed < ReadyTimeout)
        {
            try
            {
                using var request = Request(HttpMethod.Get, new Uri(ApiUrl, $"/api/v1/servers/{ServerId}"), null);
                using var response = _http.Send(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            Thread.Sleep(50);
        }

        var log = ReadLog();
        Dispose();
        throw new InvalidOperationException($"PowerDNS API on {ApiUrl} did not answer within {ReadyTimeout.TotalSeconds} s ({last}). Log:{Environment.NewLine}{log}");
    }

    private bool TryReadPid(out int pid)
    {
        var path = Path.Combine(WorkDirectory, "pdns.pid");
        pid = 0;
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out pid) && pid > 0;
    }

    private (int ExitCode, string Output) RunScript(string script, params string[] args)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(ScriptDirectory, script));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {script}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within 30 s");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }

    private void DeleteWorkDirectory()
    {
        if (WorkDirectory.Length == 0 || !Directory.Exists(WorkDirectory))
        {
            return;
        }

        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless; the server itself has been stopped.
        }
    }

    private static string? FindExecutable(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindScriptDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("EXTERNALDNS_TEST_SERVERS");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "pdns", "run-pdns.sh")))
        {
            return Path.Combine(fromEnv, "pdns");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "servers", "pdns");
            if (File.Exists(Path.Combine(candidate, "run-pdns.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"tests/servers/pdns/run-pdns.sh not found above {AppContext.BaseDirectory}; set EXTERNALDNS_TEST_SERVERS to the tests/servers directory");
    }

    private static int FreePort(bool tcpAndUdp, int avoid = 0)
    {
        for (var i = 0; i < 50; i++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port == avoid)
            {
                continue;
            }

            if (!tcpAndUdp)
            {
                return port;
            }

            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // UDP side taken: try another port.
            }
        }

        throw new InvalidOperationException("no free port pair on 127.0.0.1");
    }
}
