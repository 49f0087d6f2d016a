// Skeleton entry point; the emulator owner replaces this.
var app = WebApplication.CreateBuilder(args).Build();
app.Run();
