package io.mailferry.m365;

/**
 * A mail-enabled security group the runbook needs is not in the tenant (or a group of that name is of another
 * kind). Graph cannot create such groups; {@link #command()} is the Exchange Online PowerShell command that does, for
 * the operator to run.
 */
public class SecurityGroupMissingException extends IllegalStateException {
    private final String command;

    SecurityGroupMissingException(String message, String command) {
        super(message);
        this.command = command;
    }

    /** {@code New-DistributionGroup -Type Security -Name '…'}, the name quoted for PowerShell. */
    public String command() {
        return command;
    }
}
