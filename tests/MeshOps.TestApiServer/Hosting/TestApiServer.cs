using System.Net;
using System.Security.Cryptography;
using MeshOps.Testing.KubeApi.Controllers;
using MeshOps.Testing.KubeApi.Faults;
using MeshOps.Testing.KubeApi.Hosting;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace MeshOps.Testing.KubeApi;

/// <summary>
/// An in-memory Kubernetes API server on https://127.0.0.1:PORT for tests. Start with <see cref="StartAsync"/>,
/// point KubernetesClient at it with <see cref="WriteKubeconfig"/>, steer it with <see cref="Faults"/> and
/// <see cref="Controllers"/>, inspect traffic in <see cref="RequestLog"/> and objects in <see cref="Objects"/>.
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ServerCertificates _certs;
    readonly SimulatedControllers _controllers;
    readonly CancellationTokenSource _stopping;
    readonly TestApiServerOptions _options;

    TestApiServer(WebApplication app, ServerCertificates certs, SimulatedControllers controllers, CancellationTokenSource stopping,
        TestApiServerOptions options, Uri baseUri, string token, FaultSettings faults, RequestLog log, ControllerSettings settings, ServerObjects objects)
    {
        _app = app; _certs = certs; _controllers = controllers; _stopping = stopping; _options = options;
        BaseUri = baseUri; Token = token; Faults = faults; RequestLog = log; Controllers = settings; Objects = objects;
    }

    /// <summary>https://127.0.0.1:PORT/</summary>
    public Uri BaseUri { get; }
    /// <summary>The bearer token clients must send.</summary>
    public string Token { get; }
    /// <summary>PEM of the CA that signed the server certificate.</summary>
    public string CaCertificatePem => _certs.CaPem;

    /// <summary>An HTTPS handler that trusts this server's CA alone (for raw calls in tests and the warm-up).</summary>
    public HttpClientHandler CreateTrustingHandler()
    {
        var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(CaCertificatePem);
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return cert != null && chain.Build(cert);
            },
        };
    }
    /// <summary>Fault injection, changeable at run time.</summary>
    public FaultSettings Faults { get; }
    /// <summary>Every request served.</summary>
    public RequestLog RequestLog { get; }
    /// <summary>Simulated controller settings, changeable at run time.</summary>
    public ControllerSettings Controllers { get; }
    /// <summary>Direct object access for setup and assertions.</summary>
    public ServerObjects Objects { get; }

    /// <summary>Starts a server with fresh certificates, the default namespaces and running controllers.</summary>
    public static async Task<TestApiServer> StartAsync(TestApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestApiServerOptions();
        var token = options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var certs = ServerCertificates.Create();
        var store = new ObjectStore();
        var catalog = new ResourceCatalog();
        var service = new ResourceService(store, catalog);
        var settings = new ControllerSettings
        {
            Enabled = options.ControllersEnabled,
            WorkloadReadyDelay = options.WorkloadReadyDelay,
            CrdEstablishDelay = options.CrdEstablishDelay,
        };
        foreach (var p in options.NeverReady) settings.AddNeverReady(p);
        var faults = new FaultSettings { Seed = options.FaultSeed };
        var log = new RequestLog();
        var stopping = new CancellationTokenSource();
        var nsType = catalog.Find("", "v1", "namespaces")!;
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            service.Create(nsType, "", new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = ns } }, new WriteOptions("kube-apiserver"));
        service.Admission = new Admission.SimulatedInjector(service, settings).Admit;
        var controllers = new SimulatedControllers(service, settings);
        var handler = new ApiHandler(service, token, faults, log, settings, stopping.Token, options.KubernetesVersion);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "MeshOps.TestApiServer", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
            k.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = options.Http2 ? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2 : Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
                listen.UseHttps(certs.ServerCertificate);
            });
        });
        var app = builder.Build();
        app.Run(handler.Handle);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseUri = new Uri($"https://127.0.0.1:{port}/");
        var objects = new ServerObjects(service, controllers.ReconcileOnce);
        return new TestApiServer(app, certs, controllers, stopping, options, baseUri, token, faults, log, settings, objects);
    }

    /// <summary>The kubeconfig text (server, certificate-authority-data, token, context).</summary>
    public string KubeconfigYaml(string? contextName = null) =>
        Kubeconfig.Render(BaseUri, CaCertificatePem, Token, contextName ?? _options.ContextName, _options.DefaultNamespace);

    /// <summary>Writes a kubeconfig usable by KubernetesClientConfiguration.BuildConfigFromConfigFile with TLS verified.</summary>
    public void WriteKubeconfig(string path, string? contextName = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllText(path, KubeconfigYaml(contextName));
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _controllers.DisposeAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try { await _app.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        }
        await _app.DisposeAsync();
        _certs.Dispose();
        _stopping.Dispose();
    }
}
