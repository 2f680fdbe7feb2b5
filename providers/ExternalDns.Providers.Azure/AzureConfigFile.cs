using System.Text.Json;
using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Azure;

/// <summary>
/// Reads <c>azure.json</c>. A problem gives one <see cref="ProviderConfigurationException"/> naming the file and, when
/// the problem is in a field, the field — never a field's value (the file holds a secret).
/// </summary>
public static class AzureConfigFile
{
    private static readonly string[] StringFields =
    [
        "cloud", "tenantId", "subscriptionId", "resourceGroup", "aadClientId", "aadClientSecret", "userAssignedIdentityID",
        "activeDirectoryAuthorityHost", "resourceManagerEndpoint", "resourceManagerAudience",
    ];

    private static readonly string[] BoolFields = ["useManagedIdentityExtension", "useWorkloadIdentityExtension"];

    /// <summary>Reads and checks the file.</summary>
    public static AzureConfig Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProviderConfigurationException($"Azure config file '{path}' (--azure-config-file) cannot be read: {Reason(e)}", e);
        }

        return Parse(path, bytes);
    }

    /// <summary>Parses the content of <paramref name="path"/>.</summary>
    public static AzureConfig Parse(string path, ReadOnlySpan<byte> content)
    {
        CheckSyntax(path, content);
        var document = JsonDocument.Parse(content.ToArray());
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ProviderConfigurationException($"Azure config file '{path}' (--azure-config-file) must hold a JSON object, not {Describe(root.ValueKind)}");
            }

            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            var bools = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                // encoding/json matches field names case-insensitively; so do we.
                var known = StringFields.FirstOrDefault(f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
                if (known is not null)
                {
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        throw new ProviderConfigurationException($"Azure config file '{path}' (--azure-config-file): field '{known}' must be a string, not {Describe(property.Value.ValueKind)}");
                    }

                    strings[known] = property.Value.GetString()!.Trim();
                    continue;
                }

                var flag = BoolFields.FirstOrDefault(f => string.Equals(f, property.Name, StringComparison.OrdinalIgnoreCase));
                if (flag is not null)
                {
                    bools[flag] = property.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False or JsonValueKind.Null => false,
                        _ => throw new ProviderConfigurationException($"Azure config file '{path}' (--azure-config-file): field '{flag}' must be true or false, not {Describe(property.Value.ValueKind)}"),
                    };
                }
            }

            string S(string name) => strings.TryGetValue(name, out var v) ? v : string.Empty;
            return new AzureConfig
            {
                Cloud = S("cloud"),
                TenantId = S("tenantId"),
                SubscriptionId = S("subscriptionId"),
                ResourceGroup = S("resourceGroup"),
                AadClientId = S("aadClientId"),
                AadClientSecret = S("aadClientSecret"),
                UseManagedIdentityExtension = bools.GetValueOrDefault("useManagedIdentityExtension"),
                UseWorkloadIdentityExtension = bools.GetValueOrDefault("useWorkloadIdentityExtension"),
                UserAssignedIdentityId = S("userAssignedIdentityID"),
                ActiveDirectoryAuthorityHost = S("activeDirectoryAuthorityHost"),
                ResourceManagerEndpoint = S("resourceManagerEndpoint"),
                ResourceManagerAudience = S("resourceManagerAudience"),
            };
        }
    }

    /// <summary>Reads the whole document token by token so that a syntax error can name the field it is in.</summary>
    private static void CheckSyntax(string path, ReadOnlySpan<byte> content)
    {
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        string? field = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    field = reader.GetString();
                }
                else if (reader.TokenType is not JsonTokenType.StartObject and not JsonTokenType.StartArray)
                {
                    field = reader.CurrentDepth <= 1 ? null : field;
                }
            }
        }
        catch (JsonException e)
        {
            var where = field is not null ? $" in field '{field}'" : string.Empty;
            throw new ProviderConfigurationException(
                $"Azure config file '{path}' (--azure-config-file) is not valid JSON{where} (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1})");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "the file does not exist",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
