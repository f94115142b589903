namespace MeshOps.Testing.KubeApi.Hosting;

/// <summary>
/// Process entry for Pester: dotnet MeshOps.TestApiServer.dll --kubeconfig PATH [--port 0] [--ready-delay-ms N]
/// [--crd-delay-ms N] [--never-ready PATTERN]... [--token T] [--context NAME] [--no-controllers] [--kube-version v1.x.y] [--warm-up]
/// [--http2] (<see cref="WarmUp"/>: for benchmarks; --http2 offers HTTP/2 next to HTTP/1.1, for diagnosis). Writes the kubeconfig, prints
/// "READY https://127.0.0.1:PORT" and serves until stdin closes or the process is killed.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = new TestApiServerOptions();
        string? kubeconfig = null;
        var warmUp = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--kubeconfig": kubeconfig = Next(); break;
                case "--port": options.Port = int.Parse(Next()); break;
                case "--ready-delay-ms": options.WorkloadReadyDelay = TimeSpan.FromMilliseconds(int.Parse(Next())); break;
                case "--crd-delay-ms": options.CrdEstablishDelay = TimeSpan.FromMilliseconds(int.Parse(Next())); break;
                case "--never-ready": options.NeverReady.Add(Next()); break;
                case "--token": options.Token = Next(); break;
                case "--context": options.ContextName = Next(); break;
                case "--fault-seed": options.FaultSeed = int.Parse(Next()); break;
                case "--no-controllers": options.ControllersEnabled = false; break;
                case "--warm-up": warmUp = true; break;
                case "--http2": options.Http2 = true; break;
                case "--http1-only": options.Http2 = false; break;
                case "--kube-version": options.KubernetesVersion = KubernetesVersionInfo.FromGitVersion(Next()); break;
                default:
                    await Console.Error.WriteLineAsync($"unknown argument {args[i]}; usage: --kubeconfig PATH [--port 0] [--ready-delay-ms N] [--crd-delay-ms N] [--never-ready PATTERN] [--token T] [--context NAME] [--fault-seed N] [--no-controllers] [--kube-version v1.x.y] [--warm-up]");
                    return 2;
            }
        }
        if (kubeconfig == null)
        {
            await Console.Error.WriteLineAsync("--kubeconfig PATH is required");
            return 2;
        }
        if (warmUp) WarmUp.RunRequestPaths();
        await using var server = await TestApiServer.StartAsync(options);
        server.WriteKubeconfig(kubeconfig);
        if (warmUp) await WarmUpPipelineAsync(server);
        Console.Out.WriteLine($"READY {server.BaseUri.GetLeftPart(UriPartial.Authority)}");
        Console.Out.Flush();

        var done = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; done.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => done.TrySetResult();
        _ = Task.Run(() =>
        {
            // Serve until stdin reaches end of file (the parent closed it or exited).
            var stdin = Console.OpenStandardInput();
            var buffer = new byte[256];
            try { while (stdin.Read(buffer, 0, buffer.Length) > 0) { } } catch (IOException) { }
            done.TrySetResult();
        });
        await done.Task;
        return 0;
    }

    /// <summary>One call through TLS, authentication, the request log and discovery; the log is then cleared.</summary>
    static async Task WarmUpPipelineAsync(TestApiServer server)
    {
        using var handler = server.CreateTrustingHandler();
        using var http = new HttpClient(handler) { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
        foreach (var path in new[] { "version", "api", "apis", "api/v1/namespaces/default" })
            (await http.GetAsync(path)).Dispose();
        server.RequestLog.Clear();
    }
}
