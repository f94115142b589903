using System.Net;
using System.Net.Sockets;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// A TCP listener on loopback that accepts every connection and never sends a byte: the API server that hangs.
/// Connections are held open until disposal.
/// </summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> held = [];
    private readonly CancellationTokenSource stop = new();

    public SilentServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted { get { lock (held) return held.Count; } }

    /// <summary>A kubeconfig for https://127.0.0.1:PORT with a token, TLS verification off (the handshake never completes anyway).</summary>
    public string Kubeconfig(string scheme = "https") => $"""
        apiVersion: v1
        kind: Config
        current-context: silent
        clusters:
        - name: silent
          cluster:
            server: {scheme}://127.0.0.1:{Port}
            insecure-skip-tls-verify: true
        users:
        - name: silent
          user:
            token: silent-token
        contexts:
        - name: silent
          context:
            cluster: silent
            user: silent
        """;

    private async Task AcceptAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                lock (held) held.Add(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (held) foreach (var client in held) client.Dispose();
        stop.Dispose();
    }
}
