namespace Cloudthread.Emulator.Http;

/// <summary>One problem with a request: where (a JSON path such as <c>data[3].timestamp</c>) and what.</summary>
internal sealed record ErrorDetail(string Path, string Message);
