using Azure;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>Tells an unreachable-storage failure (a request that got no HTTP answer) from other errors.</summary>
internal static class StorageOutage
{
    /// <summary>Whether <paramref name="exception"/> was caused by storage not answering at all.</summary>
    public static bool IsCause(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case RequestFailedException { Status: 0 }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsCause):
                    return true;
            }

            exception = exception.InnerException;
        }

        return false;
    }
}
