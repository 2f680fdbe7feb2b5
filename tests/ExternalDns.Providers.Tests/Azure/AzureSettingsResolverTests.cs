using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Azure;

namespace ExternalDns.Providers.Tests.Azure;

public sealed class AzureSettingsResolverTests : IDisposable
{
    private const string Secret = "s3cr3t-Value~x";
    private readonly string _dir = Directory.CreateTempSubdirectory("azure-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, $"azure-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static AzureProviderOptions Resolve(string? file, Dictionary<string, string>? env = null, AzureSettingsInput? input = null) =>
        AzureSettingsResolver.Resolve((input ?? new AzureSettingsInput()) with { ConfigFile = file ?? "/nonexistent/azure.json", ConfigFileSet = file is not null }, n => env?.GetValueOrDefault(n));

    [Fact]
    public void Client_secret_from_azure_json_with_the_public_cloud_defaults()
    {
        var options = Resolve(Write($$"""{"tenantId":"t","subscriptionId":"sub","resourceGroup":"rg","aadClientId":"app","aadClientSecret":"{{Secret}}","location":"westeurope","vmType":"vmss"}"""));

        Assert.Equal(AzureCredentialKind.ClientSecret, options.Credential.Kind);
        Assert.Equal(("t", "app", Secret), (options.Credential.TenantId, options.Credential.ClientId, options.Credential.ClientSecret));
        Assert.Equal(("sub", "rg"), (options.SubscriptionId, options.ResourceGroup));
        Assert.Equal(new Uri("https://login.microsoftonline.com/"), options.AuthorityHost);
        Assert.Equal(new Uri("https://management.azure.com/"), options.ResourceManagerEndpoint);
        Assert.Equal("https://management.core.windows.net/.default", options.Scope);
        Assert.False(options.DisableInstanceDiscovery);
        Assert.DoesNotContain(Secret, options.Credential.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_override_the_file_and_the_environment_sets_the_authority()
    {
        var options = Resolve(
            Write("""{"tenantId":"t","subscriptionId":"sub","resourceGroup":"rg","aadClientId":"app","aadClientSecret":"x"}"""),
            new() { ["AZURE_AUTHORITY_HOST"] = "https://login.example.test" },
            new AzureSettingsInput { SubscriptionId = "flag-sub", ResourceGroup = "flag-rg", ResourceManagerEndpoint = "https://arm.example.test:8443" });

        Assert.Equal(("flag-sub", "flag-rg"), (options.SubscriptionId, options.ResourceGroup));
        Assert.Equal(new Uri("https://login.example.test/"), options.AuthorityHost);
        Assert.True(options.DisableInstanceDiscovery);
        Assert.Equal(new Uri("https://arm.example.test:8443/"), options.ResourceManagerEndpoint);
    }

    [Theory]
    [InlineData("AzureUSGovernmentCloud", "https://login.microsoftonline.us/", "https://management.usgovcloudapi.net/")]
    [InlineData("AZURECHINACLOUD", "https://login.chinacloudapi.cn/", "https://management.chinacloudapi.cn/")]
    [InlineData("AzureCloud", "https://login.microsoftonline.com/", "https://management.azure.com/")]
    public void Cloud_selects_the_endpoints(string cloud, string authority, string arm)
    {
        var options = Resolve(Write($$"""{"cloud":"{{cloud}}","tenantId":"t","subscriptionId":"s","aadClientId":"a","aadClientSecret":"x"}"""));

        Assert.Equal(new Uri(authority), options.AuthorityHost);
        Assert.Equal(new Uri(arm), options.ResourceManagerEndpoint);
    }

    [Fact]
    public void Azure_stack_takes_its_endpoints_from_the_file_and_needs_all_three()
    {
        var options = Resolve(Write("""{"cloud":"AzureStackCloud","tenantId":"t","subscriptionId":"s","aadClientId":"a","aadClientSecret":"x","activeDirectoryAuthorityHost":"https://adfs.local/","resourceManagerEndpoint":"https://management.local.azurestack.external/","resourceManagerAudience":"https://management.adfs.azurestack.local/abc"}"""));
        var path = Write("""{"cloud":"AzureStackCloud","tenantId":"t","subscriptionId":"s","aadClientId":"a","aadClientSecret":"x","activeDirectoryAuthorityHost":"https://adfs.local/"}""");
        var missing = Assert.Throws<ProviderConfigurationException>(() => Resolve(path));

        Assert.Equal(new Uri("https://management.local.azurestack.external/"), options.ResourceManagerEndpoint);
        Assert.Equal("https://management.adfs.azurestack.local/abc/.default", options.Scope);
        Assert.True(options.DisableInstanceDiscovery);
        Assert.Contains("resourceManagerEndpoint", missing.Message, StringComparison.Ordinal);
        Assert.Contains(path, missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"tenantId": "t", "aadClientSecret": "s3cr3t-Value~x" "x": 1}""", "line 1")]
    [InlineData("""{"tenantId": 42}""", "'tenantId' must be a string")]
    [InlineData("""{"useManagedIdentityExtension": "true"}""", "'useManagedIdentityExtension' must be true or false")]
    [InlineData("""["not", "an", "object"]""", "must hold a JSON object")]
    [InlineData("""{"cloud":"AzureMarsCloud","subscriptionId":"s","aadClientId":"a","aadClientSecret":"s3cr3t-Value~x","tenantId":"t"}""", "field 'cloud'")]
    [InlineData("""{"subscriptionId":"s","aadClientId":"a","aadClientSecret":"s3cr3t-Value~x"}""", "field 'tenantId' is required")]
    [InlineData("""{"tenantId":"t","aadClientId":"a","aadClientSecret":"s3cr3t-Value~x"}""", "'subscriptionId'")]
    [InlineData("""{"tenantId":"t","subscriptionId":"s"}""", "no credentials")]
    public void Malformed_or_incomplete_files_name_the_file_and_field_and_never_the_secret(string json, string expected)
    {
        var path = Write(json);

        var error = Assert.Throws<ProviderConfigurationException>(() => Resolve(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Syntax_error_in_a_field_names_the_field()
    {
        var path = Write("{\n  \"tenantId\": \"t\",\n  \"aadClientSecret\": s3cr3t\n}");

        var error = Assert.Throws<ProviderConfigurationException>(() => Resolve(path));

        Assert.Contains("'aadClientSecret'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_config_file_that_does_not_exist_is_an_error()
    {
        var error = Assert.Throws<ProviderConfigurationException>(() => Resolve(Path.Combine(_dir, "missing.json")));

        Assert.Contains("missing.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("--azure-config-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Msi_placeholders_skip_the_client_secret_and_use_the_managed_identity_with_the_flag_override()
    {
        var options = Resolve(
            Write("""{"tenantId":"t","subscriptionId":"s","aadClientId":"msi","aadClientSecret":"msi","useManagedIdentityExtension":true,"userAssignedIdentityID":"file-id"}"""),
            input: new AzureSettingsInput { UserAssignedIdentityClientId = "flag-id" });

        Assert.Equal(AzureCredentialKind.ManagedIdentity, options.Credential.Kind);
        Assert.Equal("flag-id", options.Credential.ClientId);
    }

    [Fact]
    public void Workload_identity_reads_tenant_client_and_token_file_from_the_environment()
    {
        var env = new Dictionary<string, string> { ["AZURE_TENANT_ID"] = "env-t", ["AZURE_CLIENT_ID"] = "env-c", ["AZURE_FEDERATED_TOKEN_FILE"] = "/var/run/secrets/azure/tokens/azure-identity-token" };

        var fromFile = Resolve(Write("""{"subscriptionId":"s","useWorkloadIdentityExtension":true}"""), env);
        var withoutFile = Resolve(null, env, new AzureSettingsInput { SubscriptionId = "s" });
        var noTokenFile = Assert.Throws<ProviderConfigurationException>(() => Resolve(Write("""{"subscriptionId":"s","tenantId":"t","aadClientId":"c","useWorkloadIdentityExtension":true}""")));

        Assert.Equal((AzureCredentialKind.WorkloadIdentity, "env-t", "env-c"), (fromFile.Credential.Kind, fromFile.Credential.TenantId, fromFile.Credential.ClientId));
        Assert.Equal("/var/run/secrets/azure/tokens/azure-identity-token", fromFile.Credential.TokenFile);
        Assert.Equal(AzureCredentialKind.WorkloadIdentity, withoutFile.Credential.Kind);
        Assert.Contains("AZURE_FEDERATED_TOKEN_FILE", noTokenFile.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_config_file_or_workload_identity_the_managed_identity_is_used()
    {
        var options = Resolve(null, input: new AzureSettingsInput { SubscriptionId = "s", UserAssignedIdentityClientId = "id" });

        Assert.Equal(AzureCredentialKind.ManagedIdentity, options.Credential.Kind);
        Assert.Equal("id", options.Credential.ClientId);
    }

    [Fact]
    public void A_resource_manager_endpoint_that_is_not_https_is_a_flag_error()
    {
        var error = Assert.Throws<FlagException>(() => Resolve(null, input: new AzureSettingsInput { SubscriptionId = "s", ResourceManagerEndpoint = "http://127.0.0.1:1/" }));

        Assert.Contains("--azure-resource-manager-endpoint", error.Message, StringComparison.Ordinal);
    }
}
