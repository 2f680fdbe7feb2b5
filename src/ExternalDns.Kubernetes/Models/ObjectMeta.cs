namespace ExternalDns.Kubernetes.Models;

/// <summary>The part of <c>metadata</c> that ExternalDns reads.</summary>
public sealed class ObjectMeta
{
    public string? Name { get; set; }

    public string? Namespace { get; set; }

    // A uid in the canonical lower-case form Kubernetes writes is kept as a Guid (16 bytes inline instead of a 96-byte
    // string per cached object) and formatted back when read, which only Kubernetes Events do; any other spelling is
    // kept as it came.
    private Guid _uid;
    private string? _uidText;

    public string? Uid
    {
        get => _uidText ?? (_uid == Guid.Empty ? null : _uid.ToString("D"));
        set
        {
            if (value is not null && Guid.TryParseExact(value, "D", out var uid) && uid != Guid.Empty && IsCanonical(value))
            {
                _uid = uid;
                _uidText = null;
            }
            else
            {
                _uid = Guid.Empty;
                _uidText = value;
            }
        }
    }

    public long Generation { get; set; }

    public string? ResourceVersion { get; set; }

    /// <summary>RFC 3339 time; set while the object is being deleted.</summary>
    public string? DeletionTimestamp { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public Dictionary<string, string>? Annotations { get; set; }

    private static bool IsCanonical(string uid)
    {
        foreach (var c in uid)
        {
            if (c is >= 'A' and <= 'F')
            {
                return false;
            }
        }

        return true;
    }
}
