using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Runs a client-go credential plugin (<c>client.authentication.k8s.io/v1</c> or <c>v1beta1</c>): passes
/// <c>KUBERNETES_EXEC_INFO</c>, parses the ExecCredential on stdout, caches the result until its
/// <c>expirationTimestamp</c> and runs the plugin again after a 401.
/// </summary>
#pragma warning disable CA1001 // The SemaphoreSlim never allocates a wait handle (only WaitAsync is used); nothing to dispose.
internal sealed class ExecCredentialProvider : KubeCredentialProvider
#pragma warning restore CA1001
{
    internal static readonly string[] SupportedApiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

    private readonly ExecPluginConfig _config;
    private readonly ExecClusterInfo? _clusterInfo;
    private readonly string _description;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KubeCredential? _cached;

    public ExecCredentialProvider(ExecPluginConfig config, ExecClusterInfo? clusterInfo, string description, TimeProvider time, TimeSpan? timeout = null)
    {
        _config = config;
        _clusterInfo = clusterInfo;
        _description = description;
        _time = time;
        _timeout = timeout ?? TimeSpan.FromMinutes(1);
    }

    public override string Description => _description;

    public override bool SuppliesClientCertificate => true;

    public override KubeCredential? Current => _cached;

    /// <summary>How many times the plugin has been run (for diagnostics and tests).</summary>
    public int Runs { get; private set; }

    public override async ValueTask<KubeCredential> GetCredentialAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is not null && !IsExpired(cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cached;
            if (cached is not null && !IsExpired(cached))
            {
                return cached;
            }

            var fresh = await RunAsync(cancellationToken).ConfigureAwait(false);
            _cached = fresh;
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override bool Invalidate(KubeCredential used)
    {
        if (ReferenceEquals(_cached, used))
        {
            _cached = null;
            return true;
        }

        // Someone already refreshed it since this request was sent: retrying with the new one may work.
        return _cached is not null;
    }

    private bool IsExpired(KubeCredential credential) =>
        credential.ExpiresAt is { } expires && _time.GetUtcNow() >= expires;

    private string CommandPath()
    {
        var command = _config.Command;
        if (!Path.IsPathRooted(command) && command.Contains('/', StringComparison.Ordinal) && _config.BaseDirectory is not null)
        {
            return Path.GetFullPath(Path.Combine(_config.BaseDirectory, command));
        }

        return command;
    }

    private async Task<KubeCredential> RunAsync(CancellationToken cancellationToken)
    {
        var command = CommandPath();
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in _config.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in _config.Env)
        {
            start.Environment[name] = value;
        }

        var info = new ExecCredential
        {
            ApiVersion = _config.ApiVersion,
            Kind = "ExecCredential",
            Spec = new ExecCredentialSpec { Interactive = false, Cluster = _config.ProvideClusterInfo ? _clusterInfo : null },
        };
        start.Environment["KUBERNETES_EXEC_INFO"] = JsonSerializer.Serialize(info, KubeWireJsonContext.Default.ExecCredential);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var hint = string.IsNullOrWhiteSpace(_config.InstallHint) ? "" : " " + _config.InstallHint.Trim();
            throw new KubeConfigException($"exec plugin '{command}' of {_description} could not be started: {e.Message}.{hint}", e);
        }

        Runs++;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(_timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var stdoutTask = process.StandardOutput.ReadToEndAsync(linked.Token);
        var stderrTask = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            await Task.WhenAll(stdoutTask, stderrTask).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new KubeConfigException($"exec plugin '{command}' of {_description} did not finish within {_timeout.TotalSeconds:0} s");
        }

        var stdout = await stdoutTask.ConfigureAwait(false);
        var stderr = await stderrTask.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var detail = stderr.Trim();
            if (detail.Length > 500)
            {
                detail = detail[..500] + "…";
            }

            throw new KubeConfigException(
                $"exec plugin '{command}' of {_description} exited with code {process.ExitCode}" + (detail.Length > 0 ? ": " + detail : ""));
        }

        return Parse(stdout, command);
    }

    private KubeCredential Parse(string stdout, string command)
    {
        ExecCredential? credential;
        try
        {
            credential = JsonSerializer.Deserialize(stdout, KubeWireJsonContext.Default.ExecCredential);
        }
        catch (JsonException e)
        {
            // The message of a JsonException names a position, never the content.
            throw new KubeConfigException($"exec plugin '{command}' of {_description} did not print an ExecCredential as JSON: {e.Message}", e);
        }

        if (credential is null || credential.Kind != "ExecCredential")
        {
            throw new KubeConfigException($"exec plugin '{command}' of {_description} printed kind '{credential?.Kind}', expected ExecCredential");
        }

        if (credential.ApiVersion != _config.ApiVersion)
        {
            throw new KubeConfigException(
                $"exec plugin '{command}' of {_description} printed apiVersion '{credential.ApiVersion}', but the kubeconfig asks for '{_config.ApiVersion}'");
        }

        var status = credential.Status
            ?? throw new KubeConfigException($"exec plugin '{command}' of {_description} printed an ExecCredential without status");
        var hasCert = !string.IsNullOrEmpty(status.ClientCertificateData);
        var hasKey = !string.IsNullOrEmpty(status.ClientKeyData);
        if (hasCert != hasKey)
        {
            throw new KubeConfigException(
                $"exec plugin '{command}' of {_description} printed {(hasCert ? "clientCertificateData without clientKeyData" : "clientKeyData without clientCertificateData")}");
        }

        if (string.IsNullOrEmpty(status.Token) && !hasCert)
        {
            throw new KubeConfigException($"exec plugin '{command}' of {_description} printed neither a token nor a client certificate");
        }

        X509Certificate2? certificate = null;
        if (hasCert)
        {
            try
            {
                certificate = PemCertificates.LoadClientCertificate(status.ClientCertificateData!, status.ClientKeyData!);
            }
            catch (CryptographicException e)
            {
                throw new KubeConfigException($"exec plugin '{command}' of {_description} printed an unusable client certificate or key: {e.Message}", e);
            }
        }

        var authorization = string.IsNullOrEmpty(status.Token) ? null : new AuthenticationHeaderValue("Bearer", status.Token);
        return new KubeCredential(authorization, certificate, status.ExpirationTimestamp);
    }
}
