using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PartnerBot.Reliability.Tests;

/// <summary>
/// Stands in for the Bot Framework token service on https://127.0.0.1: it serves OpenID metadata and a JWKS with one
/// RSA key of this test, endorsed for msteams, and signs tokens with it. Bot Framework 4.23.1 fetches metadata with
/// HttpDocumentRetriever, which accepts only https, so the server has a self-signed certificate for 127.0.0.1 that
/// the bot process must trust (see <see cref="CertificatePemPath"/>).
/// </summary>
internal sealed class LoopbackOpenIdServer : IAsyncDisposable
{
    /// <summary>Bot Framework's default ToBotFromChannelTokenIssuer, a name only: nothing is fetched from it.</summary>
    public const string Issuer = "https://api.botframework.com";

    private const string KeyId = "partnerbot-test-key";

    private readonly WebApplication app;
    private readonly RSA signingKey = RSA.Create(2048);
    private readonly string folder;
    private int metadataRequests;

    private LoopbackOpenIdServer(WebApplication app, string folder)
    {
        this.app = app;
        this.folder = folder;
    }

    /// <summary>The server's https address without a trailing '/'.</summary>
    public string BaseUrl => app.Urls.First().TrimEnd('/');

    /// <summary>The OpenID metadata address to configure as ToBotFromChannelOpenIdMetadataUrl.</summary>
    public string MetadataUrl => app.Urls.First().TrimEnd('/') + "/v1/.well-known/openidconfiguration";

    /// <summary>A PEM file with the server's certificate, for the bot process's SSL_CERT_FILE.</summary>
    public string CertificatePemPath => Path.Combine(folder, "loopback-openid.pem");

    public int MetadataRequests => Volatile.Read(ref metadataRequests);

    public static async Task<LoopbackOpenIdServer> StartAsync()
    {
        var certificate = CreateCertificate();
        var folder = Directory.CreateTempSubdirectory("partnerbot-openid-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "loopback-openid.pem"), certificate.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var server = new LoopbackOpenIdServer(app, folder);
        app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext context) =>
        {
            Interlocked.Increment(ref server.metadataRequests);
            return Results.Text(new JsonObject
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/v1/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            }.ToJsonString(), "application/json");
        });
        app.MapGet("/v1/keys", () => Results.Text(server.KeySet().ToJsonString(), "application/json"));
        await app.StartAsync();
        return server;
    }

    /// <summary>Returns a channel token for <paramref name="appId"/> signed with this server's key.</summary>
    public string CreateToken(string appId, string serviceUrl) => CreateToken(appId, serviceUrl, signingKey);

    /// <summary>Returns the same token signed with a key of its own, under this server's key id.</summary>
    public static string CreateForgedToken(string appId, string serviceUrl)
    {
        using var otherKey = RSA.Create(2048);
        return CreateToken(appId, serviceUrl, otherKey);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        signingKey.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static string CreateToken(string appId, string serviceUrl, RSA key)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = appId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private JsonObject KeySet()
    {
        var parameters = signingKey.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray("msteams"),
            }),
        };
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Kestrel on Linux needs the key in an exportable PKCS#12 form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), password: null);
    }
}

/// <summary>
/// An HTTP proxy on 127.0.0.1 that responds to every request with 502 and counts it. The bot process gets it as
/// HTTP_PROXY and HTTPS_PROXY with 127.0.0.1 exempted, so any call meant for the internet lands here instead.
/// </summary>
internal sealed class RefusingProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<string> requestLines = [];

    public RefusingProxy()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>First lines of the requests received, such as "CONNECT login.microsoftonline.com:443 HTTP/1.1".</summary>
    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (requestLines)
            {
                return [.. requestLines];
            }
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, leaveOpen: true);
                var line = await reader.ReadLineAsync(stop.Token) ?? string.Empty;
                lock (requestLines)
                {
                    requestLines.Add(line);
                }

                await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stop.Token);
            }
        }
    }
}
