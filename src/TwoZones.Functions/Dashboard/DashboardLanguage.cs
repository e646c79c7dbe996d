namespace TwoZones.Functions.Dashboard;

/// <summary>The language the dashboard page is rendered in (<c>?lang=en|zh</c>).</summary>
public enum DashboardLanguage
{
    /// <summary>English.</summary>
    En,

    /// <summary>Chinese.</summary>
    Zh,
}
