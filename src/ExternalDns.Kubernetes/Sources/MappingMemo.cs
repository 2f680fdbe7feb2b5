using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Incremental mapping: keeps each object's mapping from the last pass and reuses it while the object is the same
/// instance (the informer caches replace an object's instance on every change, and keep it on a relist that finds the
/// same resourceVersion). A mapping that read Nodes, EndpointSlices or Pods (NodePort and headless Services; counted by
/// <see cref="KubernetesObjectSet.DependencyReads"/>) is reused only while those are all the same instances too. The
/// memo belongs to one <see cref="KubernetesMapper"/>, whose settings (the flags that change mapping) never change: new
/// settings mean a new mapper and an empty memo. Objects gone from the snapshot are dropped at the end of each pass.
/// Callers get the cached endpoints themselves: nothing changes them (the merge copies what it changes, and
/// <c>SourceResult.Endpoints</c> is read-only for every consumer).
/// </summary>
internal sealed class MappingMemo
{
    // One table kept across passes (not rebuilt per pass: at 20,000 objects a new table per pass is garbage on the large
    // object heap); an entry is current when its Pass is this pass's number, and the others are dropped at EndPass.
    // Entries are structs in the table (changed in place through CollectionsMarshal): an entry object per object would be
    // 32 bytes more for each of 20,000 objects.
    private readonly Dictionary<KubeObject, Entry> _entries = new(ReferenceEqualityComparer.Instance);
    private readonly List<KubeObject> _stale = [];
    private object[] _dependencies = [];
    private bool _dependenciesChanged = true;
    private int _pass;

    /// <summary>Mappings reused in the current (or last) pass.</summary>
    public int Reused { get; private set; }

    /// <summary>Mappings computed in the current (or last) pass.</summary>
    public int Computed { get; private set; }

    public void BeginPass(KubernetesObjectSet set)
    {
        var dependencies = set.DependencyObjects.ToArray();
        _dependenciesChanged = !SameInstances(dependencies, _dependencies);
        _dependencies = dependencies;
        _pass++;
        Reused = 0;
        Computed = 0;
    }

    /// <summary>The object's mapping, cached or computed; its endpoints are read-only (they are handed out again later).</summary>
    public ObjectMapping Map(KubeObject obj, KubernetesObjectSet set, Func<ObjectMapping> map)
    {
        if (TryReuse(obj, set, out var mapping, out _))
        {
            return mapping;
        }

        mapping = map();
        Store(obj, set, mapping);
        return mapping;
    }

    /// <summary>
    /// The first half of <see cref="Map"/> (no delegate to allocate per object): true with the cached mapping when it
    /// can be reused; false when the caller must map the object and <see cref="Store"/> the result (then
    /// <paramref name="replaced"/> is the mapping this instance had, when its dependencies changed).
    /// </summary>
    public bool TryReuse(KubeObject obj, KubernetesObjectSet set, out ObjectMapping mapping, out ObjectMapping? replaced)
    {
        replaced = null;
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, obj);
        if (!Unsafe.IsNullRef(ref entry))
        {
            if (entry.Pass == _pass)
            {
                // Looked up already in this pass.
                mapping = entry.Mapping;
                return true;
            }

            if (!(entry.ReadDependencies && _dependenciesChanged))
            {
                entry.Pass = _pass;
                Reused++;
                mapping = entry.Mapping;
                return true;
            }

            replaced = entry.Mapping;
        }

        set.DependencyReads = 0;
        mapping = null!;
        return false;
    }

    /// <summary>Records the mapping computed after <see cref="TryReuse"/> returned false.</summary>
    public void Store(KubeObject obj, KubernetesObjectSet set, ObjectMapping mapping)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, obj, out _);
        entry.Mapping = mapping;
        entry.ReadDependencies = set.DependencyReads > 0;
        entry.Pass = _pass;
        Computed++;
    }

    /// <summary>The mappings of the objects of the previous pass that the current pass has not looked up (gone or replaced by a new instance).</summary>
    public IEnumerable<ObjectMapping> Dropped()
    {
        foreach (var entry in _entries.Values)
        {
            if (entry.Pass != _pass)
            {
                yield return entry.Mapping;
            }
        }
    }

    public void EndPass()
    {
        foreach (var (obj, entry) in _entries)
        {
            if (entry.Pass != _pass)
            {
                _stale.Add(obj);
            }
        }

        foreach (var obj in _stale)
        {
            _entries.Remove(obj);
        }

        _stale.Clear();
    }

    private static bool SameInstances(object[] a, object[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private struct Entry
    {
        public ObjectMapping Mapping;

        public int Pass;

        public bool ReadDependencies;
    }
}
