namespace Microsoft.DurableTask;

/// <summary>Why a task or orchestration failed.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, if known.</param>
/// <param name="InnerFailure">The inner failure, if any.</param>
/// <param name="Properties">Extra properties of the failure.</param>
public record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure, IDictionary<string, object?>? Properties)
{
    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    /// <summary>Whether the failure was an exception of type <typeparamref name="T"/> or derived from it.</summary>
    /// <typeparam name="T">The exception type.</typeparam>
    public bool IsCausedBy<T>()
        where T : Exception => IsCausedBy(typeof(T));

    /// <summary>Whether the failure was an exception of <paramref name="targetBaseExceptionType"/> or derived from it.</summary>
    /// <param name="targetBaseExceptionType">An exception type.</param>
    public bool IsCausedBy(Type targetBaseExceptionType)
    {
        ArgumentNullException.ThrowIfNull(targetBaseExceptionType);
        if (!typeof(Exception).IsAssignableFrom(targetBaseExceptionType))
        {
            throw new ArgumentException($"{targetBaseExceptionType} is not an exception type.", nameof(targetBaseExceptionType));
        }

        if (string.IsNullOrEmpty(ErrorType))
        {
            return false;
        }

        var failed = Type.GetType(ErrorType, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return failed is not null && targetBaseExceptionType.IsAssignableFrom(failed);
    }

    /// <summary>The failure details of <paramref name="exception"/> and its inner exceptions.</summary>
    /// <param name="exception">The exception.</param>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            return new TaskFailureDetails(exception.GetType().ToString(), exception.Message, exception.StackTrace, failed.FailureDetails, null);
        }

        return new TaskFailureDetails(
            exception.GetType().ToString(),
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            null);
    }
}
