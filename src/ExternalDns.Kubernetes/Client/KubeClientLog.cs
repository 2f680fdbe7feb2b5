using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Client;

/// <summary>Source-generated log messages of the Kubernetes client. None carries a token, key or password.</summary>
internal static partial class KubeClientLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "In-cluster CA file {Path} does not exist; using the system trust store")]
    public static partial void InClusterCaMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Kubernetes {Method} {Path} answered {StatusCode}; retrying in {Delay} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void Retrying(ILogger logger, string method, string path, int statusCode, TimeSpan delay, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Kubernetes {Method} {Path} answered 401; refreshing the credentials of {Credential} and retrying once")]
    public static partial void RefreshingCredentials(ILogger logger, string method, string path, string credential);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Kubernetes {Method} {Path} answered {StatusCode} in {Elapsed}")]
    public static partial void Request(ILogger logger, string method, string path, int statusCode, TimeSpan elapsed);

    [LoggerMessage(EventId = 110, Level = LogLevel.Debug, Message = "Informer {Resource}: listed {Count} objects at resource version {ResourceVersion} ({Pages} pages)")]
    public static partial void Listed(ILogger logger, string resource, int count, string resourceVersion, int pages);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Informer {Resource}: list failed, the cache is not in sync; retrying in {Delay}: {Error}")]
    public static partial void ListFailed(ILogger logger, string resource, TimeSpan delay, string error);

    [LoggerMessage(EventId = 117, Level = LogLevel.Debug, Message = "Informer {Resource}: the API server does not serve it (404 Not Found); looking again in {Delay}")]
    public static partial void NotServed(ILogger logger, string resource, TimeSpan delay);

    [LoggerMessage(EventId = 112, Level = LogLevel.Debug, Message = "Informer {Resource}: watch from {ResourceVersion} ended ({Reason}); resuming")]
    public static partial void WatchEnded(ILogger logger, string resource, string resourceVersion, string reason);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information, Message = "Informer {Resource}: resource version {ResourceVersion} is too old (410 Gone); relisting")]
    public static partial void WatchGone(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "Informer {Resource}: watch failed; retrying in {Delay}: {Error}")]
    public static partial void WatchFailed(ILogger logger, string resource, TimeSpan delay, string error);

    [LoggerMessage(EventId = 115, Level = LogLevel.Error, Message = "Informer {Resource}: an event handler threw")]
    public static partial void HandlerFailed(ILogger logger, string resource, Exception exception);

    [LoggerMessage(EventId = 116, Level = LogLevel.Warning, Message = "Informer {Resource}: could not decode object {Key}; skipping it: {Error}")]
    public static partial void DecodeFailed(ILogger logger, string resource, string key, string error);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Leader election: {Identity} acquired lease {Namespace}/{Name}")]
    public static partial void LeaseAcquired(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Leader election: {Identity} lost lease {Namespace}/{Name}: {Reason}")]
    public static partial void LeaseLost(ILogger logger, string identity, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Leader election: lease {Namespace}/{Name} is held by {Holder}")]
    public static partial void NewLeader(ILogger logger, string @namespace, string name, string holder);

    [LoggerMessage(EventId = 123, Level = LogLevel.Debug, Message = "Leader election: attempt on lease {Namespace}/{Name} failed: {Error}")]
    public static partial void LeaseAttemptFailed(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 124, Level = LogLevel.Information, Message = "Leader election: {Identity} released lease {Namespace}/{Name}")]
    public static partial void LeaseReleased(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning, Message = "Leader election: could not release lease {Namespace}/{Name}: {Error}")]
    public static partial void LeaseReleaseFailed(ILogger logger, string @namespace, string name, string error);

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "Could not write event {Reason} for {Kind} {Namespace}/{Name}: {Error}")]
    public static partial void EventFailed(ILogger logger, string reason, string? kind, string? @namespace, string? name, string error);

    [LoggerMessage(EventId = 131, Level = LogLevel.Debug, Message = "Dropped event {Reason} for {Kind} {Namespace}/{Name}: {Why}")]
    public static partial void EventDropped(ILogger logger, string reason, string? kind, string? @namespace, string? name, string why);
}
