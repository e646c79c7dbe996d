using Microsoft.Azure.Functions.Worker;

namespace TwoZones.Functions.Http;

/// <summary>Tells HTTP invocations from timer, orchestration and activity invocations, for middleware that only concerns HTTP.</summary>
internal static class HttpTriggers
{
    /// <summary>Whether the invocation was triggered by an HTTP request.</summary>
    public static bool IsHttpTriggered(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(binding => string.Equals(binding.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));
}
