namespace Cloudthread.Emulator.Model;

/// <summary>A user of the org; role is Admin or Member.</summary>
internal sealed record UserRecord(string Id, string Email, string Name, string Role);
