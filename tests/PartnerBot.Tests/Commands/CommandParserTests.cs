using PartnerBot.Commands;

namespace PartnerBot.Tests.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("reset password", BotCommand.ResetPassword)]
    [InlineData("Reset Password", BotCommand.ResetPassword)]
    [InlineData("  reset\n\tpassword ", BotCommand.ResetPassword)]
    [InlineData("reset&nbsp;password", BotCommand.ResetPassword)]
    [InlineData("reset\u00a0password", BotCommand.ResetPassword)]
    [InlineData("help", BotCommand.Help)]
    [InlineData("CANCEL", BotCommand.Cancel)]
    public void Whole_commands_are_recognised(string text, BotCommand expected)
    {
        var command = CommandParser.Parse(text);

        Assert.Equal(expected, command);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("reset")]
    [InlineData("password")]
    [InlineData("reset password now")]
    [InlineData("please help")]
    [InlineData("resetpassword")]
    [InlineData("help!")]
    public void Partial_or_extra_text_is_unknown(string? text)
    {
        var command = CommandParser.Parse(text);

        Assert.Equal(BotCommand.Unknown, command);
    }
}
