namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// The bounded event history (as etcd's compacted revision window / the watch cache) and the open watches.
/// Not thread-safe by itself: <see cref="KubeObjectStore"/> calls it under its lock, so a change, its history entry
/// and its delivery to every watcher are one atomic step.
/// </summary>
internal sealed class KubeWatchHub(int capacity)
{
    private readonly Queue<KubeWatchEvent> _history = new();
    private readonly List<KubeWatcher> _watchers = [];

    /// <summary>Events with a resourceVersion above this are all in the history; a watch from below it is too old.</summary>
    public long CompactedRevision { get; private set; }

    public int WatcherCount => _watchers.Count;

    public void Publish(KubeWatchEvent change)
    {
        _history.Enqueue(change);
        while (_history.Count > capacity)
        {
            CompactedRevision = _history.Dequeue().ResourceVersion;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Offer(change);
        }
    }

    /// <summary>True when every change after <paramref name="resourceVersion"/> is still in the history.</summary>
    public bool CanResume(long resourceVersion) => resourceVersion >= CompactedRevision;

    public void Replay(KubeWatcher watcher, long afterResourceVersion)
    {
        foreach (var change in _history)
        {
            if (change.ResourceVersion > afterResourceVersion)
            {
                watcher.Offer(change);
            }
        }
    }

    public void Add(KubeWatcher watcher) => _watchers.Add(watcher);

    public void Remove(KubeWatcher watcher) => _watchers.Remove(watcher);

    public void Compact(long resourceVersion)
    {
        _history.Clear();
        CompactedRevision = resourceVersion;
    }

    public void Bookmark(long resourceVersion)
    {
        foreach (var watcher in _watchers)
        {
            watcher.OfferBookmark(resourceVersion);
        }
    }

    public void CloseAll(bool abort)
    {
        foreach (var watcher in _watchers)
        {
            watcher.Close(abort);
        }

        _watchers.Clear();
    }
}
