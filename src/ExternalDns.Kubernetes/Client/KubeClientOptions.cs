namespace ExternalDns.Kubernetes.Client;

/// <summary>How to reach the Kubernetes API. Each property maps onto one external-dns flag.</summary>
public sealed class KubeClientOptions
{
    /// <summary><c>--kubeconfig</c>: an explicit kubeconfig file. Empty = KUBECONFIG, then ~/.kube/config, then in-cluster.</summary>
    public string? KubeConfig { get; set; }

    /// <summary><c>--server</c>: overrides the API server URL of whatever configuration is used.</summary>
    public string? Server { get; set; }

    /// <summary>Which kubeconfig context to use instead of <c>current-context</c> (no upstream flag; for tools and tests).</summary>
    public string? Context { get; set; }

    /// <summary><c>--kube-api-qps</c>: sustained requests per second (token bucket refill rate). 0 or less = unlimited.</summary>
    public double Qps { get; set; } = 5;

    /// <summary><c>--kube-api-burst</c>: token bucket size.</summary>
    public int Burst { get; set; } = 10;

    /// <summary><c>--kube-api-request-timeout</c>: timeout of every non-watch request. <see cref="TimeSpan.Zero"/> = none.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a non-watch request is retried after 429, 5xx or a connection failure.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay when the server sends no Retry-After; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest retry delay, including one asked for by Retry-After.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent as <c>User-Agent</c>.</summary>
    public string UserAgent { get; set; } = "external-dns";
}
