using Microsoft.Extensions.Options;

namespace PartnerBot.Storage;

/// <summary>Database engines PartnerBot can keep its state in.</summary>
public enum StorageProvider
{
    /// <summary>A file in <see cref="StorageOptions.DataFolder"/>, for one bot instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several bot instances behind one Azure Bot registration.</summary>
    PostgreSql,
}

/// <summary>Where PartnerBot keeps requests, approvals and the audit trail, from the "Storage" section.</summary>
public sealed record StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>Folder of the SQLite database file, relative to the working directory unless absolute. Created on first run.</summary>
    public string DataFolder { get; init; } = "data";

    /// <summary>Npgsql connection string. Required when <see cref="Provider"/> is PostgreSql.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>How long audit events are kept before the background worker deletes them. Default: 400 days.</summary>
    public TimeSpan AuditRetention { get; init; } = TimeSpan.FromDays(400);
}

/// <summary>Checks the storage settings at start-up.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString is missing. Set it to an Npgsql connection string when Storage:Provider is PostgreSql.");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.DataFolder))
        {
            return ValidateOptionsResult.Fail("Storage:DataFolder is empty. Set it to the folder for the SQLite database file, for example \"data\".");
        }

        if (options.AuditRetention < TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail("Storage:AuditRetention is shorter than one day. Set it to how long audit events must be kept, for example 400.00:00:00.");
        }

        return ValidateOptionsResult.Success;
    }
}
