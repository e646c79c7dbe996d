using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Identity;

/// <summary>
/// Identifies the caller of every non-anonymous HTTP function and enforces its least role:
/// no or unknown credentials → 401, a known caller below the function's <see cref="RequiresRoleAttribute"/> → 403.
/// Credentials: the client principal when the deployment enables it, else an API key in <c>x-functions-key</c> or <c>?code=</c>.
/// </summary>
/// <param name="keys">The configured API keys.</param>
/// <param name="configuration">The app's configuration.</param>
internal sealed class ApiKeyAuthenticationMiddleware(ApiKeyDirectory keys, IConfiguration configuration) : IFunctionsWorkerMiddleware
{
    /// <summary>The header Azure Functions reads function keys from.</summary>
    public const string KeyHeader = "x-functions-key";

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        var access = FunctionAccess.Of(context.FunctionDefinition);
        if (http is null || access.IsAnonymous)
        {
            await next(context);
            return;
        }

        var request = http.Request;
        var caller = ClientPrincipal.IsEnabled(configuration) ? ClientPrincipal.Read(request, configuration) : null;
        if (caller is null)
        {
            var key = request.Headers[KeyHeader].ToString();
            if (string.IsNullOrEmpty(key))
            {
                key = request.Query["code"].ToString();
            }

            if (string.IsNullOrEmpty(key))
            {
                await ApiProblem.Unauthorized($"Send an API key in the {KeyHeader} header (or the code query parameter).").WriteAsync(http.Response);
                return;
            }

            caller = keys.Find(key);
            if (caller is null)
            {
                await ApiProblem.Unauthorized("The API key is not known.").WriteAsync(http.Response);
                return;
            }
        }

        if (caller.Role < access.MinimumRole)
        {
            var extensions = new Dictionary<string, object?> { ["requiredRole"] = Roles.Name(access.MinimumRole), ["role"] = Roles.Name(caller.Role) };
            await ApiProblem.Forbidden($"This needs the {Roles.Name(access.MinimumRole)} role; the caller is a {Roles.Name(caller.Role)}.", extensions)
                .WriteAsync(http.Response);
            return;
        }

        http.SetCaller(caller);
        await next(context);
    }
}
