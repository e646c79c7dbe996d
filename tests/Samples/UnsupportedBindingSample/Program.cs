using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Build().Run();

namespace UnsupportedBindingSample
{
    /// <summary>Stands in for the Storage Queues extension's trigger: its binding type is <c>queueTrigger</c>.</summary>
    [AttributeUsage(AttributeTargets.Parameter)]
    public sealed class QueueTriggerAttribute(string queueName) : TriggerBindingAttribute
    {
        public string QueueName { get; } = queueName;
    }

    public static class QueueFunctions
    {
        [Function("OnQueueMessage")]
        public static void OnQueueMessage([QueueTrigger("work-items")] string message) => Console.WriteLine(message);
    }
}
