using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace ExternalDns.Cli.Tests.Deploy;

/// <summary>
/// The container image, built and run: from the output of build/publish.sh (the Dockerfile's publish command;
/// tests/run-tests.sh runs it into artifacts/publish/linux-x64 before the tests), build/image-from-publish.sh makes an
/// image with buildah <c>from scratch</c>, and podman runs it as its configured user 65532 with a read-only root
/// filesystem: <c>--version</c>, one <c>--once</c> plan against the in-memory provider, and <c>/healthz</c> plus
/// <c>/metrics</c> of the running loop. Storage is private to the test (vfs under a temporary directory, removed
/// afterwards). Skipped, with the reason, when the publish output is missing or of another commit, or podman cannot run
/// containers here.
/// </summary>
public sealed class ContainerImageTests(ITestOutputHelper output)
{
    private const string Manifest = """
        apiVersion: externaldns.k8s.io/v1alpha1
        kind: DNSEndpoint
        metadata:
          name: records
          namespace: shop
        spec:
          endpoints:
            - dnsName: www.example.org
              recordType: A
              targets: [192.0.2.10]
        """;

    public static string PublishDirectory => Path.Combine(Kustomize.Root, "artifacts", "publish", "linux-x64");

    [SkippableFact]
    public async Task Image_built_from_the_publish_output_runs_read_only_as_65532()
    {
        var publish = PublishDirectory;
        Skip.IfNot(File.Exists(Path.Combine(publish, "external-dns")), $"no publish output at {publish}: run 'bash build/publish.sh artifacts/publish/linux-x64' (tests/run-tests.sh does before the tests)");
        Skip.If(FindOnPath("podman") is null || FindOnPath("buildah") is null, "podman or buildah is not installed: apt-get install -y podman buildah runc (tests/servers/install.sh)");

        // The publish output must be of this build (its --version, with the commit, matches the dll under test):
        // tests/run-tests.sh publishes and tests the same tree; a publish left from an older commit is not tested.
        var published = await RunAsync(Path.Combine(publish, "external-dns"), ["--version"]);
        var tested = await ExternalDnsProcess.RunAsync(["--version"]);
        Assert.True(published.Exit == 0, $"the published binary does not run on the host: {published.Stderr}");
        Skip.If(published.Stdout.Trim() != tested.Stdout.Trim(), $"{publish} is of another build ({published.Stdout.Trim()}; the tests are {tested.Stdout.Trim()}): run 'bash build/publish.sh artifacts/publish/linux-x64' again");

        var work = Directory.CreateTempSubdirectory("externaldns-image-");
        try
        {
            var conf = Path.Combine(work.FullName, "containers.conf");
            await File.WriteAllTextAsync(conf, "[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = \"cgroupfs\"\n");
            var storage = new[] { "--storage-driver", "vfs", "--root", Path.Combine(work.FullName, "root"), "--runroot", Path.Combine(work.FullName, "run") };
            var env = new Dictionary<string, string> { ["CONTAINERS_CONF"] = conf, ["BUILDAH_ARGS"] = string.Join(' ', storage) };
            string[] podman = [.. storage, "--runtime", "runc", "--cgroup-manager", "cgroupfs"];

            var probe = await RunAsync("podman", [.. podman, "info", "--format", "{{.Host.OCIRuntime.Name}}"], env);
            Skip.If(probe.Exit != 0, $"podman cannot run here: {FirstLine(probe.Stderr)}");

            var watch = Stopwatch.StartNew();
            var image = "localhost/external-dns:test";
            var build = await RunAsync("bash", [Path.Combine(Kustomize.Root, "build", "image-from-publish.sh"), publish, image], env);
            Assert.True(build.Exit == 0, $"image-from-publish.sh failed:\n{build.Stdout}\n{build.Stderr}");
            var size = await RunAsync("podman", [.. podman, "image", "inspect", "--format", "{{.Size}} {{.Config.User}}", image], env);
            Assert.True(size.Exit == 0, size.Stderr);
            var parts = size.Stdout.Trim().Split(' ');
            Assert.Equal("65532:65532", parts[1]);
            var megabytes = long.Parse(parts[0], CultureInfo.InvariantCulture) / 1_000_000.0;
            output.WriteLine($"ContainerImageTests: image {image} is {megabytes:F1} MB, built in {watch.Elapsed.TotalSeconds:F1} s");

            string[] run = [.. podman, "run", "--rm", "--read-only", "--network", "host"];
            var version = await RunAsync("podman", [.. run, image, "--version"], env);
            Assert.True(version.Exit == 0, $"--version in the container failed:\n{version.Stderr}");
            Assert.Equal(tested.Stdout.Trim(), version.Stdout.Trim());

            var manifests = Directory.CreateDirectory(Path.Combine(work.FullName, "manifests"));
            await File.WriteAllTextAsync(Path.Combine(manifests.FullName, "records.yaml"), Manifest);
            string[] plan = ["--source=manifest", "--manifest-path=/manifests", "--provider=inmemory", "--inmemory-zone=example.org", "--policy=sync"];
            var once = await RunAsync("podman", [.. run, "-v", $"{manifests.FullName}:/manifests:ro", image, .. plan, "--once"], env);
            Assert.True(once.Exit == 0, $"--once in the container failed:\n{once.Stdout}\n{once.Stderr}");
            Assert.Matches(@"create\s+www\.example\.org\s+A\s+192\.0\.2\.10", once.Stdout);
            Assert.Contains("Plan: 1 to create, 0 to update, 0 to delete (applied).", once.Stdout, StringComparison.Ordinal);

            // The loop, detached: /healthz and /metrics answer, and the process runs as 65532 with a read-only root.
            var port = FreePort();
            var started = await RunAsync("podman", [.. podman, "run", "-d", "--read-only", "--network", "host", "-v", $"{manifests.FullName}:/manifests:ro", image, .. plan, "--interval=1h", $"--metrics-address=127.0.0.1:{port}"], env);
            Assert.True(started.Exit == 0, started.Stderr);
            var container = started.Stdout.Trim();
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                var healthy = false;
                for (var deadline = DateTime.UtcNow.AddSeconds(30); !healthy && DateTime.UtcNow < deadline;)
                {
                    try
                    {
                        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                        healthy = response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(200);
                    }
                }

                if (!healthy)
                {
                    var logs = await RunAsync("podman", [.. podman, "logs", container], env);
                    Assert.Fail($"/healthz of the container never answered 200 within 30 s; its logs:\n{logs.Stdout}{logs.Stderr}");
                }

                var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                Assert.Contains("external_dns_build_info{", metrics, StringComparison.Ordinal);

                var inspect = await RunAsync("podman", [.. podman, "inspect", "--format", "{{.HostConfig.ReadonlyRootfs}} {{.Config.User}} {{.State.Pid}}", container], env);
                var fields = inspect.Stdout.Trim().Split(' ');
                Assert.Equal("true", fields[0]);
                Assert.Equal("65532:65532", fields[1]);
                var status = await File.ReadAllLinesAsync($"/proc/{fields[2]}/status");
                Assert.Matches(@"^Uid:\s+65532\s+65532\s+65532\s+65532$", status.Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)));
            }
            finally
            {
                await RunAsync("podman", [.. podman, "rm", "-f", "-t", "0", container], env);
            }

            output.WriteLine($"ContainerImageTests: built and ran in {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await RemoveStorageAsync(work);
        }
    }

    /// <summary>
    /// Removes the private storage. podman's processes (conmon, the storage cleanup of <c>--rm</c>) can still be
    /// finishing when the last command returns, so the removal is retried for a few seconds; a failure after that is
    /// reported, not hidden.
    /// </summary>
    private static async Task RemoveStorageAsync(DirectoryInfo work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                work.Refresh();
                if (work.Exists)
                {
                    work.Delete(recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "(no output)";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', psi.ArgumentList)} did not finish within 120 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
