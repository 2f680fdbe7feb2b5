using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>
/// A Lease-only Kubernetes API server (plain HTTP/1.1 on 127.0.0.1) served by dedicated threads with blocking sockets,
/// so it keeps answering while this process's thread pool is saturated — as a real API server, another process, does.
/// (The Kestrel emulator runs on the thread pool: under a saturated pool it is starved with the client it serves.)
/// GET/POST/PUT of coordination.k8s.io/v1 leases with resourceVersion concurrency (409 on a stale PUT or an existing
/// POST, 404 Status for a missing lease); every write is recorded with the time it was received.
/// </summary>
public sealed class ThreadedLeaseServer : IDisposable
{
    private const string Prefix = "/apis/coordination.k8s.io/v1/namespaces/";
    private readonly Socket _listener;
    private readonly Thread _acceptor;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Lease> _leases = [];
    private readonly ConcurrentBag<Socket> _connections = [];
    private readonly ConcurrentBag<Thread> _threads = [];
    private long _version = 100;
    private int _gets;
    private volatile bool _stopped;

    public ThreadedLeaseServer()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(16);
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}");
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "lease server accept" };
        _acceptor.Start();
    }

    public Uri Uri { get; }

    /// <summary>The first GET answers only after this long (a cold connection to a loaded API server).</summary>
    public TimeSpan FirstGetDelay { get; init; }

    /// <summary>Successful writes (create, update), in order, with the time the request was received.</summary>
    public ConcurrentQueue<(DateTimeOffset ReceivedAt, string Method, string? Holder)> Writes { get; } = new();

    public Lease? Peek(string ns, string name)
    {
        lock (_lock)
        {
            return _leases.TryGetValue(ns + "/" + name, out var lease) ? Copy(lease) : null;
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Dispose();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        _acceptor.Join();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Accept()
    {
        while (!_stopped)
        {
            Socket connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (Exception e) when (_stopped && e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections.Add(connection);
            var thread = new Thread(() => Serve(connection)) { IsBackground = true, Name = "lease server connection" };
            _threads.Add(thread);
            thread.Start();
        }
    }

    private void Serve(Socket connection)
    {
        try
        {
            using var stream = new NetworkStream(connection, ownsSocket: true);
            while (ReadRequest(stream) is { } request)
            {
                var received = DateTimeOffset.UtcNow;
                var (status, body) = Handle(request.Method, request.Path, request.Body, received);
                var head = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
                stream.Write(head);
                stream.Write(body);
            }
        }
        catch (Exception e) when (_stopped && e is IOException or SocketException or ObjectDisposedException)
        {
            // Shutting down: the connection was closed under the blocking read.
        }
    }

    private (int Status, byte[] Body) Handle(string method, string path, byte[] body, DateTimeOffset received)
    {
        // /apis/coordination.k8s.io/v1/namespaces/{ns}/leases[/{name}]
        var parts = path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..].Split('/') : [];
        if (parts.Length is < 2 or > 3 || parts[1] != "leases")
        {
            return Status(404, "NotFound", $"no route {method} {path}");
        }

        var ns = parts[0];
        if (method == "GET" && parts.Length == 3)
        {
            if (Interlocked.Increment(ref _gets) == 1 && FirstGetDelay > TimeSpan.Zero)
            {
                Thread.Sleep(FirstGetDelay);
            }

            var found = Peek(ns, parts[2]);
            return found is null ? Status(404, "NotFound", $"leases \"{parts[2]}\" not found") : (200, Serialize(found));
        }

        var lease = JsonSerializer.Deserialize(body, KubeClientJsonContext.Default.Lease)
            ?? throw new InvalidDataException($"{method} {path}: empty body");
        var name = lease.Metadata.Name ?? "";
        var key = ns + "/" + name;
        lock (_lock)
        {
            if (method == "POST" && parts.Length == 2)
            {
                if (_leases.ContainsKey(key))
                {
                    return Status(409, "AlreadyExists", $"leases \"{name}\" already exists");
                }
            }
            else if (method == "PUT" && parts.Length == 3 && parts[2] == name)
            {
                if (!_leases.TryGetValue(key, out var current) || current.Metadata.ResourceVersion != lease.Metadata.ResourceVersion)
                {
                    return Status(409, "Conflict", $"Operation cannot be fulfilled on leases \"{name}\": the object has been modified");
                }
            }
            else
            {
                return Status(405, "MethodNotAllowed", $"{method} {path}");
            }

            lease.Metadata.Namespace = ns;
            lease.Metadata.ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture);
            _leases[key] = Copy(lease);
            Writes.Enqueue((received, method, lease.Spec?.HolderIdentity));
            return (method == "POST" ? 201 : 200, Serialize(lease));
        }
    }

    private static (int, byte[]) Status(int code, string reason, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "Status");
            json.WriteString("apiVersion", "v1");
            json.WriteString("status", "Failure");
            json.WriteString("message", message);
            json.WriteString("reason", reason);
            json.WriteNumber("code", code);
            json.WriteEndObject();
        }

        return (code, buffer.ToArray());
    }

    private static byte[] Serialize(Lease lease) => JsonSerializer.SerializeToUtf8Bytes(lease, KubeClientJsonContext.Default.Lease);

    private static Lease Copy(Lease lease) => JsonSerializer.Deserialize(Serialize(lease), KubeClientJsonContext.Default.Lease)!;

    private static (string Method, string Path, byte[] Body)? ReadRequest(Stream stream)
    {
        var head = new List<byte>(512);
        while (head.Count < 4 || head[^1] != '\n' || head[^2] != '\r' || head[^3] != '\n' || head[^4] != '\r')
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            head.Add((byte)b);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var length = 0;
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException("chunked request bodies are not supported by this test server");
            }
        }

        var body = new byte[length];
        stream.ReadExactly(body);
        var target = requestLine[1];
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return (requestLine[0], query < 0 ? target : target[..query], body);
    }
}
