using System.Globalization;
using ExternalDns.Testing.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// <c>heap N [SHAPE]</c>: where the settled managed heap goes, in-process. The emulator is loaded with N Services + N
/// Ingresses (realistic by default, <c>lean</c> otherwise) first; then the controller of the memory rows
/// (<see cref="FirstSyncBenchmark.Flags"/>, dry run) is composed as <c>ExternalDnsApp</c> composes it and driven step by
/// step, with the heap size after a full, compacting collection (without the pinned object heap, where the emulator's Kestrel
/// keeps its buffer pool) after each: informers synced (the
/// caches), one source pass (the mapping memo, its result dropped), one reconcile (the registry, the plan, the
/// printed plan). The emulator's own heap is in the baseline and does not change between the readings.
/// </summary>
internal static class HeapBreakdown
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var n = int.Parse(args[0], CultureInfo.InvariantCulture);
        var shape = args.Count > 1 && args[1] == "lean" ? ObjectShape.Lean : ObjectShape.Realistic;
        var work = Directory.CreateTempSubdirectory("externaldns-heap-");
        try
        {
            await using var api = await KubeApiServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            ClusterObjects.Load(api, n, shape);
            var kubeconfig = api.WriteKubeconfig(Path.Combine(work.FullName, "kubeconfig"));
            var flags = FirstSyncBenchmark.Flags(kubeconfig, 0).Where(f => !f.StartsWith("--metrics-address", StringComparison.Ordinal)).ToList();
            var readings = new List<(string Step, long Bytes)> { ("baseline (emulator loaded)", Heap()) };

            // The emulator's own growth from serving the lists (page buffers, serializer pools), measured apart.
            using (var http = api.CreateHttpClient())
            {
                http.Timeout = TimeSpan.FromMinutes(5);
                for (var round = 0; round < 2; round++)
                {
                    foreach (var path in new[] { "/api/v1/services?limit=500", "/apis/networking.k8s.io/v1/ingresses?limit=500" })
                    {
                        string? next = null;
                        do
                        {
                            var url = next is null ? path : path + "&continue=" + Uri.EscapeDataString(next);
                            var page = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri(url, UriKind.Relative), cancellationToken).ConfigureAwait(false));
                            next = page?["metadata"]?["continue"]?.GetValue<string>();
                        }
                        while (!string.IsNullOrEmpty(next));
                    }
                }
            }

            readings.Add(("the emulator served both lists twice (its own growth)", Heap()));
            var stdout = Console.Out;
            Console.SetOut(TextWriter.Null); // the dry-run plan
            try
            {
                var controller = InProcessController.Create(flags, NullLoggerFactory.Instance);
                readings.Add(("controller composed", Heap()));
                controller.StartInformers();
                while (!controller.Live.HasSynced)
                {
                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                }

                await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
                readings.Add(("informers synced (watch caches)", Heap()));
                var result = await controller.Live.EndpointsAsync(cancellationToken).ConfigureAwait(false);
                readings.Add(($"one source pass, its {result.Endpoints.Count:N0} endpoints alive", Heap()));
                GC.KeepAlive(result);
                result = null;
                readings.Add(("its result dropped (mapping memo stays)", Heap()));
                await controller.Reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                readings.Add(("one reconcile (dry run)", Heap()));
                await controller.Reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                readings.Add(("a second reconcile", Heap()));
                await controller.DisposeAsync().ConfigureAwait(false);
                controller = null;
                readings.Add(("controller disposed (what it held comes back)", Heap()));
            }
            finally
            {
                Console.SetOut(stdout);
            }

            await output.WriteLineAsync($"| step ({n:N0} + {n:N0} {shape}) | managed heap | − previous | per object |").ConfigureAwait(false);
            await output.WriteLineAsync("|---|---:|---:|---:|").ConfigureAwait(false);
            for (var i = 0; i < readings.Count; i++)
            {
                var delta = i == 0 ? 0 : readings[i].Bytes - readings[i - 1].Bytes;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {readings[i].Step} | {readings[i].Bytes / 1048576.0:F1} MiB | {delta / 1048576.0:F1} MiB | {delta / (2.0 * n):N0} B |")).ConfigureAwait(false);
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Without the pinned object heap: Kestrel's (the emulator's) memory pool lives there and grows while it serves
        // the lists, which is the emulator's memory, not the controller's.
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.GenerationInfo[0].SizeAfterBytes + info.GenerationInfo[1].SizeAfterBytes + info.GenerationInfo[2].SizeAfterBytes
            + info.GenerationInfo[3].SizeAfterBytes - info.FragmentedBytes;
    }
}
