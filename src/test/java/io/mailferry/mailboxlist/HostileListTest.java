package io.mailferry.mailboxlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Files made to hurt the check rather than to be a list (security review finding 13): each is refused with a
 * problem naming what is wrong and where, and the answer stays the size of a page whatever the file holds. That the
 * heap stays small is {@code io.mailferry.cli.CsvValidateHeapTest}'s part, in a JVM of its own.
 */
class HostileListTest {
    static final ValidationRules CONTOSO = new ValidationRules(Set.of("contoso.com"), false, false);

    /** {@code unit} repeated up to {@code size} bytes, after {@code head}. */
    static byte[] repeated(String head, byte[] unit, int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        while (bytes.size() + unit.length <= size) {
            bytes.writeBytes(unit);
        }
        return bytes.toByteArray();
    }

    static ValidatedList validate(byte[] content) {
        return new MailboxListValidator(CONTOSO).validate(content);
    }

    @Test
    void aTenMegabyteFileIsRefusedUnreadNamingItsSize() {
        byte[] commas = repeated("EmailAddress", new byte[] {','}, 10 * 1024 * 1024);

        ValidatedList list = validate(commas);

        assertThat(list.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isEqualTo(1);
            assertThat(problem.message())
                    .startsWith("The file has 10,485,760 bytes; a mailbox list has at most 1,682,844 (2,000 rows")
                    .contains("Nothing in it was checked");
        });
        assertThat(list.problemCount()).isOne();
    }

    @Test
    void aHeaderOfAMillionEmptyColumnsIsOneProblemNamingHowManyColumns() {
        byte[] commas = repeated("EmailAddress", new byte[] {','}, ListLimits.MAX_BYTES);

        ValidatedList list = validate(commas);

        assertThat(list.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.describe())
                    .startsWith("row 1: The header has 1,682,833 columns; a mailbox list has at most 3 ("
                            + "EmailAddress,Password,ForceChangePassword), and no row wider than 10 is read.");
        });
    }

    @Test
    void aLineOfBadBytesAndCommasIsOneProblem() {
        ValidatedList list = validate(repeated("", new byte[] {(byte) 0xFF, ','}, ListLimits.MAX_BYTES));

        assertThat(list.problems())
                .singleElement()
                .satisfies(
                        problem -> assertThat(problem.describe()).startsWith("row 1: The header has 841,423 columns"));
    }

    /** A file of the largest size is CsvValidateHeapTest's; the same at 100 KB here. */
    @Test
    void aFileOfFaultyRowsListsTheFirstHundredAndCountsTheRest() {
        byte[] badBytes = repeated("EmailAddress\n", new byte[] {(byte) 0xFF, '\n'}, 100_000);

        ValidatedList list = validate(badBytes);

        assertThat(list.problems()).hasSize(ProblemList.LISTED + 1);
        assertThat(list.problems().subList(0, ProblemList.LISTED))
                .extracting(ListProblem::row)
                .as("the first rows, in order")
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(2, 101).boxed().toList());
        assertThat(list.problems().get(0).describe())
                .isEqualTo("row 2, column EmailAddress: byte 13 (counted from 0) is not valid UTF-8. Was the file saved"
                        + " in a legacy code page such as Windows-1252 ('ANSI')? Save it as 'CSV UTF-8 (Comma "
                        + "delimited)'");
        long rows = (100_000 - "EmailAddress\n".length()) / 2;
        assertThat(list.problemCount())
                .as("one per row, and the list is longer than a batch")
                .isEqualTo(rows + 1);
        assertThat(list.problems().get(ProblemList.LISTED).describe())
                .isEqualTo("row 102: … and " + String.format("%,d", rows + 1 - ProblemList.LISTED)
                        + " more problems from this row on, not listed (at most 100 are). Fix these and check the file"
                        + " again.");
    }

    @Test
    void manyInvalidAddressesAreCappedTheSameWay() {
        ValidatedList list = validate(repeated("EmailAddress\n", "x\n".getBytes(StandardCharsets.US_ASCII), 100_000));

        assertThat(list.problems()).hasSize(ProblemList.LISTED + 1);
        assertThat(list.problems().get(0).message()).startsWith("'x' is not a valid email address");
        assertThat(list.problemCount()).isEqualTo(49_993 + 1);
    }

    @Test
    void aRowWiderThanTenColumnsIsRefusedByRowAndCount() {
        String csv = "EmailAddress\r\npilarp@contoso.com\r\ntobyn@contoso.com" + ",x".repeat(40) + "\r\n";

        ValidatedList list = validate(csv.getBytes(StandardCharsets.UTF_8));

        assertThat(list.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.describe())
                        .startsWith("row 3: This row has 41 columns; a mailbox list has at most 3"));
    }

    @Test
    void aCellLongerThanAnyListHasIsRefusedByRowAndColumn() {
        String quoteNeverClosed =
                "EmailAddress,Password\r\npilarp@contoso.com,\"Pa$$w0rd\r\n" + "a@contoso.com\r\n".repeat(100);
        String longCell = "EmailAddress,Password\r\npilarp@contoso.com,Pa$$w0rd\r\n" + "b".repeat(600) + ",x\r\n";

        assertThat(validate(quoteNeverClosed.getBytes(StandardCharsets.UTF_8)).problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.describe())
                        .isEqualTo("row 2: The cell in column 2 is longer than 514 characters, more than any "
                                + "cell of a mailbox list holds (an address has at most 318, a password 256); it "
                                + "starts with a quote that does not end where the cell should (a quote inside a cell"
                                + " is written twice). Nothing in the file was checked."));
        assertThat(validate(longCell.getBytes(StandardCharsets.UTF_8)).problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.describe())
                        .startsWith("row 3: The cell in column 1 is longer than 514 characters"));
    }

    /**
     * The limit is what 2,000 rows of the widest kind take: an address of 318 characters, a password whose every
     * character needs quoting (but for the two letters Microsoft's rule asks for), False. One byte more is refused.
     */
    @Test
    void twoThousandOfTheWidestRowsFitAndNotAByteMore() {
        String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        String password = "\"" + "\"\"".repeat(CellChecks.MAX_PASSWORD - 2) + "aA\"";
        StringBuilder csv = new StringBuilder("\uFEFFEmailAddress,Password,ForceChangePassword\r\n");
        for (int i = 1; i <= MailboxListValidator.MAX_BATCH_SIZE; i++) {
            String local = String.format("user%04d", i) + "x".repeat(56);
            csv.append(local)
                    .append('@')
                    .append(domain)
                    .append(',')
                    .append(password)
                    .append(",False\r\n");
        }
        byte[] widest = csv.toString().getBytes(StandardCharsets.UTF_8);
        ValidationRules rules = new ValidationRules(Set.of(domain), false, false);

        assertThat(domain).hasSize(253);
        assertThat(widest.length).isBetween(ListLimits.MAX_BYTES - 5_000, ListLimits.MAX_BYTES);
        try (ValidatedList list = new MailboxListValidator(rules).validate(widest)) {
            assertThat(list.problems()).isEmpty();
            assertThat(list.mailboxes()).isEqualTo(2_000);
        }
        byte[] oneMore = Arrays.copyOf(widest, ListLimits.MAX_BYTES + 1);
        Arrays.fill(oneMore, widest.length, oneMore.length, (byte) ' ');
        assertThat(new MailboxListValidator(rules).validate(oneMore).problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("The file has 1,682,845 bytes"));
    }
}
