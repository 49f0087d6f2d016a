namespace Cloudthread.Emulator;

/// <summary>Serves the contract (the published spec with CONTRACT.md's fixes) at <c>GET /openapi.yaml</c>.</summary>
internal static class ContractDocument
{
    private static readonly Lazy<byte[]> Content = new(Load);

    public static string Text => System.Text.Encoding.UTF8.GetString(Content.Value);

    public static async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/yaml; charset=utf-8";
        context.Response.ContentLength = Content.Value.Length;
        await context.Response.Body.WriteAsync(Content.Value, context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Load()
    {
        using var stream = typeof(ContractDocument).Assembly.GetManifestResourceStream("Cloudthread.Emulator.openapi.yaml")
            ?? throw new InvalidOperationException("The embedded openapi.yaml is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
