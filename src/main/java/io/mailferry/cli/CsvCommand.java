package io.mailferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailferry csv …}: mailbox lists (the staged migration's CSV files). */
@Command(
        name = "csv",
        mixinStandardHelpOptions = true,
        description = "Check mailbox lists (the staged migration's CSV files) before uploading them.",
        subcommands = {CsvValidateCommand.class})
class CsvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: validate");
    }
}
