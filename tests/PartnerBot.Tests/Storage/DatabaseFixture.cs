using Microsoft.Extensions.Logging.Abstractions;
using PartnerBot.Storage;
using PartnerBot.Tests.Infrastructure;

namespace PartnerBot.Tests.Storage;

/// <summary>One PostgreSQL server for all storage tests, and a fresh migrated database of either kind per test.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly List<string> sqliteFolders = [];

    public PostgreSqlServer PostgreSql { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PostgreSql = await PostgreSqlServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await PostgreSql.DisposeAsync();
        foreach (var folder in sqliteFolders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public async Task<StorageOptions> CreateOptionsAsync(StorageProvider provider)
    {
        if (provider == StorageProvider.PostgreSql)
        {
            return new StorageOptions { Provider = provider, ConnectionString = await PostgreSql.CreateDatabaseAsync() };
        }

        var folder = Directory.CreateTempSubdirectory("partnerbot-sqlite-").FullName;
        sqliteFolders.Add(folder);
        return new StorageOptions { Provider = provider, DataFolder = folder };
    }

    public async Task<Database> CreateMigratedDatabaseAsync(StorageProvider provider)
    {
        var database = Database.Create(await CreateOptionsAsync(provider));
        await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        return database;
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "Databases";
}
