namespace TwoZones.Core.Progress;

/// <summary>How the app turns counts into percentages: one decimal, half away from zero.</summary>
public static class Percentage
{
    /// <summary>
    /// <paramref name="part"/> of <paramref name="total"/> in percent, rounded to one decimal half away from zero
    /// (computed in <see cref="decimal"/> so 1/16 gives exactly 6.3, not a binary-rounding 6.2).
    /// </summary>
    /// <param name="part">The counted items.</param>
    /// <param name="total">All items.</param>
    /// <returns>0.0 when <paramref name="total"/> is 0.</returns>
    public static double Of(int part, int total)
    {
        if (total == 0)
        {
            return 0.0;
        }

        var exact = part * 100m / total;
        return (double)Math.Round(exact, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The difference between two one-decimal percentages, in percentage points, again to one decimal.</summary>
    /// <param name="current">The newer percentage.</param>
    /// <param name="previous">The older percentage.</param>
    /// <returns><paramref name="current"/> − <paramref name="previous"/>, without binary artefacts (e.g. 0.3, not 0.30000000000000004).</returns>
    public static double PointsDelta(double current, double previous) =>
        (double)Math.Round((decimal)current - (decimal)previous, 1, MidpointRounding.AwayFromZero);
}
