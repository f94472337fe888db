package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csv validate} in-process on files in a temporary folder. */
class CsvCommandsTest {
    static final String PASSWORD = "Vx3-cli-secret";

    @TempDir
    Path dir;

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static String mailboxes(int count) {
        StringBuilder csv = new StringBuilder("EmailAddress,Password,ForceChangePassword\r\n");
        for (int i = 1; i <= count; i++) {
            csv.append("user")
                    .append(i)
                    .append("@contoso.com,")
                    .append(PASSWORD)
                    .append(",False\r\n");
        }
        return csv.toString();
    }

    @Test
    void aGoodListPrintsMailboxesAndBatches() throws IOException {
        Path list = file("all.csv", mailboxes(4500));

        CliRun run = CliRun.of("csv", "validate", list.toString(), "--split", "--domain", "contoso.com");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .isEqualTo(String.join(
                        System.lineSeparator(),
                        "4500 mailboxes in 3 batches of at most 2000",
                        "  batch 1: 2000 (rows 2–2001)",
                        "  batch 2: 2000 (rows 2002–4001)",
                        "  batch 3: 500 (rows 4002–4501)",
                        ""));
        assertThat(run.err()).isEmpty();
        assertThat(MailferryCli.handles(new String[] {"csv", "validate", list.toString()}))
                .isTrue();
    }

    @Test
    void splitsIntoTheBatchSizeAskedFor() throws IOException {
        Path list = file("pilot.csv", mailboxes(5));

        CliRun run = CliRun.of(
                "csv", "validate", list.toString(), "--split", "--batch-size", "3", "--domain", "contoso.com");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "5 mailboxes in 2 batches of at most 3", "  batch 1: 3 (rows 2–4)", "  batch 2: 2 (rows 5–6)");
    }

    @Test
    void aBatchSizeOutside1To2000IsAUsageError() throws IOException {
        Path list = file("pilot.csv", mailboxes(5));
        for (String size : new String[] {"0", "2001"}) {
            CliRun run = CliRun.of("csv", "validate", list.toString(), "--split", "--batch-size", size);

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err())
                    .startsWith("--batch-size: a batch holds 1 to 2000 mailboxes (the seed's limit per "
                            + "batch), not " + size);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void withoutDomainsSaysTheDomainCheckWasSkipped() throws IOException {
        Path list = file("pilot.csv", "EmailAddress\nsomeone@fabrikam.com\n");

        CliRun run = CliRun.of("csv", "validate", list.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "Domains not checked: give the organisation's verified domains with --domain.",
                        "1 mailbox in 1 batch of at most 2000",
                        "  batch 1: 1 (rows 2–2)");
    }

    @Test
    void printsEveryProblemAndExitsOne() throws IOException {
        Path list = file(
                "faulty.csv",
                "EmailAddress,Password,ForceChangePassword\n"
                        + "pilarp@contoso.com," + PASSWORD + ",True\n"
                        + "PILARP@contoso.com,short,False\n"
                        + "tobyn@fabrikam.com," + PASSWORD + "\n");

        CliRun run = CliRun.of(
                "csv", "validate", list.toString(), "--domain", "contoso.com,Contoso.COM.", "--single-sign-on");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().lines())
                .containsExactly(
                        "row 2, column ForceChangePassword: ForceChangePassword must be False: the organisation signs in with "
                                + "single sign-on (AD FS), where users cannot change their password in Microsoft 365 "
                                + "(mailferry.tenant.single-sign-on)",
                        "row 3, column EmailAddress: pilarp@contoso.com is already listed in row 2 (addresses are compared "
                                + "without regard to case); list each mailbox once",
                        "row 3, column Password: the Password is shorter than 8 characters; Microsoft 365 requires 8 to 256",
                        "row 4: This row has 2 columns, the header has 3; every row needs as many.",
                        list + ": 4 problems; fix the file and check it again.");
        assertThat(run.out()).doesNotContain(PASSWORD);
    }

    @Test
    void moreThanOneBatchWithoutSplitPointsToSplit() throws IOException {
        CliRun run =
                CliRun.of("csv", "validate", file("long.csv", mailboxes(2001)).toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("row 2002: The list has 2001 mailboxes").contains("--split");
    }

    @Test
    void anUnreadableFileOrDomainIsAUsageError() throws IOException {
        CliRun missing = CliRun.of("csv", "validate", dir.resolve("nope.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("No such file: " + dir.resolve("nope.csv"));

        CliRun folder = CliRun.of("csv", "validate", dir.toString());
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.err()).startsWith("Cannot read " + dir);

        CliRun badDomain = CliRun.of(
                "csv",
                "validate",
                file("ok.csv", "EmailAddress\na@contoso.com\n").toString(),
                "--domain",
                "not a domain");
        assertThat(badDomain.exitCode()).isEqualTo(2);
        assertThat(badDomain.err()).startsWith("--domain: 'not a domain' is not a valid domain name");

        CliRun noCommand = CliRun.of("csv");
        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Missing command: validate");
    }
}
