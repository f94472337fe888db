package io.mailferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailferry dns …}: check and change the records the cutover depends on, and roll Mailferry's changes back. */
@Command(
        name = "dns",
        mixinStandardHelpOptions = true,
        description = "Check and change DNS records (MX) on the zone's servers, and roll back Mailferry's changes.",
        subcommands = {DnsCheckCommand.class, DnsSetMxCommand.class, DnsRollbackCommand.class})
class DnsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: check, set-mx or rollback");
    }
}
