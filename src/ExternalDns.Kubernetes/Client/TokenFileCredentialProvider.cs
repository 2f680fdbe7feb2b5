using System.Net.Http.Headers;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// A bearer token read from a file (kubeconfig <c>tokenFile</c>, or the in-cluster service account token). The file
/// is re-read when its timestamp or size changes, at least once a minute, and after a 401: projected service account
/// tokens are rotated by the kubelet.
/// </summary>
internal sealed class TokenFileCredentialProvider : KubeCredentialProvider
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly string _path;
    private readonly string _description;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private KubeCredential? _cached;
    private DateTime _cachedWriteTime;
    private long _cachedLength;
    private DateTimeOffset _cachedAt;

    public TokenFileCredentialProvider(string path, string description, TimeProvider time)
    {
        _path = path;
        _description = description;
        _time = time;
    }

    public override string Description => _description;

    public override ValueTask<KubeCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        FileInfo info;
        try
        {
            info = new FileInfo(_path);
            info.Refresh();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"cannot read the token file {_path} of {_description}: {e.Message}", e);
        }

        lock (_lock)
        {
            if (_cached is not null && info.Exists && info.LastWriteTimeUtc == _cachedWriteTime && info.Length == _cachedLength
                && now - _cachedAt < MaxAge)
            {
                return ValueTask.FromResult(_cached);
            }

            string token;
            try
            {
                token = File.ReadAllText(_path).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (_cached is not null)
                {
                    // Mid-rotation: keep using the last token rather than failing the request.
                    return ValueTask.FromResult(_cached);
                }

                throw new KubeConfigException($"cannot read the token file {_path} of {_description}: {e.Message}", e);
            }

            if (token.Length == 0)
            {
                if (_cached is not null)
                {
                    return ValueTask.FromResult(_cached);
                }

                throw new KubeConfigException($"the token file {_path} of {_description} is empty");
            }

            _cached = new KubeCredential(new AuthenticationHeaderValue("Bearer", token), null, null);
            _cachedWriteTime = info.LastWriteTimeUtc;
            _cachedLength = info.Length;
            _cachedAt = now;
            return ValueTask.FromResult(_cached);
        }
    }

    public override bool Invalidate(KubeCredential used)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_cached, used))
            {
                _cached = null;
            }
        }

        return true;
    }
}
