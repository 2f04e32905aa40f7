namespace PartnerBot.Commands;

/// <summary>Text commands that PartnerBot understands.</summary>
public enum BotCommand
{
    /// <summary>Text that is not a command.</summary>
    Unknown,

    /// <summary>"reset password": starts a password reset request.</summary>
    ResetPassword,

    /// <summary>"help": shows the help card.</summary>
    Help,

    /// <summary>"cancel": ends the open request.</summary>
    Cancel,

    /// <summary>"set approvals channel": an approver chooses the channel that receives approval cards.</summary>
    SetApprovalsChannel,

    /// <summary>"audit": shows an approver the latest finished reset requests.</summary>
    Audit,
}
