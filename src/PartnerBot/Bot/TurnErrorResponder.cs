using System.Security.Cryptography;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace PartnerBot.Bot;

/// <summary>
/// Handles a turn that threw. It logs the exception once with a reference id and sends the person one
/// sentence that shows the id. The exception text never reaches the conversation.
/// </summary>
public sealed class TurnErrorResponder(ILogger<TurnErrorResponder> logger)
{
    public async Task RespondAsync(ITurnContext turnContext, Exception exception)
    {
        var activity = turnContext.Activity;
        var referenceId = CreateReferenceId();

        Log.TurnFailed(logger, exception, referenceId, activity.Id, activity.Type, activity.Conversation?.Id);

        if (activity.Type == ActivityTypes.Invoke || activity.Type == ActivityTypes.Message)
        {
            try
            {
                await turnContext.SendActivityAsync(Messages.TurnFailed(referenceId));
            }
            catch (Exception sendException) when (sendException is not OperationCanceledException)
            {
                Log.FailureNoticeNotSent(logger, sendException, referenceId, activity.Conversation?.Id);
            }
        }
    }

    /// <summary>Creates a short id that a person can read out to an administrator, such as "PB-7F3K9Q2M".</summary>
    public static string CreateReferenceId()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        return "PB-" + RandomNumberGenerator.GetString(alphabet, 8);
    }
}
