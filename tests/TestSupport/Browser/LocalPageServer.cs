using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RunLens.TestSupport;

/// <summary>
/// Serves pages to the browser tests from 127.0.0.1, as Jupyter serves a notebook page from localhost. A page served
/// by a route stub has no address, and chromium's Local Network Access then refuses its requests to loopback ports
/// (the plotly.js server); a real loopback origin is what notebook pages have.
/// </summary>
internal sealed class LocalPageServer : IDisposable
{
    private readonly HttpListener _http = new();
    private readonly Dictionary<string, string> _pages = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public LocalPageServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _http.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _http.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> (from now on) and returns its address.</summary>
    public string Page(string path, string html)
    {
        lock (_gate)
            _pages[path] = html;
        return $"http://127.0.0.1:{Port}{path}";
    }

    private async Task ServeAsync()
    {
        while (_http.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _http.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            string? html;
            lock (_gate)
                html = _pages.GetValueOrDefault(context.Request.Url!.AbsolutePath);
            var response = context.Response;
            // The browser asks for a favicon: no content, rather than a 404 it would log as a console error.
            response.StatusCode = html is not null ? 200 : context.Request.Url.AbsolutePath == "/favicon.ico" ? 204 : 404;
            if (html is not null)
            {
                var body = Encoding.UTF8.GetBytes(html);
                response.ContentType = "text/html; charset=utf-8";
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            response.Close();
        }
    }

    public void Dispose() => _http.Close();
}
