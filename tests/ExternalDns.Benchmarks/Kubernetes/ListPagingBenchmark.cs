using System.Diagnostics;
using System.Globalization;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Sources;
using ExternalDns.Kubernetes.Watching;
using ExternalDns.Testing.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// <c>paging N [PAGE…]</c>: the live source's first sync (Services + Ingresses, as <c>--source=service
/// --source=ingress</c>) against the emulator holding N lean Services + N lean Ingresses, through a client with the
/// default rate limit (<c>--kube-api-qps=5</c>, burst 10), once per list page size: list requests, all requests, and
/// time from start to synced. Page sizes interleaved over two rounds.
/// </summary>
internal static class ListPagingBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var n = int.Parse(args[0], CultureInfo.InvariantCulture);
        int[] pages = args.Count > 1 ? [.. args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [500, 2000, 10000];
        var work = Directory.CreateTempSubdirectory("externaldns-paging-");
        try
        {
            await using var api = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            ClusterObjects.Load(api, n, ObjectShape.Lean);
            var kubeconfig = api.WriteKubeconfig(Path.Combine(work.FullName, "kubeconfig"));
            output.WriteLine("| page size (`limit`) | list requests | all requests | start → synced |");
            output.WriteLine("|---:|---:|---:|---:|");
            for (var round = 0; round < 2; round++)
            {
                foreach (var page in pages)
                {
                    var configuration = new KubeConfigLoader().Load(new KubeClientOptions { KubeConfig = kubeconfig });
                    using var client = new KubeApiClient(configuration, new KubeClientOptions { Qps = 5, Burst = 10 });
                    api.Requests.Clear();
                    var options = new KubernetesSourceOptions
                    {
                        Services = true,
                        Ingresses = true,
                        InformerDefaults = new InformerOptions { PageSize = page },
                    };
                    var watch = Stopwatch.StartNew();
                    await using (var source = new KubernetesSource(client, options, MappingSettings.Create(new MappingOptions { Sources = ["service", "ingress"] }), TimeProvider.System, NullLoggerFactory.Instance))
                    {
                        source.Start();
                        var result = await source.EndpointsAsync(cancellationToken).ConfigureAwait(false);
                        var synced = watch.Elapsed;
                        if (result.Endpoints.Count != 2 * n)
                        {
                            throw new InvalidOperationException($"expected {2 * n} endpoints, got {result.Endpoints.Count}");
                        }

                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {page:N0} | {api.Requests.Count("list")} | {api.Requests.Count()} | {synced.TotalMilliseconds:N0} ms |"));
                    }
                }
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
