using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ExternalDns.Kubernetes.Client;

/// <summary>Decodes what a kubeconfig refers to: base64 data, files, PEM certificate bundles and server URLs.</summary>
internal static class KubeConfigMaterial
{
    public static string DecodeBase64(string value, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
        }
        catch (FormatException e)
        {
            throw new KubeConfigException($"{what} is not valid base64", e);
        }
    }

    public static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{what}: cannot read {path}: {e.Message}", e);
        }
    }

    public static X509Certificate2Collection LoadBundle(string pem, string what)
    {
        try
        {
            return PemCertificates.LoadBundle(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"{what} holds no usable PEM certificate: {e.Message}", e);
        }
    }

    public static string ExportPem(X509Certificate2Collection collection)
    {
        var sb = new StringBuilder();
        foreach (var cert in collection)
        {
            sb.Append(cert.ExportCertificatePem()).Append('\n');
        }

        return sb.ToString();
    }

    public static Uri ParseServer(string value, string what)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            // client-go accepts host:port and assumes https.
            trimmed = "https://" + trimmed;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeConfigException($"{what} '{value}' is not an http(s) URL");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new KubeConfigException($"{what} must not contain user information");
        }

        return uri;
    }
}
