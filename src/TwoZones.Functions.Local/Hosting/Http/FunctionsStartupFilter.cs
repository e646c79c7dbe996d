using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// The web pipeline of the host: problem-details errors, then the functions' routes and the extensions' endpoints, then 404.
/// Function routes come before the app's own pipeline so that nothing there (such as a developer exception page) can
/// turn a function's exception into a page with a stack trace.
/// </summary>
internal sealed class FunctionsStartupFilter(HttpTriggerProvider http, IEnumerable<IEndpointContributor> contributors) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<HttpErrorMiddleware>();
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            http.MapEndpoints(endpoints);
            foreach (var contributor in contributors)
            {
                contributor.MapEndpoints(endpoints);
            }
        });
        next(app);
        app.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    };
}
