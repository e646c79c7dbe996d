using System.Globalization;
using System.Text;
using TwoZones.Core.Digest;
using TwoZones.Core.Time;

namespace TwoZones.Functions.Dashboard;

/// <summary>Draws commenced % and completed % of snapshots over time as an inline SVG line chart (time on x, 0–100 % on y).</summary>
internal static class TrendChart
{
    private const double Width = 720;
    private const double Height = 260;
    private const double Left = 44;
    private const double Right = 16;
    private const double Top = 12;
    private const double Bottom = 28;

    /// <summary>Appends the chart.</summary>
    /// <param name="html">The page being written.</param>
    /// <param name="trend">Snapshots, oldest first; at least one.</param>
    /// <param name="title">Accessible title of the chart.</param>
    /// <param name="description">Accessible description (the figures in words).</param>
    public static void Append(StringBuilder html, IReadOnlyList<ProgressSnapshot> trend, string title, string description)
    {
        var from = trend[0].AsOf;
        var to = trend[^1].AsOf;
        var span = (to - from).TotalSeconds;
        double X(DateTimeOffset at) => span <= 0 ? Left + ((Width - Left - Right) / 2) : Left + ((at - from).TotalSeconds / span * (Width - Left - Right));
        static double Y(double percent) => Top + ((100 - Math.Clamp(percent, 0, 100)) / 100 * (Height - Top - Bottom));

        html.Append("<svg id=\"trend-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(N(Width)).Append(' ').Append(N(Height))
            .Append("\" width=\"100%\" role=\"img\" aria-labelledby=\"trend-chart-title trend-chart-desc\">\n<title id=\"trend-chart-title\">")
            .Append(DashboardPage.Encode(title)).Append("</title>\n<desc id=\"trend-chart-desc\">").Append(DashboardPage.Encode(description)).Append("</desc>\n");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            var y = N(Y(tick));
            html.Append("<line x1=\"").Append(N(Left)).Append("\" x2=\"").Append(N(Width - Right)).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y)
                .Append("\" stroke=\"#d0d7de\" stroke-width=\"1\"/>")
                .Append("<text x=\"").Append(N(Left - 6)).Append("\" y=\"").Append(N(Y(tick) + 4)).Append("\" text-anchor=\"end\">").Append(tick).Append("%</text>\n");
        }

        if (span <= 0)
        {
            html.Append("<text x=\"").Append(N(X(from))).Append("\" y=\"").Append(N(Height - 8)).Append("\" text-anchor=\"middle\">").Append(AxisLabel(from, to, from)).Append("</text>\n");
        }
        else
        {
            html.Append("<text x=\"").Append(N(Left)).Append("\" y=\"").Append(N(Height - 8)).Append("\" text-anchor=\"start\">").Append(AxisLabel(from, to, from)).Append("</text>")
                .Append("<text x=\"").Append(N(Width - Right)).Append("\" y=\"").Append(N(Height - 8)).Append("\" text-anchor=\"end\">").Append(AxisLabel(from, to, to)).Append("</text>\n");
        }
        AppendSeries(html, "commenced", "#2f6fb5", null, trend, s => X(s.AsOf), s => Y(s.Overall.CommencedPct));
        AppendSeries(html, "completed", "#2a7a44", "7 4", trend, s => X(s.AsOf), s => Y(s.Overall.CompletedPct));
        html.Append("</svg>\n");
    }

    private static void AppendSeries(
        StringBuilder html,
        string name,
        string colour,
        string? dash,
        IReadOnlyList<ProgressSnapshot> trend,
        Func<ProgressSnapshot, double> x,
        Func<ProgressSnapshot, double> y)
    {
        html.Append("<polyline class=\"series-").Append(name).Append("\" fill=\"none\" stroke=\"").Append(colour).Append('"');
        if (dash is not null)
        {
            html.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }

        html.Append(" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"");
        foreach (var snapshot in trend)
        {
            html.Append(N(x(snapshot))).Append(',').Append(N(y(snapshot))).Append(' ');
        }

        html.Append("\"/>\n");

        // A lone snapshot draws no line; its mark keeps it visible, a dot or (for the dashed series) a square, so shape tells them apart.
        if (trend.Count == 1 && dash is null)
        {
            html.Append("<circle class=\"series-").Append(name).Append("\" cx=\"").Append(N(x(trend[0]))).Append("\" cy=\"").Append(N(y(trend[0])))
                .Append("\" r=\"4\" fill=\"").Append(colour).Append("\"/>\n");
        }
        else if (trend.Count == 1)
        {
            html.Append("<rect class=\"series-").Append(name).Append("\" x=\"").Append(N(x(trend[0]) - 4)).Append("\" y=\"").Append(N(y(trend[0]) - 4))
                .Append("\" width=\"8\" height=\"8\" fill=\"").Append(colour).Append("\"/>\n");
        }
    }

    // Within one Beijing day the date alone would label both ends the same; the time tells them apart.
    private static string AxisLabel(DateTimeOffset from, DateTimeOffset to, DateTimeOffset at) =>
        DashboardPage.Day(from) == DashboardPage.Day(to)
            ? ShanghaiClock.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : DashboardPage.Day(at);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
