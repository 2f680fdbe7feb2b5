using System.Globalization;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// The generic object store: JSON objects keyed by resource type, namespace and name, one global resourceVersion
/// counter (as etcd's revision) bumped by every change, and the watch history. Every change is one
/// <see cref="Commit"/> under one lock, so resourceVersions, history order and watch delivery always agree.
/// Objects handed out are copies.
/// </summary>
public sealed class KubeObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly KubeWatchHub _hub;
    private readonly TimeProvider _time;
    private long _resourceVersion;

    public KubeObjectStore(TimeProvider time, int historyCapacity, long initialResourceVersion = 1)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _hub = new KubeWatchHub(Math.Max(1, historyCapacity));
        _resourceVersion = initialResourceVersion;
        _hub.Compact(initialResourceVersion);
    }

    /// <summary>The latest resourceVersion (the revision of the last change).</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Watches from below this resourceVersion get 410 "too old resource version".</summary>
    public long CompactedResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _hub.CompactedRevision;
            }
        }
    }

    public int OpenWatchCount
    {
        get
        {
            lock (_lock)
            {
                return _hub.WatcherCount;
            }
        }
    }

    public static string Key(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    public JsonObject? Get(KubeResourceType type, string? ns, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_lock)
        {
            return Table(type).TryGetValue(Key(type.Namespaced ? ns : null, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>All objects of a type (in one namespace when <paramref name="ns"/> is set), in key order, and the
    /// resourceVersion of that snapshot.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(KubeResourceType type, string? ns = null)
    {
        var page = ListPage(type, ns, _ => true, 0, null);
        return (page.Items, page.ResourceVersion);
    }

    /// <summary>One page of a list: up to <paramref name="limit"/> (0 = all) matching objects whose key sorts after
    /// <paramref name="afterKey"/>; <c>NextKey</c> is the last key returned when more remain.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion, string? NextKey, int Remaining) ListPage(
        KubeResourceType type, string? ns, Func<JsonObject, bool> match, int limit, string? afterKey)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(match);
        lock (_lock)
        {
            var items = new List<JsonObject>();
            string? lastKey = null;
            var remaining = 0;
            foreach (var (key, obj) in Table(type))
            {
                if ((afterKey is not null && string.CompareOrdinal(key, afterKey) <= 0)
                    || (!string.IsNullOrEmpty(ns) && KubeJson.Namespace(obj) != ns)
                    || !match(obj))
                {
                    continue;
                }

                if (limit > 0 && items.Count >= limit)
                {
                    remaining++;
                    continue;
                }

                items.Add((JsonObject)obj.DeepClone());
                lastKey = key;
            }

            return (items, _resourceVersion, remaining > 0 ? lastKey : null, remaining);
        }
    }

    /// <summary>
    /// Reads, changes and writes one object atomically. <paramref name="change"/> gets a copy of the current object
    /// (null if absent) and returns the new object, or null to delete it; it may throw a <see cref="KubeApiException"/>.
    /// The store sets kind, apiVersion, name, namespace, uid, creationTimestamp, generation and resourceVersion,
    /// finishes a deletion whose finalizers are gone, skips a change that changes nothing, and emits the watch event.
    /// Returns the stored object (for a delete, its last state), or null when nothing was there to delete.
    /// </summary>
    public JsonObject? Commit(KubeResourceType type, string? ns, string name, Func<JsonObject?, JsonObject?> change)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(change);
        ns = type.Namespaced ? ns ?? string.Empty : null;
        lock (_lock)
        {
            var table = Table(type);
            var key = Key(ns, name);
            table.TryGetValue(key, out var current);
            var next = change((JsonObject?)current?.DeepClone());
            if (next is null)
            {
                return current is null ? null : RemoveLocked(type, table, key, current);
            }

            Stamp(type, ns, name, next, current);
            if (next["metadata"] is JsonObject m && m["deletionTimestamp"] is not null && (m["finalizers"] as JsonArray ?? []).Count == 0 && current is not null)
            {
                return RemoveLocked(type, table, key, next);
            }

            if (current is not null && JsonNode.DeepEquals(current, next))
            {
                return (JsonObject)current.DeepClone();
            }

            _resourceVersion++;
            KubeJson.Metadata(next)["resourceVersion"] = Rv(_resourceVersion);
            table[key] = next;
            _hub.Publish(new KubeWatchEvent(current is null ? KubeWatchEvent.Added : KubeWatchEvent.Modified, type, next, current, _resourceVersion));
            return (JsonObject)next.DeepClone();
        }
    }

    /// <summary>Deletes every object in a namespace (what namespace deletion eventually does).</summary>
    public void DeleteNamespaceContents(IEnumerable<KubeResourceType> types, string ns)
    {
        ArgumentNullException.ThrowIfNull(types);
        lock (_lock)
        {
            foreach (var type in types.Where(t => t.Namespaced))
            {
                var table = Table(type);
                foreach (var (key, obj) in table.Where(kv => KubeJson.Namespace(kv.Value) == ns).ToList())
                {
                    RemoveLocked(type, table, key, obj);
                }
            }
        }
    }

    /// <summary>Forgets the watch history: a watch or continue token from before now gets 410.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _hub.Compact(_resourceVersion);
        }
    }

    /// <summary>Opens a watch. <paramref name="fromResourceVersion"/> null (or 0) first replays the current objects as
    /// ADDED; otherwise every change after it, or throws 410 Expired when the history no longer has them.</summary>
    public KubeWatcher Watch(KubeResourceType type, string? ns, LabelSelector labels, FieldSelector fields, long? fromResourceVersion, bool allowBookmarks, bool sendInitialEventsEndBookmark = false)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_lock)
        {
            if (fromResourceVersion is > 0 and var from && !_hub.CanResume(from))
            {
                throw KubeApiException.Expired(string.Create(CultureInfo.InvariantCulture, $"too old resource version: {from} ({_hub.CompactedRevision + 1})"));
            }

            var watcher = new KubeWatcher(type, ns, labels ?? LabelSelector.Everything, fields ?? FieldSelector.Everything, allowBookmarks, Unsubscribe);
            if (fromResourceVersion is null or 0)
            {
                foreach (var obj in Table(type).Values)
                {
                    watcher.Offer(new KubeWatchEvent(KubeWatchEvent.Added, type, obj, null, KubeJson.ResourceVersion(obj)));
                }

                if (sendInitialEventsEndBookmark)
                {
                    watcher.OfferBookmark(_resourceVersion, initialEventsEnd: true);
                }
            }
            else
            {
                _hub.Replay(watcher, fromResourceVersion.Value);
            }

            _hub.Add(watcher);
            return watcher;
        }
    }

    /// <summary>Ends every open watch stream (abruptly with <paramref name="abort"/>).</summary>
    public void CloseWatches(bool abort)
    {
        lock (_lock)
        {
            _hub.CloseAll(abort);
        }
    }

    /// <summary>Sends a BOOKMARK at the current resourceVersion to every watch that allows bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_lock)
        {
            _hub.Bookmark(_resourceVersion);
        }
    }

    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);

    private void Unsubscribe(KubeWatcher watcher)
    {
        lock (_lock)
        {
            _hub.Remove(watcher);
        }
    }

    private JsonObject RemoveLocked(KubeResourceType type, SortedDictionary<string, JsonObject> table, string key, JsonObject last)
    {
        table.Remove(key);
        _resourceVersion++;
        var deleted = (JsonObject)last.DeepClone();
        KubeJson.Metadata(deleted)["resourceVersion"] = Rv(_resourceVersion);
        _hub.Publish(new KubeWatchEvent(KubeWatchEvent.Deleted, type, deleted, null, _resourceVersion));
        return (JsonObject)deleted.DeepClone();
    }

    private void Stamp(KubeResourceType type, string? ns, string name, JsonObject next, JsonObject? current)
    {
        next["apiVersion"] = type.GroupVersion;
        next["kind"] = type.Kind;
        var metadata = KubeJson.Metadata(next);
        metadata["name"] = name;
        if (ns is null)
        {
            metadata.Remove("namespace");
        }
        else
        {
            metadata["namespace"] = ns;
        }

        if (current is null)
        {
            metadata["uid"] ??= Guid.NewGuid().ToString();
            metadata["creationTimestamp"] ??= KubeJson.Timestamp(_time.GetUtcNow());
            if (type.HasGeneration)
            {
                metadata["generation"] = 1L;
            }

            return;
        }

        var old = KubeJson.Metadata(current);
        metadata["uid"] = old["uid"]?.DeepClone();
        metadata["creationTimestamp"] = old["creationTimestamp"]?.DeepClone();
        metadata["resourceVersion"] = old["resourceVersion"]?.DeepClone();
        if (type.HasGeneration)
        {
            var generation = KubeJson.Long(old["generation"]) ?? 1;
            metadata["generation"] = SpecChanged(current, next) ? generation + 1 : generation;
        }
    }

    private static bool SpecChanged(JsonObject current, JsonObject next)
    {
        var keys = current.Select(kv => kv.Key).Union(next.Select(kv => kv.Key)).Where(k => k is not ("metadata" or "status"));
        return keys.Any(k => !JsonNode.DeepEquals(current[k], next[k]));
    }

    private SortedDictionary<string, JsonObject> Table(KubeResourceType type)
    {
        if (!_objects.TryGetValue(type.Key, out var table))
        {
            table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[type.Key] = table;
        }

        return table;
    }
}
