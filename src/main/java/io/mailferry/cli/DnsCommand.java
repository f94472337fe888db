package io.mailferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailferry dns …}: check and change the records the cutover depends on. */
@Command(
        name = "dns",
        mixinStandardHelpOptions = true,
        description = "Check and change DNS records (MX) on the zone's servers.",
        subcommands = {DnsCheckCommand.class, DnsSetMxCommand.class})
class DnsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: check or set-mx");
    }
}
