using System.Runtime.InteropServices;

namespace ExternalDns.Testing.Servers;

/// <summary>
/// An MIT Kerberos KDC (realm <see cref="Realm"/>, started by <c>tests/servers/kerberos/run-kdc.sh</c>) and a
/// <see cref="BindServer"/> that accepts GSS-TSIG with the KDC's key table for <c>DNS/127.0.0.1</c> and serves the zone
/// <see cref="Zone"/>, updatable by <see cref="Principal"/>; all on 127.0.0.1 in a temporary directory. The process's
/// native <c>KRB5_CONFIG</c> is pointed at the realm's krb5.conf so that in-process GSS-API calls find the KDC; child
/// processes get <see cref="Krb5Config"/> in their environment. Use as an xunit fixture.
/// </summary>
public sealed partial class KerberosBindServer : IDisposable
{
    public const string Realm = "EXAMPLE.TEST";

    public const string UserName = "externaldns";

    /// <summary>The test user's password (also in run-kdc.sh; a test value, not a secret).</summary>
    public const string Password = "externaldns-test-password";

    public const string Zone = "example.com";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(30);
    private readonly string _scripts;
    private bool _disposed;

    public KerberosBindServer()
    {
        _scripts = Path.Combine(Path.GetDirectoryName(BindServer.FindScriptDirectory())!, "kerberos");
        KdcDirectory = Path.Combine(Path.GetTempPath(), "externaldns-kdc-" + Guid.NewGuid().ToString("N")[..12]);
        string? output = null;
        for (var attempt = 0; attempt < 3 && KdcPort == 0; attempt++)
        {
            var port = BindServer.FreePort();
            var (exitCode, text) = BindServer.Run(Path.Combine(_scripts, "run-kdc.sh"), [KdcDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], ScriptTimeout);
            output = text;
            if (exitCode == 0)
            {
                KdcPort = port;
            }
            else if (exitCode == 2)
            {
                break; // not installed
            }
        }

        if (KdcPort == 0)
        {
            throw new InvalidOperationException($"The Kerberos KDC did not start (tests/servers/kerberos/run-kdc.sh; tests/servers/install.sh installs krb5-kdc):\n{output}");
        }

        Krb5Config = Path.Combine(KdcDirectory, "krb5.conf");
        try
        {
            Bind = new BindServer(new BindServerOptions { GssKeytab = Path.Combine(KdcDirectory, "dns.keytab"), GssPrincipal = Principal, Krb5Config = Krb5Config });
        }
        catch
        {
            StopKdc();
            throw;
        }

        if (SetNativeEnvironment("KRB5_CONFIG", Krb5Config, 1) != 0)
        {
            Dispose();
            throw new InvalidOperationException("setenv(KRB5_CONFIG) failed.");
        }
    }

    /// <summary>The user allowed to update <see cref="Zone"/>: user@REALM.</summary>
    public static string Principal => $"{UserName}@{Realm}";

    public BindServer Bind { get; }

    public int KdcPort { get; }

    public string KdcDirectory { get; }

    /// <summary>The realm's krb5.conf: give it to child processes as KRB5_CONFIG.</summary>
    public string Krb5Config { get; }

    /// <summary>The zone's records as dig prints them, transferred by an unsigned AXFR (allowed from 127.0.0.1).</summary>
    public IReadOnlyList<string> DigAxfr() => Servers.DigAxfr.Lines(Bind.Port, Zone, tsig: null);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Bind?.Dispose();
        StopKdc();
        try
        {
            Directory.Delete(KdcDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by the dying KDC: the OS cleans the temp directory eventually
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);

    private void StopKdc() => BindServer.Run(Path.Combine(_scripts, "stop-kdc.sh"), [KdcDirectory], ScriptTimeout);
}
