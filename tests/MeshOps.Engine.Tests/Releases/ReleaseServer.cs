using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeshOps.Engine.Tests.Releases;

/// <summary>
/// A release mirror on 127.0.0.1 (HttpListener, free port): serves byte arrays by path, counts requests per path,
/// and can cut a response short. Unknown paths answer 404.
/// </summary>
internal sealed class ReleaseServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (byte[] Body, bool Truncate)> _files = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public ReleaseServer()
    {
        // A free port can be taken by a parallel test between FreePort and Start: try another one.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                _listener.Prefixes.Clear();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; private set; }

    public Uri BaseUri(string folder) => new($"http://127.0.0.1:{Port}/{folder.Trim('/')}/");

    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public int HitsOf(string path) => Hits.TryGetValue(path, out var n) ? n : 0;

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; with <paramref name="truncate"/>, announces its full length but sends half and drops the connection.</summary>
    public void Serve(string path, byte[] body, bool truncate = false) => _files[path] = (body, truncate);

    public void Serve(string path, string body) => Serve(path, Encoding.UTF8.GetBytes(body));

    /// <summary>Serves a release archive and its .sha256 under /&lt;folder&gt;/.</summary>
    public void ServeRelease(string folder, string version, byte[] archive, string? checksum = null, bool truncate = false)
    {
        var name = $"istio-{version}-linux-amd64.tar.gz";
        Serve($"/{folder}/{name}", archive, truncate);
        Serve($"/{folder}/{name}.sha256", checksum ?? TestArchive.ChecksumFile(archive, name));
    }

    /// <summary>A port nothing listens on (bound then released), for connection-refused tests.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        Hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var response = context.Response;
        try
        {
            if (!_files.TryGetValue(path, out var file))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }
            response.ContentLength64 = file.Body.Length;
            if (file.Truncate)
            {
                response.OutputStream.Write(file.Body, 0, file.Body.Length / 2);
                response.OutputStream.Flush();
                response.Abort();
                return;
            }
            response.OutputStream.Write(file.Body);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to do.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        // Close after Stop looks the endpoint up again on Linux and may try to bind the port, which a parallel test can
        // have taken by then ("Address already in use"); the listener is stopped either way.
        try { _listener.Close(); } catch (HttpListenerException) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
