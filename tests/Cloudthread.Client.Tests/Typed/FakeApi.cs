using System.Text;
using System.Text.Json;
using Cloudthread.Client.Http;

namespace Cloudthread.Client.Tests.Typed;

/// <summary>Stands in for the transport: records each request and answers from a script, no network.</summary>
internal sealed class FakeApi
{
    private readonly Queue<Func<ApiRequest, ApiResponse>> _answers = new();

    public List<ApiRequest> Requests { get; } = new();

    public FakeApi Answer(int status, string body)
    {
        _answers.Enqueue(_ => new ApiResponse(status, Encoding.UTF8.GetBytes(body), "application/json"));
        return this;
    }

    public FakeApi Fail(CloudthreadApiException error)
    {
        _answers.Enqueue(_ => throw error);
        return this;
    }

    public Task<ApiResponse> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException("No answer scripted for " + request.Method + " " + request.Path);
        }

        return Task.FromResult(_answers.Dequeue()(request));
    }

    public CloudthreadClient Client(TimestampFormat format = TimestampFormat.Rfc3339) =>
        new(new CloudthreadClientOptions { ApiKey = "k", TimestampFormat = format }, SendAsync);

    public static string BodyText(ApiRequest request) =>
        request.JsonBody is { } body ? Encoding.UTF8.GetString(body.ToArray()) : string.Empty;

    public static JsonElement BodyJson(ApiRequest request) => JsonDocument.Parse(BodyText(request)).RootElement.Clone();

    public static ApiResponse Response(string body, int status = 200) => new(status, Encoding.UTF8.GetBytes(body), "application/json");

    public static string QueryText(ApiRequest request) => string.Join("&", request.Query.Select(p => p.Key + "=" + p.Value));
}
