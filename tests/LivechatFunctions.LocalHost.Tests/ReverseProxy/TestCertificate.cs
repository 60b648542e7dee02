using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>A throw-away self-signed certificate for 127.0.0.1 and a set of DNS names, as PEM files nginx can read.</summary>
internal sealed class TestCertificate(X509Certificate2 certificate, string certificatePath, string keyPath) : IDisposable
{
    public X509Certificate2 Certificate { get; } = certificate;

    public string CertificatePath { get; } = certificatePath;

    public string KeyPath { get; } = keyPath;

    public static TestCertificate Create(DirectoryInfo directory, string fileName, params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames.FirstOrDefault() ?? "127.0.0.1"}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        foreach (var dnsName in dnsNames)
        {
            names.AddDnsName(dnsName);
        }

        request.CertificateExtensions.Add(names.Build());
        // Self-signed and used as its own trust anchor by nginx's proxy_ssl_verify, so it must be a CA too.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

        var certificatePath = Path.Combine(directory.FullName, fileName + ".crt");
        var keyPath = Path.Combine(directory.FullName, fileName + ".key");
        File.WriteAllText(certificatePath, created.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        // Kestrel needs the key with the certificate; a PKCS#12 round trip makes it usable on every platform.
        var usable = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        return new TestCertificate(usable, certificatePath, keyPath);
    }

    public bool IsThisCertificate(X509Certificate2? presented) =>
        presented is not null && presented.RawData.AsSpan().SequenceEqual(Certificate.RawData);

    public void Dispose() => Certificate.Dispose();
}
