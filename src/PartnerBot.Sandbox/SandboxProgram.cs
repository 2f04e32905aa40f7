using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerBot.Sandbox;

/// <summary>
/// Runs the sandbox on its own: <c>dotnet run --project src/PartnerBot.Sandbox -- --urls http://127.0.0.1:5080</c>.
/// </summary>
public static class SandboxProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddPartnerCenterSandbox(builder.Configuration.GetSection(SandboxOptions.SectionName));

        var app = builder.Build();
        app.MapPartnerCenterSandbox();
        app.Run();
    }
}
