using LocalFunctionsHost.Configuration;

namespace LocalFunctionsHost.Extensions;

/// <summary>What an extension gets from the host at start.</summary>
/// <param name="Settings">host.json (e.g. <c>extensions.durableTask</c>), local.settings.json and the environment.</param>
/// <param name="HttpBaseUri">The host's HTTP address, e.g. <c>http://127.0.0.1:7071/</c>.</param>
/// <param name="HostId">The host id (names blobs and leases).</param>
internal sealed record ExtensionContext(HostSettings Settings, Uri HttpBaseUri, string HostId);
