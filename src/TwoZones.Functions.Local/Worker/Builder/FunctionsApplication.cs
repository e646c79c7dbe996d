using System.Diagnostics.CodeAnalysis;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>The entry point of the official <c>Program.cs</c> template.</summary>
[SuppressMessage("Design", "CA1052:Static holder types should be Static or NotInheritable", Justification = "The official type is a non-static class.")]
public class FunctionsApplication
{
    /// <summary>A builder for a functions app, with local settings, host.json and the app's configuration loaded.</summary>
    /// <param name="args">The command-line arguments.</param>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => new(args);
}
