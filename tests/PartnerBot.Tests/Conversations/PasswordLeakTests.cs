using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using PartnerBot.Conversations;
using PartnerBot.Resets;
using PartnerBot.Tests.Infrastructure;
using static PartnerBot.Tests.Infrastructure.FlowHarness;

namespace PartnerBot.Tests.Conversations;

/// <summary>
/// Runs a whole reset, including the removal edit, and searches everything the bot wrote for the password: every
/// log entry, every database row and file, every call to the connector and every invoke response. The password
/// may appear only in the one private message to the requester.
/// </summary>
public sealed class PasswordLeakTests
{
    [Theory]
    [InlineData("Random", "PartnerCenter")]
    [InlineData("Passphrase", "PartnerCenter")]
    [InlineData("Random", "Graph")]
    public async Task Password_appears_only_privately(string style, string backend)
    {
        var dataFolder = Directory.CreateTempSubdirectory("partnerbot-leak-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["PartnerBot:PasswordStyle"] = style, ["PartnerBot:Backend"] = backend };
            await using var harness = await FlowHarness.StartAsync(settings, dataFolder);
            var (password, invokeResponses) = await RunWholeResetAsync(harness);

            var logLines = harness.Factory.Logs.Entries.Select(DescribeLogEntry).ToArray();
            var rows = ReadAllRows(Path.Combine(dataFolder, "partnerbot.db"));
            var callsWithPassword = harness.Connector.Calls.Where(call => StringsIn(call.Body).Any(text => text.Contains(password, StringComparison.Ordinal))).ToArray();
            var privateMessage = harness.SentTo(Requester.PersonalConversationId).Single(IsPasswordMessage);

            Assert.DoesNotContain(logLines, line => line.Contains(password, StringComparison.Ordinal));
            Assert.DoesNotContain(rows, row => row.Contains(password, StringComparison.Ordinal));
            Assert.DoesNotContain(Directory.GetFiles(dataFolder), file => ContainsBytes(file, password));
            Assert.DoesNotContain(invokeResponses, response => StringsIn(response).Any(text => text.Contains(password, StringComparison.Ordinal)));
            var onlyCall = Assert.Single(callsWithPassword);
            Assert.Same(privateMessage, onlyCall.Body);
            Assert.Equal("POST", onlyCall.Method);
            Assert.NotEmpty(harness.UpdatesOf(onlyCall.ResponseId!));
            await harness.WaitForBackgroundWorkAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    /// <summary>Runs request, approval, delivery and the removal edit; returns the password and every invoke response.</summary>
    private static async Task<(string Password, IReadOnlyList<JsonObject> InvokeResponses)> RunWholeResetAsync(FlowHarness harness)
    {
        await harness.SayAsync(Approver, "help");
        await harness.SayAsync(SecondApprover, "help");
        var target = harness.PlainUser();
        var responses = new List<JsonObject>();

        var requestId = await harness.StartRequestAsync(Requester);
        responses.Add(await harness.ClickAsync(Requester, Verbs.CustomerSearch, Data(requestId, ("customerQuery", "Müller"))));
        responses.Add(await harness.ClickAsync(Requester, Verbs.CustomerPick, Data(requestId, ("customerId", harness.Muller.Id.ToString()))));
        responses.Add(await harness.ClickAsync(Requester, Verbs.UserSearch, Data(requestId, ("userQuery", target.DisplayName))));
        responses.Add(await harness.ClickAsync(Requester, Verbs.UserPick, Data(requestId, ("userId", target.Id.ToString()))));
        responses.Add(await harness.ClickAsync(Requester, Verbs.Submit, Data(requestId, ("reason", "Ticket #4711"))));
        responses.Add(await harness.ClickAsync(Approver, Verbs.Approve, Data(requestId, ("comment", "Caller verified"))));
        var privateMessage = await harness.WaitForSentAsync(Requester.PersonalConversationId, IsPasswordMessage);
        await harness.WaitForStatusAsync(requestId, ResetRequestStatus.Completed);
        var requesterCardId = harness.Connector.ActivityIdOf(harness.SentTo(Requester.PersonalConversationId).First(activity => TextOf(activity).Contains("choose the customer", StringComparison.Ordinal)))!;
        await harness.WaitForUpdateAsync(requesterCardId, activity => TextOf(activity).Contains("The password was reset", StringComparison.Ordinal));
        responses.Add(await harness.ClickAsync(SecondApprover, Verbs.Refresh, Data(requestId)));

        harness.Clock.Advance(TimeSpan.FromMinutes(16));
        await harness.Worker.RunOnceAsync(CancellationToken.None);

        var password = PasswordIn(privateMessage);
        Assert.True(harness.Sandbox.PasswordMatches(harness.Muller.Id, target.Id, password), "The password read from the private message should be the one Partner Center set.");
        return (password, responses);
    }

    private static string DescribeLogEntry(RecordedLogEntry entry) =>
        string.Join(" | ", [entry.Category, entry.Message, entry.Exception?.ToString() ?? string.Empty, .. entry.Properties.Select(property => $"{property.Key}={property.Value}")]);

    /// <summary>Reads every row of every table, opened read-only, as one line of text per row.</summary>
    private static IReadOnlyList<string> ReadAllRows(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();

        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("reset_requests", tables);
        Assert.Contains("audit_events", tables);

        var rows = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(index => reader.GetValue(index) switch
                {
                    byte[] bytes => Encoding.UTF8.GetString(bytes),
                    var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                });
                rows.Add(table + ": " + string.Join(" | ", values));
            }
        }

        return rows;
    }

    private static bool ContainsBytes(string file, string text)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }

    /// <summary>Returns every string value and property name in a JSON tree, unescaped, so escaped symbols cannot hide a match.</summary>
    private static IEnumerable<string> StringsIn(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => StringsIn(property.Value).Prepend(property.Key)),
        JsonArray array => array.SelectMany(StringsIn),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
