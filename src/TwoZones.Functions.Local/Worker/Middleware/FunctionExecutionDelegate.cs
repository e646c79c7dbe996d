namespace Microsoft.Azure.Functions.Worker.Middleware;

/// <summary>The rest of the invocation pipeline.</summary>
/// <param name="context">The invocation.</param>
public delegate Task FunctionExecutionDelegate(FunctionContext context);
