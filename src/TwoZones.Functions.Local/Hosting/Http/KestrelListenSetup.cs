using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Kestrel listens on loopback only, on the configured port, and its own rejections carry problem bodies.</summary>
internal sealed class KestrelListenSetup(LocalHostOptions options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel) => kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen => listen.UseRejectionProblems());
}
