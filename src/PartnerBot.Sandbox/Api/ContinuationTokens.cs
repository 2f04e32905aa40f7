using System.Buffers.Text;
using System.Text;

namespace PartnerBot.Sandbox.Api;

/// <summary>
/// The sandbox's seek-paging tokens: the parts that identify the list and the next offset, base64url-encoded so
/// they look opaque like Partner Center's.
/// </summary>
internal static class ContinuationTokens
{
    private const char Separator = '\u001F';

    public static string Create(params string[] parts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(Separator, parts)));

    /// <summary>Returns the parts of a token, or null when it is not a sandbox token.</summary>
    public static string[]? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(Separator);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
