namespace ExternalDns.Kubernetes.Client;

/// <summary>How <see cref="EventRecorder"/> writes core/v1 Events.</summary>
public sealed class EventRecorderOptions
{
    /// <summary><c>source.component</c> and <c>reportingComponent</c>.</summary>
    public string Component { get; set; } = "external-dns";

    /// <summary><c>source.host</c> and <c>reportingInstance</c> (the pod or host name).</summary>
    public string? Host { get; set; } = Environment.MachineName;

    /// <summary>Events waiting to be written beyond this are dropped (and logged at debug level).</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Per involved object: how many events may be written in a burst (client-go's spam filter: 25).</summary>
    public int BurstPerObject { get; set; } = 25;

    /// <summary>Per involved object: one more event is allowed every this long once the burst is used (client-go: 5 minutes).</summary>
    public TimeSpan RefillPerObject { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many distinct (object, type, reason, message) series are remembered for aggregation.</summary>
    public int AggregationCacheSize { get; set; } = 4096;

    /// <summary>Longest message written (the API limits event messages).</summary>
    public int MaxMessageLength { get; set; } = 1024;
}
