using Microsoft.Extensions.Hosting;

// The classic model: no ConfigureFunctionsWebApplication, so requests and responses travel inside the gRPC messages.
new HostBuilder().ConfigureFunctionsWorkerDefaults().Build().Run();
