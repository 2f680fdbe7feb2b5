using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ExternalDns.Testing.Route53;

/// <summary>
/// The AWS credential services a pod talks to, in process over plain HTTP on 127.0.0.1, written from the public API
/// references: AWS STS (Query API, version 2011-06-15) <c>AssumeRole</c> (SigV4-signed with a registered key, service
/// <c>sts</c>; the role must trust the caller, the external id must match) and <c>AssumeRoleWithWebIdentity</c>
/// (unsigned; the web identity token must be the one registered for the role: IRSA), and the container credentials
/// endpoint that EKS Pod Identity and ECS expose (<c>GET</c> with the <c>Authorization</c> token, JSON answer).
/// Every credential it issues is handed to <c>onIssued</c>, so the Route53 emulator accepts exactly those keys and a
/// test can tell which identity signed the writes.
/// </summary>
public sealed class AwsStsEmulator : IAsyncDisposable
{
    public const string ContainerCredentialsPath = "/v1/credentials";

    private readonly Lock _lock = new();
    private readonly Action<string, string, string> _onIssued;
    private readonly Dictionary<string, (string Secret, string? SessionToken)> _callers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _assumableRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _webIdentityRoles = new(StringComparer.Ordinal);
    private readonly List<AwsStsCall> _calls = [];
    private LoopbackHttpServer? _server;
    private int _failuresToInject;

    /// <param name="onIssued">Called with (access key id, secret, session token) for every credential issued.</param>
    public AwsStsEmulator(Action<string, string, string> onIssued)
    {
        _onIssued = onIssued;
    }

    /// <summary>http://127.0.0.1:{port}/: the value for AWS_ENDPOINT_URL_STS.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The value for AWS_CONTAINER_CREDENTIALS_FULL_URI.</summary>
    public Uri ContainerCredentialsUri => new(BaseAddress, ContainerCredentialsPath);

    /// <summary>The token the container credentials endpoint requires in <c>Authorization</c> (null: endpoint off).</summary>
    public string? ContainerAuthorizationToken { get; set; }

    /// <summary>The region STS requests must be signed for.</summary>
    public string SigningRegion { get; set; } = "us-east-1";

    /// <summary>How long issued credentials are valid.</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every request that reached an operation, in order.</summary>
    public IReadOnlyList<AwsStsCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<AwsStsEmulator> StartAsync(Action<string, string, string> onIssued, CancellationToken cancellationToken = default)
    {
        var emulator = new AwsStsEmulator(onIssued);
        emulator._server = await LoopbackHttpServer.StartAsync(emulator.HandleAsync, cancellationToken: cancellationToken).ConfigureAwait(false);
        emulator.BaseAddress = emulator._server.BaseAddress;
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    /// <summary>A caller (base credentials) that may call AssumeRole.</summary>
    public void AddCaller(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        lock (_lock)
        {
            _callers[accessKeyId] = (secretAccessKey, sessionToken);
        }
    }

    /// <summary>A role whose trust policy admits the registered callers, optionally only with this external id.</summary>
    public void AllowAssumeRole(string roleArn, string? externalId = null)
    {
        lock (_lock)
        {
            _assumableRoles[roleArn] = externalId;
        }
    }

    /// <summary>A role that trusts this web identity token (the projected service account token of IRSA).</summary>
    public void AllowWebIdentity(string roleArn, string token)
    {
        lock (_lock)
        {
            _webIdentityRoles[roleArn] = token;
        }
    }

    /// <summary>The next <paramref name="count"/> requests, of any kind, get 503 ServiceUnavailable.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToInject, count);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        if (TakeFailure())
        {
            Record(new AwsStsCall("Fault", null, null, null, null));
            await RespondXmlAsync(context, 503, Error("Receiver", "ServiceUnavailable", "Service is unavailable.", requestId)).ConfigureAwait(false);
            return;
        }

        if (request.Method == "GET" && request.Path == ContainerCredentialsPath)
        {
            await HandleContainerCredentialsAsync(context).ConfigureAwait(false);
            return;
        }

        if (request.Method != "POST")
        {
            await RespondXmlAsync(context, 405, Error("Sender", "InvalidAction", "Could not find operation " + request.Method + " " + request.Path, requestId)).ConfigureAwait(false);
            return;
        }

        var form = ParseForm(Encoding.UTF8.GetString(body));
        var action = form.GetValueOrDefault("Action");
        if (form.GetValueOrDefault("Version") != "2011-06-15")
        {
            await RespondXmlAsync(context, 400, Error("Sender", "InvalidParameterValue", "Version must be 2011-06-15", requestId)).ConfigureAwait(false);
            return;
        }

        var roleArn = form.GetValueOrDefault("RoleArn");
        var sessionName = form.GetValueOrDefault("RoleSessionName");
        if (string.IsNullOrEmpty(roleArn) || string.IsNullOrEmpty(sessionName))
        {
            await RespondXmlAsync(context, 400, Error("Sender", "MissingParameter", "RoleArn and RoleSessionName are required", requestId)).ConfigureAwait(false);
            return;
        }

        switch (action)
        {
            case "AssumeRole":
                await HandleAssumeRoleAsync(context, rawTarget, body, form, roleArn, sessionName, requestId).ConfigureAwait(false);
                return;
            case "AssumeRoleWithWebIdentity":
                await HandleWebIdentityAsync(context, form, roleArn, sessionName, requestId).ConfigureAwait(false);
                return;
            default:
                await RespondXmlAsync(context, 400, Error("Sender", "InvalidAction", $"Could not find operation {action} for version 2011-06-15", requestId)).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Consumes one injected failure, if any are left.</summary>
    private bool TakeFailure()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _failuresToInject);
            if (left <= 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _failuresToInject, left - 1, left) != left);

        return true;
    }

    private async Task HandleAssumeRoleAsync(HttpContext context, string rawTarget, byte[] body, Dictionary<string, string> form, string roleArn, string sessionName, string requestId)
    {
        Func<string, (string Secret, string? SessionToken)?> lookup = key =>
        {
            lock (_lock)
            {
                return _callers.TryGetValue(key, out var c) ? c : null;
            }
        };
        var failure = Route53SigV4Verifier.Verify(context.Request, rawTarget, body, lookup, SigningRegion, DateTimeOffset.UtcNow, out var caller, "sts");
        var externalId = form.GetValueOrDefault("ExternalId");
        Record(new AwsStsCall("AssumeRole", roleArn, sessionName, externalId, caller));
        if (failure is not null)
        {
            await RespondXmlAsync(context, 403, Error("Sender", failure.Code, failure.Message, requestId)).ConfigureAwait(false);
            return;
        }

        bool allowed;
        string? requiredExternalId;
        lock (_lock)
        {
            allowed = _assumableRoles.TryGetValue(roleArn, out requiredExternalId);
        }

        if (!allowed || (requiredExternalId is not null && requiredExternalId != externalId))
        {
            var message = $"User: arn:aws:iam::123456789012:user/{caller} is not authorized to perform: sts:AssumeRole on resource: {roleArn}";
            await RespondXmlAsync(context, 403, Error("Sender", "AccessDenied", message, requestId)).ConfigureAwait(false);
            return;
        }

        var issued = Issue();
        await RespondXmlAsync(context, 200, Success("AssumeRole", roleArn, sessionName, issued, requestId, null)).ConfigureAwait(false);
    }

    private async Task HandleWebIdentityAsync(HttpContext context, Dictionary<string, string> form, string roleArn, string sessionName, string requestId)
    {
        var token = form.GetValueOrDefault("WebIdentityToken");
        Record(new AwsStsCall("AssumeRoleWithWebIdentity", roleArn, sessionName, null, null));
        if (context.Request.Headers.ContainsKey("Authorization"))
        {
            // The real service ignores a signature here; an SDK that signs with whatever credentials it found is wrong.
            await RespondXmlAsync(context, 400, Error("Sender", "InvalidParameterValue", "AssumeRoleWithWebIdentity is an unsigned call", requestId)).ConfigureAwait(false);
            return;
        }

        string? expected;
        lock (_lock)
        {
            expected = _webIdentityRoles.GetValueOrDefault(roleArn);
        }

        if (string.IsNullOrEmpty(token) || expected is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected)))
        {
            await RespondXmlAsync(context, 400, Error("Sender", "InvalidIdentityToken", "Couldn't retrieve verification key from your identity provider", requestId)).ConfigureAwait(false);
            return;
        }

        var issued = Issue();
        await RespondXmlAsync(context, 200, Success("AssumeRoleWithWebIdentity", roleArn, sessionName, issued, requestId, "system:serviceaccount:external-dns:external-dns")).ConfigureAwait(false);
    }

    private async Task HandleContainerCredentialsAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Record(new AwsStsCall("ContainerCredentials", null, null, null, null));
        var expected = ContainerAuthorizationToken;
        if (expected is null || authorization != expected)
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"code\":\"AccessDeniedException\",\"message\":\"Authorization token is invalid\"}", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var issued = Issue();
        var json = $"{{\"AccessKeyId\":\"{issued.KeyId}\",\"SecretAccessKey\":\"{issued.Secret}\",\"Token\":\"{issued.Token}\",\"AccountId\":\"123456789012\",\"Expiration\":\"{Format(issued.Expiration)}\"}}";
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private (string KeyId, string Secret, string Token, DateTimeOffset Expiration) Issue()
    {
        var keyId = "ASIA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
        _onIssued(keyId, secret, token);
        return (keyId, secret, token, DateTimeOffset.UtcNow.Add(CredentialLifetime));
    }

    private void Record(AwsStsCall call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            form[key] = value;
        }

        return form;
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static byte[] Success(string action, string roleArn, string sessionName, (string KeyId, string Secret, string Token, DateTimeOffset Expiration) issued, string requestId, string? subject)
    {
        var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
        return Xml(w =>
        {
            w.WriteStartElement(action + "Response", "https://sts.amazonaws.com/doc/2011-06-15/");
            w.WriteStartElement(action + "Result");
            if (subject is not null)
            {
                w.WriteElementString("SubjectFromWebIdentityToken", subject);
                w.WriteElementString("Audience", "sts.amazonaws.com");
                w.WriteElementString("Provider", "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE");
            }

            w.WriteStartElement("AssumedRoleUser");
            w.WriteElementString("Arn", $"arn:aws:sts::123456789012:assumed-role/{roleName}/{sessionName}");
            w.WriteElementString("AssumedRoleId", $"AROA{roleName.Length:D4}EXAMPLE:{sessionName}");
            w.WriteEndElement();
            w.WriteStartElement("Credentials");
            w.WriteElementString("AccessKeyId", issued.KeyId);
            w.WriteElementString("SecretAccessKey", issued.Secret);
            w.WriteElementString("SessionToken", issued.Token);
            w.WriteElementString("Expiration", Format(issued.Expiration));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("ResponseMetadata");
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static byte[] Error(string type, string code, string message, string requestId) => Xml(w =>
    {
        w.WriteStartElement("ErrorResponse", "https://sts.amazonaws.com/doc/2011-06-15/");
        w.WriteStartElement("Error");
        w.WriteElementString("Type", type);
        w.WriteElementString("Code", code);
        w.WriteElementString("Message", message);
        w.WriteEndElement();
        w.WriteElementString("RequestId", requestId);
        w.WriteEndElement();
    });

    private static byte[] Xml(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static async Task RespondXmlAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>One request the credential emulator answered: the action, role, session name, external id and signing key.</summary>
public sealed record AwsStsCall(string Action, string? RoleArn, string? SessionName, string? ExternalId, string? CallerAccessKeyId);
