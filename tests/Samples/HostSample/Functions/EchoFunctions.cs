using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace HostSample.Functions;

public static class EchoFunctions
{
    /// <summary>[FromBody] POCO, and the raw body is still readable by the function.</summary>
    [Function("Echo")]
    public static async Task<EchoResponse> Echo([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "echo")] HttpRequest req, [FromBody] EchoRequest body)
    {
        using var reader = new StreamReader(req.Body);
        var raw = await reader.ReadToEndAsync();
        return new EchoResponse(body.Message, body.Count, raw.Length);
    }
}
