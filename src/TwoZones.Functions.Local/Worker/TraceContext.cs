using System.Collections.Immutable;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>The W3C trace context of an invocation.</summary>
public abstract class TraceContext
{
    /// <summary>The <c>traceparent</c> value.</summary>
    public abstract string TraceParent { get; }

    /// <summary>The <c>tracestate</c> value.</summary>
    public abstract string TraceState { get; }

    /// <summary>Trace attributes.</summary>
    public virtual IReadOnlyDictionary<string, string> Attributes => ImmutableDictionary<string, string>.Empty;

    /// <summary>Trace baggage.</summary>
    public virtual IReadOnlyDictionary<string, string> Baggage => ImmutableDictionary<string, string>.Empty;
}
