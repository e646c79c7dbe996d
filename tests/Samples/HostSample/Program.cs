using HostSample.Middleware;
using HostSample.Services;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

builder.UseMiddleware<InvocationLogMiddleware>();
builder.UseWhen<ResponseHeaderMiddleware>(ResponseHeaderMiddleware.IsHttpTriggered);
builder.Services.AddSingleton<GreetingService>();

builder.Build().Run();
