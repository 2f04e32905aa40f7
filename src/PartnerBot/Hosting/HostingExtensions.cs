using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PartnerBot.Storage;

namespace PartnerBot.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Adds appsettings.json and appsettings.{Environment}.json from the application's base directory,
    /// where the build copies the top-level files. They are inserted before environment variables and
    /// command-line arguments, so those still override any value.
    /// </summary>
    public static void AddPartnerBotSettingsFiles(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var fileProvider = new PhysicalFileProvider(AppContext.BaseDirectory);
        var sources = configuration.Sources;
        var index = sources.TakeWhile(source => source is not EnvironmentVariablesConfigurationSource).Count();

        sources.Insert(index, new JsonConfigurationSource
        {
            FileProvider = fileProvider,
            Path = $"appsettings.{environment.EnvironmentName}.json",
            Optional = true,
        });
        sources.Insert(index, new JsonConfigurationSource
        {
            FileProvider = fileProvider,
            Path = "appsettings.json",
            Optional = false,
        });
    }

    /// <summary>
    /// Validates every option record, then runs the host and returns the process exit code. Invalid
    /// configuration ends the process with exit code 2 and one log line per failure that names the key,
    /// instead of an unhandled-exception dump.
    /// </summary>
    public static async Task<int> RunUntilStoppedAsync(this WebApplication app)
    {
        if (!ValidateOptions(app))
        {
            // Disposing flushes the console logger, whose queue would otherwise be lost with the process.
            await app.DisposeAsync();
            return 2;
        }

        if (app.Services.GetRequiredService<IOptions<Configuration.BotCredentialOptions>>().Value.IsAnonymous)
        {
            Log.AnonymousBotInDevelopment(app.Logger);
        }

        await app.RunAsync();
        return 0;
    }

    /// <summary>Validates the options, applies pending database migrations and returns the exit code.</summary>
    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        if (!ValidateOptions(app))
        {
            await app.DisposeAsync();
            return 2;
        }

        var applied = await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(CancellationToken.None);
        Log.MigrationsCompleted(app.Logger, applied);
        await app.DisposeAsync();
        return 0;
    }

    private static bool ValidateOptions(WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception exception) when (exception is OptionsValidationException or AggregateException)
        {
            var failures = exception is AggregateException aggregate
                ? aggregate.Flatten().InnerExceptions.OfType<OptionsValidationException>().SelectMany(inner => inner.Failures)
                : ((OptionsValidationException)exception).Failures;

            foreach (var failure in failures)
            {
                Log.InvalidConfiguration(app.Logger, failure);
            }

            return false;
        }
    }
}
