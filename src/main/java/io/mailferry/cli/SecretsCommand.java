package io.mailferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailferry secrets …}: the secret store's master key. */
@Command(
        name = "secrets",
        mixinStandardHelpOptions = true,
        description = "Manage the secret store's master key.",
        subcommands = {SecretsRotateKeyCommand.class})
class SecretsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: rotate-key");
    }
}
