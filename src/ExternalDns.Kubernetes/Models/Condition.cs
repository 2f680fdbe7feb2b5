namespace ExternalDns.Kubernetes.Models;

/// <summary>A metav1.Condition: only its type and status are read (<c>Accepted</c> = <c>True</c>).</summary>
public sealed class Condition
{
    public string? Type { get; set; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string? Status { get; set; }

    /// <summary>True when <paramref name="conditions"/> has a condition of <paramref name="type"/> whose status is <c>True</c> (the first one of that type decides).</summary>
    public static bool IsTrue(IEnumerable<Condition>? conditions, string type)
    {
        foreach (var c in conditions ?? [])
        {
            if (c.Type == type)
            {
                return c.Status == "True";
            }
        }

        return false;
    }
}
