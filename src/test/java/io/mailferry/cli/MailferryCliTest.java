package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailferryCliTest {

    @Test
    void everyCommandIsRecognisedFromItsNameAloneAndListedInTheUsage() {
        for (String command : new String[] {"dns", "sync", "csv", "secrets"}) {
            assertThat(MailferryCli.handles(new String[] {command, "--help"}))
                    .as(command)
                    .isTrue();
        }
        assertThat(MailferryCli.handles(new String[] {"--server.port=8081"})).isFalse();
        assertThat(MailferryCli.commandLine().getSubcommands()).containsOnlyKeys("dns", "sync", "csv", "secrets");
    }

    @Test
    void aCommandRunsWithOnlyItsOwnModelBuiltAndStillSeesItsSubcommands() {
        assertThat(MailferryCli.run(new String[] {"csv", "validate", "--help"})).isZero();
        assertThat(MailferryCli.run(new String[] {"csv", "no-such-subcommand"})).isEqualTo(MailferryCli.USAGE);
    }
}
