using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PartnerBot.Tests.Infrastructure;

/// <summary>Keeps every log entry of every category and level, so tests can search all log output.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLogEntry> entries = new();

    public IReadOnlyList<RecordedLogEntry> Entries => entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<RecordedLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new RecordedLogEntry(
                category,
                logLevel,
                eventId,
                formatter(state, exception),
                exception,
                properties.ToDictionary(pair => pair.Key, pair => pair.Value)));
        }
    }
}

public sealed record RecordedLogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyDictionary<string, object?> Properties);
