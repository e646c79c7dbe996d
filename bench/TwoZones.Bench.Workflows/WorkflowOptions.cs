using System.Globalization;

namespace TwoZones.Bench.Workflows;

/// <summary>Command-line settings; <c>--quick</c> shrinks the generated catalogue and the idle window for a smoke run.</summary>
public sealed record WorkflowOptions
{
    /// <summary>Items in the generated catalogue of the second digest measurement (the sample extended with Proposed measures).</summary>
    public int GeneratedItems { get; init; } = 7_500;

    public double IdleSeconds { get; init; } = 60;

    public int DigestRepeats { get; init; } = 3;

    /// <summary>Longest wait for the app's background work to settle after an import.</summary>
    public double SettleSeconds { get; init; } = 300;

    /// <summary>Status updates per second in the paced-events measurement.</summary>
    public double EventRate { get; init; } = 50;

    /// <summary>How many of the sample's Commenced measures that measurement completes.</summary>
    public int EventCount { get; init; } = 250;

    public string AppDll { get; init; } = "/tmp/art-wf/bin/TwoZones.Functions/release/TwoZones.Functions.dll";

    public static WorkflowOptions Parse(string[] args)
    {
        var options = new WorkflowOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--quick" => options with { GeneratedItems = 2_000, IdleSeconds = 20, SettleSeconds = 120 },
                "--generated" => options with { GeneratedItems = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--idle" => options with { IdleSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--digest-repeats" => options with { DigestRepeats = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--settle" => options with { SettleSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--event-rate" => options with { EventRate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--events" => options with { EventCount = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--app" => options with { AppDll = Next() },
                _ => throw new ArgumentException(
                    $"Unknown argument {args[i]}. Use --quick, --generated N, --idle S, --digest-repeats N, --settle S, --event-rate N, --events N, --app path/TwoZones.Functions.dll."),
            };
        }

        return options;
    }
}
