using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>
/// A tiny loopback Kestrel server (dynamic port) answering by route ("GET /teams/a%2Fb", matched on the raw,
/// still-escaped path): it checks what really goes over the wire: escaping, query strings, bodies, the key header.
/// </summary>
internal sealed class RouteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _routes = new(StringComparer.Ordinal);

    private RouteServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public static async Task<RouteServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RouteServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address + "/");
        return server;
    }

    public RouteServer On(string methodAndRawPath, int status, string body = "")
    {
        _routes[methodAndRawPath] = (status, body);
        return this;
    }

    public CloudthreadClient Client(string apiKey = "test-key") => new(new CloudthreadClientOptions
    {
        BaseUri = BaseUri,
        ApiKey = apiKey,
        Retry = new RetryOptions { MaxAttempts = 1 },
        AttemptTimeout = TimeSpan.FromSeconds(20),
        Proxy = new ProxyOptions { Mode = ProxyMode.None },
    });

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        var rawQuery = question < 0 ? string.Empty : rawTarget[(question + 1)..];
        Seen.Enqueue(new SeenRequest(context.Request.Method, rawPath, rawQuery, context.Request.Headers["x-api-key"].ToString(), context.Request.ContentType, body));

        if (!_routes.TryGetValue(context.Request.Method + " " + rawPath, out var answer))
        {
            answer = (404, """{"code":"NotFound","message":"no such route"}""");
        }

        context.Response.StatusCode = answer.Status;
        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record SeenRequest(string Method, string RawPath, string RawQuery, string ApiKey, string? ContentType, string Body);
