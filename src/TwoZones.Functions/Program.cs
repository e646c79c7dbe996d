using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using TwoZones.Functions.Digests;
using TwoZones.Functions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

builder.Services.AddTwoZonesSettings(builder.Configuration);
builder.Services.AddTwoZonesApi(builder.Configuration);
builder.Services.AddTwoZonesWorkflows(builder.Configuration);
builder.UseTwoZonesHttpPipeline();

return builder.Build().RunOrExplainSettings();
