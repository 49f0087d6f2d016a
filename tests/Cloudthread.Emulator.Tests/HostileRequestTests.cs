using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Cloudthread.Emulator.Tests.Infrastructure;

namespace Cloudthread.Emulator.Tests;

/// <summary>Text that is not text, control characters in names, broken and stalled requests: 400s and dropped connections, never a 500 or a hang.</summary>
public sealed class HostileRequestTests : IAsyncLifetime
{
    private TestEmulator _emu = null!;

    public async Task InitializeAsync() => _emu = await TestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    /// <summary>Every field any body endpoint reads, holding <paramref name="text"/> (JSON string content).</summary>
    private static string EveryField(string text) =>
        "{\"data_stream_token\":\"" + text + "\",\"metric_agg_func\":\"" + text + "\",\"data\":[{\"timestamp\":\"" + text + "\",\"metric_name\":\"" + text +
        "\",\"metric_value\":1,\"team_id\":\"" + text + "\",\"payload\":{\"type\":\"" + text + "\"}}],\"id\":\"" + text + "\",\"name\":\"" + text +
        "\",\"email\":\"" + text + "\",\"role\":\"" + text + "\",\"users_ids\":[\"" + text + "\"],\"status\":\"" + text + "\",\"region\":\"" + text + "\"}";

    [Fact]
    public async Task A_lone_surrogate_in_a_string_is_a_400_on_every_body_endpoint()
    {
        foreach (var (method, path) in BadInputTests.Operations)
        {
            var result = await _emu.SendAsync(new HttpMethod(method), path, EveryField("\\ud800"));
            Assert.True(result.Code == 400, $"{method} {path}: {result.Code} {result.Body}");
            Assert.Equal("ValidationFailed", result.ErrorCode);
        }
    }

    [Fact]
    public async Task Invalid_utf8_in_a_string_is_a_400_on_every_body_endpoint()
    {
        var bytes = Encoding.UTF8.GetBytes(EveryField("x\u00FEy"));
        // Every U+00FE (C3 BE) becomes a lone FF byte: not UTF-8.
        var raw = new List<byte>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0xC3 && i + 1 < bytes.Length && bytes[i + 1] == 0xBE)
            {
                raw.Add(0xFF);
                i++;
            }
            else
            {
                raw.Add(bytes[i]);
            }
        }

        foreach (var (method, path) in BadInputTests.Operations)
        {
            var result = await _emu.SendAsync(new HttpMethod(method), path, null, customize: request =>
            {
                request.Content = new ByteArrayContent(raw.ToArray());
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            });
            Assert.True(result.Code == 400, $"{method} {path}: {result.Code} {result.Body}");
        }
    }

    [Theory]
    [InlineData("/streams/ingest", "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"metric_name\":\"\\u0000\",\"metric_value\":1}]}", "data[0].metric_name")]
    [InlineData("/streams/ingest", "{\"data_stream_token\":\"ct-demo-stream-token\",\"metric_agg_func\":\"Sum\",\"data\":[{\"timestamp\":\"2026-01-01T00:00:00Z\",\"metric_name\":\"m\",\"metric_value\":1,\"custom_dimensions\":{\"\\u0001\":\"v\"}}]}", "data[0].custom_dimensions")]
    [InlineData("/teams", "{\"id\":\"\\u0000\",\"name\":\"Control\"}", "id")]
    [InlineData("/teams", "{\"id\":\"ok-id\",\"name\":\"tab\\there\"}", "name")]
    [InlineData("/users", "{\"email\":\"c@example.com\",\"name\":\"\\u007f\",\"role\":\"Member\"}", "name")]
    public async Task Control_characters_in_ids_names_and_dimension_keys_are_a_400(string path, string body, string field)
    {
        var result = await _emu.PostAsync(path, body);
        Assert.Equal(400, result.Code);
        Assert.Contains(result.Details, detail => detail.Path.StartsWith(field, StringComparison.Ordinal) && detail.Message.Contains("control characters", StringComparison.Ordinal));
        Assert.DoesNotContain(await _emu.CustomDataAsync(), record => record.GetProperty("metric_name").GetString() is "\u0000" or "m");
    }

    [Fact]
    public async Task A_broken_chunked_body_to_the_faults_endpoint_is_a_400()
    {
        var answer = await RawAsync(
            "PUT /_emulator/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_line_that_never_ends_is_dropped_within_seconds()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_emu.Server.BaseUri.Host, _emu.Server.BaseUri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /teams HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, patience.Token) > 0)
            {
                // An error answer may come before the close; keep reading until the server closes.
            }
        }
        catch (IOException)
        {
            // Reset by the server: dropped as well.
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(12), $"held open {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task<string> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_emu.Server.BaseUri.Host, _emu.Server.BaseUri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer, patience.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
