namespace TwoZones.Infra.Tests.Infrastructure;

/// <summary>What a finished child process left behind.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything a failed assertion needs to explain itself.</summary>
    public string Describe() =>
        $"{CommandLine}{Environment.NewLine}exit code {ExitCode}{Environment.NewLine}--- stderr ---{Environment.NewLine}{StandardError}" +
        $"{Environment.NewLine}--- stdout (first 4000 chars) ---{Environment.NewLine}{StandardOutput[..Math.Min(4000, StandardOutput.Length)]}";
}
