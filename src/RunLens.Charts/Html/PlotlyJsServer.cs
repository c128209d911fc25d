using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RunLens;

/// <summary>
/// Serves the embedded plotly.js to notebook outputs over the loopback interface, so an output needs no copy of the
/// 4.8 MB library and still draws after a page reload, a cleared first output or a second view (every output loads
/// it itself; see <see cref="PlotlyJsMode.Load"/>). Nothing leaves the machine: the server listens on 127.0.0.1 only
/// and serves two fixed files. It starts on first use, on port <see cref="DefaultPort"/> when that is free (so
/// outputs saved by an earlier session find the library again while any RunLens process runs), else on a free port.
/// </summary>
public static class PlotlyJsServer
{
    /// <summary>
    /// The port tried first (overridden by the environment variable <c>RUNLENS_PLOTLY_PORT</c>). Outputs always list
    /// it besides the port actually used, so any RunLens process serving this plotly.js version can draw them.
    /// </summary>
    public const int DefaultPort = 52_890;

    /// <summary>The path the library is served at, versioned so browsers may cache it for good.</summary>
    public static string LibraryPath { get; } = "/runlens/plotly-" + PlotlyJs.Version + ".min.js";

    private const string LicensePath = "/runlens/plotly.LICENSE";

    private static readonly Lazy<Listener> _listener = new(Listener.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Where notebook outputs load plotly.js from, in the order they try: the preferred port's address, then this
    /// process's own when it had to take another port. Reading it starts the server.
    /// </summary>
    public static IReadOnlyList<string> Sources => _listener.Value.Sources;

    /// <summary>The port this process serves on (starting the server if needed).</summary>
    public static int Port => _listener.Value.Port;

    /// <summary>The library's address on a given loopback port.</summary>
    public static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{LibraryPath}");

    private static int PreferredPort() =>
        int.TryParse(Environment.GetEnvironmentVariable("RUNLENS_PLOTLY_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
        && port is > 0 and < 65_536 ? port : DefaultPort;

    private sealed class Listener
    {
        private readonly HttpListener _http;
        private readonly byte[] _library;
        private readonly byte[] _license;

        private Listener(HttpListener http, int port)
        {
            _http = http;
            Port = port;
            _library = Encoding.UTF8.GetBytes(PlotlyJs.Script);
            _license = Encoding.UTF8.GetBytes(PlotlyJs.License);
            // The preferred port first: when this process could not have it, whichever RunLens process holds it serves
            // the same file, and it is the address still served after this process has gone.
            var preferred = PreferredPort();
            Sources = port == preferred ? [Url(port)] : [Url(preferred), Url(port)];
        }

        public int Port { get; }

        public IReadOnlyList<string> Sources { get; }

        public static Listener Start()
        {
            // The preferred port first; when another process holds it, a port the system says is free (HttpListener
            // cannot bind port 0 itself, so a TcpListener finds one; the short gap before binding is retried).
            var preferred = PreferredPort();
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var port = attempt == 0 ? preferred : FreePort();
                var http = new HttpListener();
                http.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/runlens/"));
                try
                {
                    http.Start();
                }
                catch (HttpListenerException)
                {
                    http.Close();
                    continue;
                }
                var listener = new Listener(http, port);
                var thread = new Thread(listener.Serve) { IsBackground = true, Name = "RunLens plotly.js server" };
                thread.Start();
                return listener;
            }
            throw new InvalidOperationException(
                "RunLens could not open a loopback port to serve plotly.js to notebook outputs. Render with " +
                "HtmlOptions.Standalone (plotly.js inline) or set RUNLENS_PLOTLY_PORT to a free port.");
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        private void Serve()
        {
            while (_http.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = _http.GetContext();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                ThreadPool.QueueUserWorkItem(_ => Respond(context));
            }
        }

        private void Respond(HttpListenerContext context)
        {
            var response = context.Response;
            try
            {
                // Any page may load the library (a notebook webview, Jupyter on another port); the file is public.
                response.Headers["Access-Control-Allow-Origin"] = "*";
                response.Headers["Access-Control-Allow-Private-Network"] = "true";
                var path = context.Request.Url?.AbsolutePath;
                var body = path == LibraryPath ? _library : path == LicensePath ? _license : null;
                if (context.Request.HttpMethod == "OPTIONS")
                {
                    response.StatusCode = 204;
                }
                else if (body is null || context.Request.HttpMethod is not ("GET" or "HEAD"))
                {
                    response.StatusCode = 404;
                }
                else
                {
                    response.ContentType = path == LibraryPath ? "text/javascript; charset=utf-8" : "text/plain; charset=utf-8";
                    // The address names the version: a browser may keep the file, and a reload draws even after the
                    // kernel that served it has stopped.
                    response.Headers["Cache-Control"] = "public, max-age=31536000, immutable";
                    response.ContentLength64 = body.Length;
                    if (context.Request.HttpMethod == "GET")
                        response.OutputStream.Write(body);
                }
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The page went away mid-response; nothing to tell anyone.
            }
            finally
            {
                try
                {
                    response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
