using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Google;

/// <summary>
/// A service account made for a test: a fresh RSA-2048 key pair and the JSON key file Google would hand out
/// (<c>type</c>, <c>project_id</c>, <c>private_key_id</c>, <c>private_key</c>, <c>client_email</c>, <c>client_id</c>,
/// <c>token_uri</c>, …), with <c>token_uri</c> pointing at an emulator. Register its public key with
/// <see cref="CloudDnsEmulator.RegisterServiceAccount"/> (or create it with <see cref="CloudDnsEmulator.CreateServiceAccount"/>).
/// </summary>
public sealed class GoogleTestServiceAccount : IDisposable
{
    private GoogleTestServiceAccount(RSA key, string clientEmail, string keyId, string projectId, string tokenUri)
    {
        Key = key;
        ClientEmail = clientEmail;
        KeyId = keyId;
        ProjectId = projectId;
        TokenUri = tokenUri;
    }

    /// <summary>The key pair (the emulator needs only the public half).</summary>
    public RSA Key { get; }

    public string ClientEmail { get; }

    public string KeyId { get; }

    public string ProjectId { get; }

    public string TokenUri { get; }

    /// <summary>The private key as PKCS#8 PEM, as in the key file.</summary>
    public string PrivateKeyPem => Key.ExportPkcs8PrivateKeyPem();

    public static GoogleTestServiceAccount Create(string tokenUri, string clientEmail = "external-dns@test-project.iam.gserviceaccount.com", string projectId = "test-project")
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenUri);
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        return new GoogleTestServiceAccount(RSA.Create(2048), clientEmail, keyId, projectId, tokenUri);
    }

    /// <summary>The key file's JSON; <paramref name="edit"/> may change or remove fields (for malformed-file tests).</summary>
    public string ToJson(Action<JsonObject>? edit = null)
    {
        var json = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = ProjectId,
            ["private_key_id"] = KeyId,
            ["private_key"] = PrivateKeyPem,
            ["client_email"] = ClientEmail,
            ["client_id"] = "100000000000000000001",
            ["auth_uri"] = "https://accounts.google.com/o/oauth2/auth",
            ["token_uri"] = TokenUri,
            ["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs",
            ["universe_domain"] = "googleapis.com",
        };
        edit?.Invoke(json);
        return json.ToJsonString();
    }

    /// <summary>Writes the key file to <paramref name="path"/> and returns the path.</summary>
    public string WriteTo(string path, Action<JsonObject>? edit = null)
    {
        File.WriteAllText(path, ToJson(edit));
        return path;
    }

    public void Dispose() => Key.Dispose();
}
