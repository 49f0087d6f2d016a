using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cloudthread.Client.Tests.TestInfrastructure;

/// <summary>One request as the server saw it.</summary>
public sealed record RecordedRequest(
    string Method,
    string RawTarget,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A loopback Kestrel server (dynamic port) whose answers a test scripts step by step: each request takes the
/// next step from the queue (status, headers, body, delay, hang, abort); when the queue is empty the fallback answers.
/// Every request is recorded, with its raw target (absolute-form when the client talks to it as a proxy).
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, CancellationToken, Task>> _steps = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private ScriptedServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; private set; }

    /// <summary>Answers requests once the script has run out.</summary>
    public Func<HttpContext, CancellationToken, Task> Fallback { get; set; } = ServerStep.Status(500, "script exhausted");

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<ScriptedServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedServer(app, new Uri("http://127.0.0.1/"));
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return server;
    }

    /// <summary>Waits until the server has received <paramref name="count"/> requests in all (fails after 10 s).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The server received " + _requests.Count + " of " + count + " requests.");
            }

            await Task.Delay(10);
        }
    }

    public ScriptedServer Then(Func<HttpContext, CancellationToken, Task> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public ScriptedServer Then(int status, string? body = null, params (string Name, string Value)[] headers) => Then(ServerStep.Status(status, body, headers));

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method, rawTarget, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, headers, body.ToArray()));

        var step = _steps.TryDequeue(out var next) ? next : Fallback;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await step(context, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}

/// <summary>Building blocks of a server script.</summary>
public static class ServerStep
{
    public static Func<HttpContext, CancellationToken, Task> Status(int status, string? body = null, params (string Name, string Value)[] headers) =>
        async (context, token) =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            if (body != null)
            {
                if (!context.Response.Headers.ContainsKey("Content-Type"))
                {
                    context.Response.ContentType = body.StartsWith('{') || body.StartsWith('[') ? "application/json" : "text/plain; charset=utf-8";
                }

                await context.Response.WriteAsync(body, token);
            }
        };

    public static Func<HttpContext, CancellationToken, Task> Json(int status, string json) => Status(status, json);

    /// <summary>Waits, then answers.</summary>
    public static Func<HttpContext, CancellationToken, Task> Delayed(TimeSpan delay, int status, string? body = null) =>
        async (context, token) =>
        {
            await Task.Delay(delay, token);
            await Status(status, body)(context, token);
        };

    /// <summary>How long a hanging step waits at most, so that a client that never gives up fails its test instead of hanging it.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    /// <summary>Does not answer (until the client gives up, the server stops, or <see cref="HangLimit"/> passes and the connection is dropped).</summary>
    public static Func<HttpContext, CancellationToken, Task> Hang() =>
        async (context, token) =>
        {
            await Task.Delay(HangLimit, token);
            context.Abort();
        };

    /// <summary>Sends the status line, headers and part of the body, then stalls.</summary>
    public static Func<HttpContext, CancellationToken, Task> HangMidBody() =>
        async (context, token) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("{\"partial\":", token);
            await context.Response.Body.FlushAsync(token);
            await Task.Delay(HangLimit, token);
            context.Abort();
        };

    /// <summary>Drops the connection without an answer.</summary>
    public static Func<HttpContext, CancellationToken, Task> Abort() =>
        (context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        };
}
