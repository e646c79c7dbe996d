using Microsoft.Azure.Functions.Worker;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>The context of one invocation on the local host.</summary>
internal sealed class LocalFunctionContext(
    string invocationId,
    LocalFunctionDefinition definition,
    FunctionDescriptor function,
    IServiceProvider services,
    IReadOnlyDictionary<string, object?> bindingData,
    object? triggerValue,
    CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = invocationId;

    public override string FunctionId => definition.Id;

    public override TraceContext TraceContext { get; } = new LocalTraceContext();

    public override BindingContext BindingContext { get; } = new LocalBindingContext(bindingData);

    public override RetryContext RetryContext { get; } = new LocalRetryContext();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => definition;

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new InvocationFeatures();

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The function being invoked.</summary>
    public FunctionDescriptor Function { get; } = function;

    /// <summary>The value bound to the trigger parameter.</summary>
    public object? TriggerValue { get; } = triggerValue;

    /// <summary>The named values bound to parameters by name.</summary>
    public IReadOnlyDictionary<string, object?> BindingData { get; } = bindingData;

    /// <summary>What the function returned, unwrapped from its task.</summary>
    public object? Result { get; set; }

    private sealed class LocalTraceContext : TraceContext
    {
        public override string TraceParent => System.Diagnostics.Activity.Current?.Id ?? string.Empty;

        public override string TraceState => System.Diagnostics.Activity.Current?.TraceStateString ?? string.Empty;
    }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class LocalRetryContext : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }
}
