using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Identity;

/// <summary>
/// Reads the caller from App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header (base64 JSON with <c>claims</c> of
/// <c>typ</c>/<c>val</c>): role from the app-role claim (<c>roles</c>: TwoZones.Viewer/.Official/.Coordinator, the highest wins),
/// agency from the claim named by <c>TwoZones:Identity:AgencyClaim</c> (default <c>agency</c>).
/// The platform strips this header from outside requests, so it is trusted only when <c>TwoZones:Identity:UseClientPrincipal</c> is true.
/// </summary>
internal static class ClientPrincipal
{
    /// <summary>The header App Service Authentication sets.</summary>
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Whether the deployment trusts the client principal header.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        bool.TryParse(configuration["TwoZones:Identity:UseClientPrincipal"], out var enabled) && enabled;

    /// <summary>The caller the header describes, or <see langword="null"/> when it is absent, unreadable or carries no TwoZones role.</summary>
    public static Actor? Read(HttpRequest request, IConfiguration configuration)
    {
        var header = request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = document.RootElement;
            var roleType = Text(root, "role_typ") ?? "roles";
            var nameType = Text(root, "name_typ") ?? "name";
            var agencyType = configuration["TwoZones:Identity:AgencyClaim"] is { Length: > 0 } configured ? configured : "agency";
            var claims = root.TryGetProperty("claims", out var array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Select(c => (Type: Text(c, "typ"), Value: Text(c, "val"))).Where(c => c.Type is not null && c.Value is not null).ToList()
                : [];

            Role? role = null;
            foreach (var claim in claims.Where(c => Is(c.Type, roleType) || Is(c.Type, "roles")))
            {
                if (Roles.Parse(claim.Value) is { } parsed && (role is null || parsed > role))
                {
                    role = parsed;
                }
            }

            if (role is null)
            {
                return null;
            }

            string? Claim(params string[] types) => types.Select(t => claims.FirstOrDefault(c => Is(c.Type, t)).Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            var name = Claim(nameType, "name", "preferred_username") ?? request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].ToString();
            var id = Claim("preferred_username", "upn", "email", nameType) ?? request.Headers["X-MS-CLIENT-PRINCIPAL-ID"].ToString();
            if (string.IsNullOrWhiteSpace(id))
            {
                return null;
            }

            return new Actor(id, string.IsNullOrWhiteSpace(name) ? id : name, role.Value, Claim(agencyType));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Is(string? type, string expected) => string.Equals(type, expected, StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
