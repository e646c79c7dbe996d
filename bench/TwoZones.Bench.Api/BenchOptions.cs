using System.Globalization;

namespace TwoZones.Bench.Api;

/// <summary>Command-line settings; <c>--quick</c> scales every duration and count down for a smoke run.</summary>
public sealed record BenchOptions
{
    public double Seconds { get; init; } = 10;

    public int ProgressRequests { get; init; } = 200;

    public int ProgressWarmup { get; init; } = 20;

    public int MediumCatalogue { get; init; } = 7_500;

    public int LargeCatalogue { get; init; } = 75_000;

    /// <summary>Import the catalogue up to the most a valid file holds before the status updates, so there are enough Proposed items.</summary>
    public bool ExtendForUpdates { get; init; } = true;

    /// <summary>Stop writing the large catalogue's items after this long and measure at the size reached.</summary>
    public double LargeBudgetSeconds { get; init; } = 360;

    /// <summary>Longest wait for the app's background work to settle before the throughput measurements.</summary>
    public double SettleSeconds { get; init; } = 180;

    public int[] Concurrency { get; init; } = [1, 4, 16];

    public string AppDll { get; init; } = "/tmp/art-bench/bin/TwoZones.Functions/release/TwoZones.Functions.dll";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--quick" => options with { Seconds = 3, ProgressRequests = 50, ProgressWarmup = 5, MediumCatalogue = 2_000, LargeCatalogue = 10_000, ExtendForUpdates = true, SettleSeconds = 30 },
                "--seconds" => options with { Seconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--progress-requests" => options with { ProgressRequests = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--medium" => options with { MediumCatalogue = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--large" => options with { LargeCatalogue = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--large-budget" => options with { LargeBudgetSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--settle" => options with { SettleSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-extend" => options with { ExtendForUpdates = false },
                "--extend" => options with { ExtendForUpdates = true },
                "--app" => options with { AppDll = Next() },
                _ => throw new ArgumentException(
                    $"Unknown argument {args[i]}. Use --quick, --seconds S, --progress-requests N, --medium N, --large N (0 skips), --large-budget S, --settle S, --concurrency 1,4,16, --no-extend/--extend, --app path/TwoZones.Functions.dll."),
            };
        }

        return options;
    }
}
