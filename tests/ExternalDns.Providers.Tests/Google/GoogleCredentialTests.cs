using System.Net;
using System.Net.Sockets;
using ExternalDns.Core.Providers;
using ExternalDns.Testing.Google;

namespace ExternalDns.Providers.Tests.Google;

/// <summary>Application Default Credentials: key files (good and bad), the metadata server, nothing at all.</summary>
public sealed class GoogleCredentialTests
{
    private const string Project = GoogleTestBed.Project;

    [Fact]
    public async Task A_missing_key_file_is_a_configuration_error_naming_the_variable_and_file()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Environment["GOOGLE_APPLICATION_CREDENTIALS"] = "/nonexistent/key.json";

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => bed.Provider().RecordsAsync(CancellationToken.None));

        Assert.Contains("/nonexistent/key.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GOOGLE_APPLICATION_CREDENTIALS", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.ApiCalls);
    }

    [Theory]
    [InlineData("private_key", null, "field \"private_key\" is missing")]
    [InlineData("private_key", "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----\n", "field \"private_key\" is not a PEM RSA private key")]
    [InlineData("client_email", null, "field \"client_email\" is missing")]
    [InlineData("type", "robot", "field \"type\" is 'robot'")]
    [InlineData("token_uri", "not a url", "field \"token_uri\" is not an http(s) URL")]
    public async Task A_malformed_key_file_names_the_file_and_the_field_and_no_value(string field, string? value, string expected)
    {
        await using var bed = await GoogleTestBed.StartAsync();
        var path = bed.WriteFile("bad.json", bed.Account.ToJson(json =>
        {
            json.Remove(field);
            if (value is not null)
            {
                json[field] = value;
            }
        }));
        bed.Environment["GOOGLE_APPLICATION_CREDENTIALS"] = path;

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => bed.Provider().RecordsAsync(CancellationToken.None));

        Assert.StartsWith($"Google credentials file {path} (from GOOGLE_APPLICATION_CREDENTIALS): {expected}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", ex.Message, StringComparison.Ordinal);
        Assert.Single(ex.Message.Split('\n'));
    }

    [Fact]
    public async Task A_key_file_that_is_not_json_names_the_position_only()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        var path = bed.WriteFile("bad.json", "{\"type\": \"service_account\", \"private_key\": \"s3cret-material\"");
        bed.Environment["GOOGLE_APPLICATION_CREDENTIALS"] = path;

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => bed.Provider().RecordsAsync(CancellationToken.None));

        Assert.StartsWith($"Google credentials file {path} (from GOOGLE_APPLICATION_CREDENTIALS) is not valid JSON (line 1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_the_token_endpoint_refuses_is_a_configuration_error_naming_the_account()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        using var unknown = GoogleTestServiceAccount.Create(bed.Emulator.TokenUri, "unknown@test-project.iam.gserviceaccount.com");
        bed.Environment["GOOGLE_APPLICATION_CREDENTIALS"] = unknown.WriteTo(bed.WriteFile("unknown.json", string.Empty));

        var ex = await Assert.ThrowsAsync<ProviderConfigurationException>(() => bed.Provider().RecordsAsync(CancellationToken.None));

        Assert.Contains("Google token endpoint refused service account unknown@test-project.iam.gserviceaccount.com", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Emulator.ApiCalls);
    }

    [Fact]
    public async Task Without_a_key_file_the_metadata_server_gives_the_project_and_the_token()
    {
        await using var bed = await GoogleTestBed.StartAsync(new CloudDnsEmulatorOptions { MetadataProjectId = "meta-project" });
        bed.Emulator.AddZone("meta-project", "example-org", "example.org.");
        bed.Emulator.PutRecords("meta-project", "example-org", new CloudDnsRecordSet("a.example.org.", "A", 300, "10.0.0.1"));
        bed.Environment.Clear();
        bed.Environment["GCE_METADATA_HOST"] = bed.Emulator.MetadataHost;
        bed.Environment["HOME"] = Path.GetTempPath(); // no gcloud credentials file there

        var provider = bed.Provider(bed.Options(o => new() { ApiEndpoint = o.ApiEndpoint }));
        var records = await provider.RecordsAsync(CancellationToken.None);

        Assert.Contains(records, r => r.DnsName == "a.example.org");
        Assert.Equal(1, bed.Emulator.Calls(CloudDnsOperations.MetadataProjectId));
        Assert.Equal(1, bed.Emulator.Calls(CloudDnsOperations.MetadataToken));
        Assert.Equal(0, bed.Emulator.Calls(CloudDnsOperations.Token));
        Assert.Contains(bed.Logs.Messages, m => m.Contains("Google project auto-detected from the metadata server: meta-project", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_gcp_a_missing_project_and_missing_credentials_are_clear_configuration_errors()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Environment.Clear();
        bed.Environment["GCE_METADATA_HOST"] = $"127.0.0.1:{ClosedPort()}";
        bed.Environment["HOME"] = Path.GetTempPath();

        var noProject = await Assert.ThrowsAsync<ProviderConfigurationException>(() => bed.Provider(bed.Options(o => new() { ApiEndpoint = o.ApiEndpoint })).RecordsAsync(CancellationToken.None));
        Assert.StartsWith("--google-project is not set and the project cannot be detected: the GCE metadata server at 127.0.0.1:", noProject.Message, StringComparison.Ordinal);

        var noCredentials = await Assert.ThrowsAsync<ProviderConfigurationException>(() => bed.Provider().RecordsAsync(CancellationToken.None));
        Assert.StartsWith("no Google credentials: GOOGLE_APPLICATION_CREDENTIALS is not set", noCredentials.Message, StringComparison.Ordinal);
        Assert.Contains("metadata server at 127.0.0.1:", noCredentials.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workload_identity_federation_file_exchanges_the_subject_token_at_the_security_token_service()
    {
        await using var bed = await GoogleTestBed.StartAsync();
        bed.Emulator.AddZone(Project, "example-org", "example.org.");
        const string audience = "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/providers/kubernetes";
        bed.Emulator.RegisterFederatedSubject(audience, "projected-service-account-token");
        var subject = bed.WriteFile("subject-token", "projected-service-account-token");
        bed.Environment["GOOGLE_APPLICATION_CREDENTIALS"] = bed.WriteFile("federation.json", $$"""
            {
              "type": "external_account",
              "audience": "{{audience}}",
              "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
              "token_url": "{{bed.Emulator.StsTokenUri}}",
              "credential_source": { "file": "{{subject}}" }
            }
            """);

        await bed.Provider().RecordsAsync(CancellationToken.None);

        Assert.Equal(1, bed.Emulator.Calls(CloudDnsOperations.StsToken));
        Assert.Equal(0, bed.Emulator.Calls(CloudDnsOperations.Token));
        Assert.Contains(bed.Logs.Messages, m => m.Contains("workload identity federation credentials for " + audience, StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
