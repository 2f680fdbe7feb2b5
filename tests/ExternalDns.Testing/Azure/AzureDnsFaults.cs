using System.Net;

namespace ExternalDns.Testing.Azure;

/// <summary>
/// Faults injected into ARM requests (never into the identity endpoints): throttling with Retry-After and server errors
/// on the next N requests (optionally of one operation), persistent rejection of chosen writes (400 BadRequest) and
/// a principal without write permission (403 AuthorizationFailed).
/// </summary>
public sealed class AzureDnsFaults
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];
    private Func<AzureWriteRequest, bool>? _reject;
    private string _rejectMessage = "The record set was rejected.";

    /// <summary>When true, every PUT or DELETE gets 403 AuthorizationFailed (a Reader-only role assignment).</summary>
    public bool ForbidWrites { get; set; }

    /// <summary>The next <paramref name="count"/> ARM requests (of <paramref name="operation"/> when given) get 429 with
    /// <c>Retry-After: seconds</c>.</summary>
    public void Throttle(int count, TimeSpan retryAfter, string? operation = null) =>
        Add(new Pending(count, HttpStatusCode.TooManyRequests, retryAfter, operation));

    /// <summary>The next <paramref name="count"/> ARM requests (of <paramref name="operation"/> when given) get
    /// <paramref name="status"/> (500 by default).</summary>
    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.InternalServerError, string? operation = null) =>
        Add(new Pending(count, status, null, operation));

    /// <summary>Record set writes matching <paramref name="predicate"/> get 400 BadRequest with <paramref name="message"/>
    /// until <see cref="Clear"/>.</summary>
    public void RejectWrites(Func<AzureWriteRequest, bool> predicate, string message = "The record set was rejected.")
    {
        lock (_lock)
        {
            _reject = predicate;
            _rejectMessage = message;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pending.Clear();
            _reject = null;
            ForbidWrites = false;
        }
    }

    internal (HttpStatusCode Status, TimeSpan? RetryAfter)? Take(string operation)
    {
        lock (_lock)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                var p = _pending[i];
                if (p.Operation is not null && p.Operation != operation)
                {
                    continue;
                }

                p.Remaining--;
                if (p.Remaining <= 0)
                {
                    _pending.RemoveAt(i);
                }

                return (p.Status, p.RetryAfter);
            }

            return null;
        }
    }

    internal string? Rejection(AzureWriteRequest write)
    {
        lock (_lock)
        {
            return _reject is not null && _reject(write) ? _rejectMessage : null;
        }
    }

    private void Add(Pending pending)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pending.Remaining);
        lock (_lock)
        {
            _pending.Add(pending);
        }
    }

    private sealed class Pending(int remaining, HttpStatusCode status, TimeSpan? retryAfter, string? operation)
    {
        public int Remaining { get; set; } = remaining;

        public HttpStatusCode Status { get; } = status;

        public TimeSpan? RetryAfter { get; } = retryAfter;

        public string? Operation { get; } = operation;
    }
}
