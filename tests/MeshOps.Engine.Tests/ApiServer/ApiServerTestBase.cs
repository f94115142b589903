using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.ApiServer;

/// <summary>Starts one test apiserver per test and a KubernetesClient configured from its kubeconfig (TLS verified).</summary>
public abstract class ApiServerTestBase : IAsyncLifetime
{
    protected TestApiServer Server { get; private set; } = null!;
    protected Kubernetes Client { get; private set; } = null!;
    protected string KubeconfigPath { get; private set; } = "";

    protected virtual TestApiServerOptions Options() => new();

    public async Task InitializeAsync()
    {
        Server = await TestApiServer.StartAsync(Options());
        KubeconfigPath = Path.Combine(Path.GetTempPath(), $"meshops-apiserver-{Guid.NewGuid():N}.kubeconfig");
        Server.WriteKubeconfig(KubeconfigPath);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        File.Delete(KubeconfigPath);
    }

    protected async Task<string> NewNamespace(string name = "")
    {
        if (name.Length == 0) name = "ns-" + Guid.NewGuid().ToString("N")[..8];
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    protected static V1ConfigMap ConfigMap(string name, IDictionary<string, string>? data = null, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Data = data ?? new Dictionary<string, string> { ["k"] = "v" },
    };

    protected static V1Deployment Deployment(string name, int replicas = 1, string image = "nginx:1.25")
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = image }] },
                },
            },
        };
    }

    /// <summary>The Status body of a failed call.</summary>
    protected static async Task<(HttpStatusCode Code, JsonObject Status)> Failure(Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        return (e.Response.StatusCode, (JsonObject)JsonNode.Parse(e.Response.Content)!);
    }

    /// <summary>Polls until the condition holds (bounded), failing with the message otherwise.</summary>
    protected static async Task Eventually(Func<Task<bool>> condition, string what, int maxSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(maxSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(20);
        }
        Assert.Fail("condition not reached: " + what);
    }

    /// <summary>A raw HTTPS client trusting the server's CA, with or without the token.</summary>
    protected HttpClient RawClient(bool withToken = true)
    {
        var handler = Server.CreateTrustingHandler();
        var http = new HttpClient(handler) { BaseAddress = Server.BaseUri };
        if (withToken) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Token);
        return http;
    }

    protected async Task<(HttpStatusCode Code, JsonNode? Body)> Raw(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var http = RawClient();
        using var req = new HttpRequestMessage(method, path);
        if (body != null) req.Content = new StringContent(body, Encoding.UTF8, contentType);
        using var resp = await http.SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        return (resp.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
