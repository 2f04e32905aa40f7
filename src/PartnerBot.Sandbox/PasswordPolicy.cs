namespace PartnerBot.Sandbox;

/// <summary>
/// The password rule that the sandbox applies to resets, modelled on Microsoft Entra's cloud password policy:
/// 8 to 256 characters and at least three of lowercase letters, uppercase letters, digits and symbols.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    /// <summary>Returns null when the password is acceptable, otherwise the reason it is not.</summary>
    public static string? Check(string password)
    {
        if (password.Length < MinLength || password.Length > MaxLength)
        {
            return $"The password must be {MinLength} to {MaxLength} characters long.";
        }

        var classes = 0;
        classes += password.Any(char.IsLower) ? 1 : 0;
        classes += password.Any(char.IsUpper) ? 1 : 0;
        classes += password.Any(char.IsDigit) ? 1 : 0;
        classes += password.Any(character => !char.IsLetterOrDigit(character)) ? 1 : 0;

        return classes >= 3
            ? null
            : "The password must contain at least three of: lowercase letters, uppercase letters, digits and symbols.";
    }
}
