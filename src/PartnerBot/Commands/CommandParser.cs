using System.Text;

namespace PartnerBot.Commands;

/// <summary>
/// Matches message text against whole commands. The caller removes the bot's mention first. The parser
/// ignores case and surrounding whitespace, and treats any run of whitespace between words as one space,
/// because Teams inserts line breaks around mentions in channels.
/// </summary>
public static class CommandParser
{
    private static readonly Dictionary<string, BotCommand> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["reset password"] = BotCommand.ResetPassword,
        ["help"] = BotCommand.Help,
        ["cancel"] = BotCommand.Cancel,
        ["set approvals channel"] = BotCommand.SetApprovalsChannel,
        ["audit"] = BotCommand.Audit,
    };

    public static BotCommand Parse(string? text)
    {
        var normalized = NormalizeWhitespace(text);
        return Commands.GetValueOrDefault(normalized, BotCommand.Unknown);
    }

    /// <summary>Collapses every run of whitespace (including no-break spaces and &amp;nbsp;) to one space and trims.</summary>
    internal static string NormalizeWhitespace(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var character in text.Replace("&nbsp;", " ", StringComparison.OrdinalIgnoreCase))
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(character);
        }

        return builder.ToString();
    }
}
