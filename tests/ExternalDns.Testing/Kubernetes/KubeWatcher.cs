using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// One open watch: the events for one resource type (optionally one namespace, label and field selector) queued for
/// its stream. As the real server does, an object that starts matching the selectors arrives as ADDED and one that
/// stops matching as DELETED. Dispose to unsubscribe.
/// </summary>
public sealed class KubeWatcher : IDisposable
{
    private readonly Channel<KubeWatchEvent> _channel = Channel.CreateUnbounded<KubeWatchEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<KubeWatcher> _unsubscribe;

    internal KubeWatcher(KubeResourceType type, string? ns, LabelSelector labels, FieldSelector fields, bool allowBookmarks, Action<KubeWatcher> unsubscribe)
    {
        Type = type;
        Namespace = ns;
        Labels = labels;
        Fields = fields;
        AllowBookmarks = allowBookmarks;
        _unsubscribe = unsubscribe;
    }

    public KubeResourceType Type { get; }

    public string? Namespace { get; }

    public LabelSelector Labels { get; }

    public FieldSelector Fields { get; }

    public bool AllowBookmarks { get; }

    /// <summary>Set when the test dropped the watch abruptly: the server resets the connection instead of ending the stream.</summary>
    public bool Aborted { get; private set; }

    public ChannelReader<KubeWatchEvent> Events => _channel.Reader;

    public void Dispose() => _unsubscribe(this);

    public bool Matches(JsonObject obj) =>
        (string.IsNullOrEmpty(Namespace) || KubeJson.Namespace(obj) == Namespace)
        && Labels.Matches(KubeJson.Labels(obj))
        && Fields.Matches(obj);

    /// <summary>Queues a store change, translated for this watch's selectors. Called under the store lock.</summary>
    internal void Offer(KubeWatchEvent change)
    {
        if (change.ResourceType?.Key != Type.Key)
        {
            return;
        }

        var now = Matches(change.Object);
        var before = change.OldObject is not null && Matches(change.OldObject);
        var type = change.Type switch
        {
            KubeWatchEvent.Added => now ? KubeWatchEvent.Added : null,
            KubeWatchEvent.Deleted => now ? KubeWatchEvent.Deleted : null,
            _ => (before, now) switch
            {
                (true, true) => KubeWatchEvent.Modified,
                (false, true) => KubeWatchEvent.Added,
                (true, false) => KubeWatchEvent.Deleted,
                _ => null,
            },
        };
        if (type is not null)
        {
            _channel.Writer.TryWrite(new KubeWatchEvent(type, Type, (JsonObject)change.Object.DeepClone(), null, change.ResourceVersion));
        }
    }

    internal void OfferBookmark(long resourceVersion, bool initialEventsEnd = false)
    {
        if (!AllowBookmarks)
        {
            return;
        }

        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var obj = new JsonObject { ["kind"] = Type.Kind, ["apiVersion"] = Type.GroupVersion, ["metadata"] = metadata };
        _channel.Writer.TryWrite(new KubeWatchEvent(KubeWatchEvent.Bookmark, Type, obj, null, resourceVersion));
    }

    internal void Close(bool abort)
    {
        Aborted |= abort;
        _channel.Writer.TryComplete();
    }
}
