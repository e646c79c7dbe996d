using System.Net.Sockets;
using Azure;

namespace TwoZones.Storage;

/// <summary>Tells an outage of storage (HTTP 503 with <c>Retry-After</c>) from other failures.</summary>
public static class StorageFailure
{
    /// <summary>Whether <paramref name="exception"/> means storage could not be reached or is too busy to answer.</summary>
    /// <param name="exception">Any exception, possibly wrapped in an <see cref="AggregateException"/>.</param>
    /// <returns>
    /// <see langword="true"/> for transport failures (a <see cref="RequestFailedException"/> with status 0 or a network inner exception,
    /// <see cref="HttpRequestException"/>, <see cref="SocketException"/>, <see cref="IOException"/>), a storage 503,
    /// <see cref="TimeoutException"/>, and a <see cref="TaskCanceledException"/> caused by a timeout; otherwise <see langword="false"/>
    /// (including cancellation by the caller).
    /// </returns>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    return aggregate.InnerExceptions.Any(IsUnavailable);
                case RequestFailedException { Status: 0 }:
                case RequestFailedException { Status: 503 }:
                case HttpRequestException:
                case SocketException:
                case IOException:
                case TimeoutException:
                    return true;
                case TaskCanceledException canceled:
                    // The transport reports its own timeout as a cancellation wrapping a TimeoutException;
                    // a cancellation without one was asked for by the caller and is not an outage.
                    return canceled.InnerException is not null && IsUnavailable(canceled.InnerException);
                case RequestFailedException:
                    exception = exception.InnerException;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }
}
