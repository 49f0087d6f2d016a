using Cloudthread.Emulator.Admin;
using Cloudthread.Emulator.Endpoints;
using Cloudthread.Emulator.Http;

namespace Cloudthread.Emulator;

/// <summary>Wires the request pipeline: admin endpoints, the served contract, then the API.</summary>
internal static class EmulatorApp
{
    public static ApiRouter CreateRouter(EmulatorRuntime runtime)
    {
        var ingest = new IngestEndpoint(runtime);
        var events = new EventsEndpoint(runtime);
        var catalog = new TagCatalogEndpoint(runtime);
        var metrics = new MetricsEndpoint(runtime);
        var users = new UsersEndpoint(runtime);
        var teams = new TeamsEndpoint(runtime);
        var opportunities = new OpportunitiesEndpoint(runtime);
        return new ApiRouter(
        [
            new("POST", "/streams/ingest", IsWrite: true, ReadsBody: true, ingest.Handle) { PlainBodyHandler = ingest.TryHandlePlainBody },
            new("POST", "/events", IsWrite: true, ReadsBody: true, events.Handle),
            new("GET", "/tag-catalog", IsWrite: false, ReadsBody: false, catalog.Handle),
            new("GET", "/cost/metric/{metric_id}", IsWrite: false, ReadsBody: false, metrics.Cost),
            new("GET", "/unit/metric/{metric_id}", IsWrite: false, ReadsBody: false, metrics.Unit),
            new("GET", "/users", IsWrite: false, ReadsBody: false, users.List),
            new("POST", "/users", IsWrite: true, ReadsBody: true, users.Create),
            new("GET", "/teams", IsWrite: false, ReadsBody: false, teams.List),
            new("POST", "/teams", IsWrite: true, ReadsBody: true, teams.Create),
            new("GET", "/teams/{team_id}", IsWrite: false, ReadsBody: false, teams.Get),
            new("PATCH", "/teams/{team_id}", IsWrite: true, ReadsBody: true, teams.Update),
            new("DELETE", "/teams/{team_id}", IsWrite: true, ReadsBody: false, teams.Delete),
            new("GET", "/teams/{team_id}/members", IsWrite: false, ReadsBody: false, teams.Members),
            new("POST", "/teams/{team_id}/members/assign", IsWrite: true, ReadsBody: true, teams.Assign),
            new("POST", "/teams/{team_id}/members/delete", IsWrite: true, ReadsBody: true, teams.Remove),

            // A read, though a POST: read-only keys may list opportunities.
            new("POST", "/cost-optimization/opportunities/list", IsWrite: false, ReadsBody: true, opportunities.Handle),
        ]);
    }

    public static void Configure(WebApplication app, EmulatorRuntime runtime)
    {
        var pipeline = new ApiPipeline(runtime, CreateRouter(runtime));
        var admin = new AdminEndpoints(runtime);
        var logger = app.Logger;
        app.Run(async context =>
        {
            try
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments(AdminEndpoints.Prefix, StringComparison.Ordinal))
                {
                    await admin.HandleAsync(context).ConfigureAwait(false);
                }
                else if (path.Equals("/openapi.yaml", StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
                {
                    await ContractDocument.WriteAsync(context).ConfigureAwait(false);
                }
                else
                {
                    await pipeline.HandleAsync(context).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
            {
                // A bug must not take the server down or leak internals: log it, answer a plain 500.
                logger.LogError(ex, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
                if (!context.Response.HasStarted)
                {
                    context.Response.Clear();
                    await ResponseWriter.WriteErrorAsync(context, 500, ErrorCodes.InternalError, "Internal emulator error.").ConfigureAwait(false);
                }
            }
        });
    }
}
