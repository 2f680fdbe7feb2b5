namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>How much metadata the benchmark objects carry.</summary>
internal enum ObjectShape
{
    /// <summary>Labels, a few annotations, the last-applied-configuration annotation and managedFields.</summary>
    Realistic,

    /// <summary>The same without last-applied-configuration and managedFields.</summary>
    Lean,
}
