package io.mailferry.mailboxlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MailboxListValidatorTest {
    static final String SEED_EXAMPLE = """
            EmailAddress,Password,ForceChangePassword
            pilarp@contoso.com,Pa$$w0rd,False
            tobyn@contoso.com,Pa$$w0rd,False
            briant@contoso.com,Pa$$w0rd,False
            """;
    static final ValidationRules CONTOSO = new ValidationRules(Set.of("contoso.com"), false, false);

    static ValidatedList validate(String csv) {
        return validate(csv.getBytes(StandardCharsets.UTF_8), CONTOSO);
    }

    static ValidatedList validate(byte[] csv, ValidationRules rules) {
        return new MailboxListValidator(rules).validate(csv);
    }

    static String password(ListEntry entry) {
        return new String(entry.password().take());
    }

    /** A list of {@code count} mailboxes user0001@contoso.com … with valid passwords. */
    static String mailboxes(int count) {
        StringBuilder csv = new StringBuilder("EmailAddress,Password,ForceChangePassword\r\n");
        for (int i = 1; i <= count; i++) {
            csv.append(String.format("user%04d@contoso.com,Secret-%04d,%s\r\n", i, i, i % 2 == 0));
        }
        return csv.toString();
    }

    static byte[] withBom(Charset charset, int[] bom, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b : bom) {
            bytes.write(b);
        }
        bytes.writeBytes(text.getBytes(charset));
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- good files

    @Test
    void acceptsTheSeedsExample() {
        try (ValidatedList list = validate(SEED_EXAMPLE)) {
            assertThat(list.problems()).isEmpty();
            assertThat(list.entries())
                    .extracting(ListEntry::row, ListEntry::batch, ListEntry::address, ListEntry::forceChangePassword)
                    .containsExactly(
                            tuple(2, 1, "pilarp@contoso.com", false),
                            tuple(3, 1, "tobyn@contoso.com", false),
                            tuple(4, 1, "briant@contoso.com", false));
            assertThat(password(list.entries().get(0))).isEqualTo("Pa$$w0rd");
            assertThat(list.batches()).containsExactly(new BatchSize(1, 3));
        }
    }

    @Test
    void acceptsUtf8WithBomCrlfQuotedFieldsAndAnyCaseOfTrueAndFalse() {
        String csv = "\"EmailAddress\",\"Password\",\"ForceChangePassword\"\r\n"
                + "\"Pilar.Pinilla@Contoso.com\",\"Ä,b\"\"c-12\",\"TRUE\"\r\n"
                + " tobyn@contoso.com ,plain-Pass1, false \r\n";
        try (ValidatedList list =
                validate(withBom(StandardCharsets.UTF_8, new int[] {0xEF, 0xBB, 0xBF}, csv), CONTOSO)) {
            assertThat(list.problems()).isEmpty();
            assertThat(list.entries())
                    .extracting(ListEntry::address, ListEntry::forceChangePassword)
                    .containsExactly(tuple("pilar.pinilla@contoso.com", true), tuple("tobyn@contoso.com", false));
            assertThat(password(list.entries().get(0)))
                    .as("comma and doubled quote inside quotes")
                    .isEqualTo("Ä,b\"c-12");
        }
        assertThat(validate(
                                withBom(
                                        StandardCharsets.UTF_8,
                                        new int[] {0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF},
                                        "EmailAddress\npilarp@contoso.com\n"),
                                CONTOSO)
                        .problems())
                .as("a file converted twice")
                .isEmpty();
    }

    @Test
    void acceptsUtf16LittleAndBigEndianWithByteOrderMark() {
        String csv = "EmailAddress,Password\r\nmüller@contoso.com,Grüße-2024\r\nzoë@contoso.com,Ça-va-bien-9\r\n"
                .replace("müller", "mueller")
                .replace("zoë", "zoe");
        for (byte[] bytes : List.of(
                withBom(StandardCharsets.UTF_16LE, new int[] {0xFF, 0xFE}, csv),
                withBom(StandardCharsets.UTF_16BE, new int[] {0xFE, 0xFF}, csv),
                withBom(Charset.forName("UTF-32LE"), new int[] {0xFF, 0xFE, 0, 0}, csv))) {
            try (ValidatedList list = validate(bytes, CONTOSO)) {
                assertThat(list.problems()).isEmpty();
                assertThat(list.entries())
                        .extracting(ListEntry::address)
                        .containsExactly("mueller@contoso.com", "zoe@contoso.com");
                assertThat(password(list.entries().get(0))).isEqualTo("Grüße-2024");
                assertThat(password(list.entries().get(1))).isEqualTo("Ça-va-bien-9");
            }
        }
    }

    @Test
    void acceptsLfLineEndsAnEmailAddressOnlyListAndSkipsBlankRows() {
        try (ValidatedList list = validate("emailaddress\npilarp@contoso.com\n\n,\ntobyn@contoso.com")) {
            assertThat(list.problems()).isEmpty();
            assertThat(list.entries())
                    .extracting(ListEntry::row, ListEntry::address, ListEntry::password, ListEntry::forceChangePassword)
                    .as("rows as a spreadsheet counts them, blank ones included")
                    .containsExactly(
                            tuple(2, "pilarp@contoso.com", null, false), tuple(5, "tobyn@contoso.com", null, false));
        }
    }

    @Test
    void splitsALongListIntoBatchesOfAtMost2000() {
        try (ValidatedList list = validate(
                mailboxes(4500).getBytes(StandardCharsets.UTF_8),
                new ValidationRules(Set.of("contoso.com"), false, true))) {
            assertThat(list.problems()).isEmpty();
            assertThat(list.mailboxes()).isEqualTo(4500);
            assertThat(list.batches())
                    .containsExactly(new BatchSize(1, 2000), new BatchSize(2, 2000), new BatchSize(3, 500));
            assertThat(list.entries().get(1999))
                    .extracting(ListEntry::row, ListEntry::batch)
                    .containsExactly(2001, 1);
            assertThat(list.entries().get(2000))
                    .extracting(ListEntry::row, ListEntry::batch, ListEntry::address)
                    .containsExactly(2002, 2, "user2001@contoso.com");
            assertThat(list.entries().get(4499))
                    .extracting(ListEntry::row, ListEntry::batch)
                    .containsExactly(4501, 3);
        }
    }

    @Test
    void splitsIntoBatchesOfTheSizeAskedFor() {
        try (ValidatedList list = validate(
                mailboxes(5).getBytes(StandardCharsets.UTF_8),
                new ValidationRules(Set.of("contoso.com"), false, true, 3))) {
            assertThat(list.problems()).isEmpty();
            assertThat(list.batches()).containsExactly(new BatchSize(1, 3), new BatchSize(2, 2));
            assertThat(list.entries())
                    .extracting(ListEntry::row, ListEntry::batch)
                    .containsExactly(tuple(2, 1), tuple(3, 1), tuple(4, 1), tuple(5, 2), tuple(6, 2));
        }
        try (ValidatedList single = validate(
                mailboxes(5).getBytes(StandardCharsets.UTF_8),
                new ValidationRules(Set.of("contoso.com"), false, true, 1))) {
            assertThat(single.batches())
                    .hasSize(5)
                    .allSatisfy(b -> assertThat(b.mailboxes()).isEqualTo(1));
        }
    }

    @Test
    void refusesAListLongerThanTheBatchSizeWithoutSplitAndSaysHow() {
        ValidatedList list = validate(
                mailboxes(5).getBytes(StandardCharsets.UTF_8),
                new ValidationRules(Set.of("contoso.com"), false, false, 3));
        assertThat(list.entries()).isEmpty();
        assertThat(list.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).as("the 4th mailbox").isEqualTo(5);
            assertThat(p.message())
                    .isEqualTo("The list has 5 mailboxes; the batch size asked for is 3 (this is "
                            + "mailbox 4). Upload it with split=true (command line: --split) to divide it into batches of at "
                            + "most 3, or split the file yourself.");
        });
    }

    @Test
    void aBatchSizeOutside1To2000IsRefused() {
        for (int size : new int[] {0, -1, 2001}) {
            assertThatThrownBy(() -> new ValidationRules(Set.of("contoso.com"), false, true, size))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a batch holds 1 to 2000 mailboxes (the seed's limit per batch), not " + size);
        }
        assertThat(new ValidationRules(null, false, true, 2000).batchSize()).isEqualTo(2000);
        assertThat(new ValidationRules(null, false, false).batchSize())
                .as("the default")
                .isEqualTo(2000);
    }

    @Test
    void exactly2000MailboxesAreOneBatchWithoutSplit() {
        try (ValidatedList list = validate(mailboxes(2000))) {
            assertThat(list.problems()).isEmpty();
            assertThat(list.batches()).containsExactly(new BatchSize(1, 2000));
        }
    }

    // ---------------------------------------------------------------- the seed's checks

    @Test
    void refusesAnEmptyFile() {
        for (byte[] empty : List.of(
                new byte[0],
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                " , \n".getBytes(StandardCharsets.UTF_8))) {
            assertThat(validate(empty, CONTOSO).problems())
                    .extracting(ListProblem::describe)
                    .singleElement()
                    .asString()
                    .startsWith("row 1: The file is empty.");
        }
        assertThat(validate("EmailAddress,Password\r\n\r\n").problems())
                .extracting(ListProblem::describe)
                .containsExactly(
                        "row 2: The list has a header but no mailboxes: add one row per mailbox below the header.");
    }

    @Test
    void namesSemicolonAndTabSeparatedFiles() {
        assertThat(validate("EmailAddress;Password;ForceChangePassword\npilarp@contoso.com;Pa$$w0rd;False\n")
                        .problems())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.row()).isEqualTo(1);
                    assertThat(p.column()).isNull();
                    assertThat(p.message()).startsWith("The file is separated by semicolons, not commas");
                });
        assertThat(validate("EmailAddress\tPassword\npilarp@contoso.com\tPa$$w0rd\n")
                        .problems())
                .singleElement()
                .extracting(ListProblem::message)
                .asString()
                .startsWith("The file is separated by tabs, not commas");
    }

    @Test
    void refusesMoreThan2000MailboxesWithoutSplitAndSaysHow() {
        ValidatedList list = validate(mailboxes(2001));
        assertThat(list.entries()).isEmpty();
        assertThat(list.problems()).singleElement().satisfies(p -> {
            assertThat(p.row()).as("the 2,001st mailbox").isEqualTo(2002);
            assertThat(p.message())
                    .contains("2001 mailboxes")
                    .contains("at most 2000")
                    .contains("split=true")
                    .contains("--split");
        });
    }

    @Test
    void requiresTheEmailAddressColumnInTheHeader() {
        assertThat(validate("Email,Password\npilarp@contoso.com,Pa$$w0rd\n").problems())
                .extracting(ListProblem::describe)
                .containsExactly("row 1: The header row has no EmailAddress column (it reads 'Email,Password'). Row 1 "
                        + "must be the header row, e.g. EmailAddress,Password,ForceChangePassword.");
        assertThat(validate("pilarp@contoso.com,Pa$$w0rd,False\ntobyn@contoso.com,Pa$$w0rd,False\n")
                        .problems())
                .singleElement()
                .extracting(ListProblem::message)
                .asString()
                .startsWith("The file has no header row: row 1 holds an address.");
    }

    @Test
    void everyRowNeedsAsManyColumnsAsTheHeader() {
        String csv = SEED_EXAMPLE + "lidiah@contoso.com,Pa$$w0rd\nkimb@contoso.com,Pa$$w0rd,False,extra\n"
                + "annb@contoso.com;Pa$$w0rd;False\n";
        assertThat(validate(csv).problems())
                .extracting(ListProblem::describe)
                .containsExactly(
                        "row 5: This row has 2 columns, the header has 3; every row needs as many.",
                        "row 6: This row has 4 columns, the header has 3; every row needs as many.",
                        "row 7: This row has 1 column, the header has 3; every row needs as many (this row seems to be "
                                + "separated by semicolons).");
    }

    @Test
    void namesUnknownDuplicateAndEmptyHeaderColumns() {
        String csv =
                "EmailAddress,ForcePasswordChange,Password,password,\npilarp@contoso.com,True,Pa$$w0rd,Pa$$w0rd,\n";
        assertThat(validate(csv).problems())
                .extracting(ListProblem::row, ListProblem::column)
                .containsExactly(tuple(1, "ForcePasswordChange"), tuple(1, "Password"), tuple(1, "column 5"));
        assertThat(validate(csv).problems().get(0).message())
                .isEqualTo(
                        "'ForcePasswordChange' is not a column of a "
                                + "staged migration list; the columns are EmailAddress (required), Password and ForceChangePassword");
        assertThat(validate(csv).problems().get(1).message())
                .contains("appears twice")
                .contains("columns 3 and 4");
    }

    // ---------------------------------------------------------------- the cells

    @Test
    void checksAddressesDuplicatesAndVerifiedDomains() {
        String csv = """
                EmailAddress
                pilarp@contoso.com
                not-an-address
                Pilarp@CONTOSO.com
                someone@fabrikam.com

                 \t
                bad..dots@contoso.com
                ""
                """;
        assertThat(validate(csv).problems())
                .extracting(ListProblem::describe)
                .containsExactly(
                        "row 3, column EmailAddress: 'not-an-address' is not a valid email address; expected the primary SMTP "
                                + "address of the on-premises mailbox, e.g. pilarp@contoso.com",
                        "row 4, column EmailAddress: pilarp@contoso.com is already listed in row 2 (addresses are compared "
                                + "without regard to case); list each mailbox once",
                        "row 5, column EmailAddress: fabrikam.com is not a verified domain of the organisation (verified: "
                                + "contoso.com); verify it in Microsoft 365 first, or leave its mailboxes out",
                        "row 8, column EmailAddress: 'bad..dots@contoso.com' is not a valid email address; expected the "
                                + "primary SMTP address of the on-premises mailbox, e.g. pilarp@contoso.com");
        assertThat(validate("EmailAddress,Password\n,Pa$$w0rd\n").problems())
                .extracting(ListProblem::describe)
                .containsExactly("row 2, column EmailAddress: the EmailAddress is empty; every row needs the primary "
                        + "SMTP address of an on-premises mailbox");
    }

    @Test
    void theDomainCheckNeedsVerifiedDomainsAndCanBeLeftOut() {
        String csv = "EmailAddress\nsomeone@fabrikam.com\n";
        assertThat(validate(csv.getBytes(StandardCharsets.UTF_8), new ValidationRules(Set.of(), false, false))
                        .problems())
                .extracting(ListProblem::message)
                .singleElement()
                .asString()
                .contains("(no domain is verified yet)");
        assertThat(validate(csv.getBytes(StandardCharsets.UTF_8), new ValidationRules(null, false, false))
                        .problems())
                .isEmpty();
        assertThat(validate(
                                csv.getBytes(StandardCharsets.UTF_8),
                                new ValidationRules(Set.of("Contoso.com", "FABRIKAM.com."), false, false))
                        .problems())
                .isEmpty();
    }

    @Test
    void passwordProblemsNeverQuoteThePassword() {
        String csv = "EmailAddress,Password\n"
                + "a@contoso.com,\n"
                + "b@contoso.com,Sh0rt!\n"
                + "c@contoso.com," + "Long-1".repeat(50) + "\n"
                + "d@contoso.com,onlylowercaseand123\n"
                + "e@contoso.com,\"Line\nBreak-1\"\n"
                + "f@contoso.com,Fine-Pass-1\n";
        List<ListProblem> problems = validate(csv).problems();
        assertThat(problems)
                .extracting(ListProblem::row, ListProblem::column)
                .containsExactly(
                        tuple(2, "Password"),
                        tuple(3, "Password"),
                        tuple(4, "Password"),
                        tuple(5, "Password"),
                        tuple(6, "Password"));
        assertThat(problems)
                .extracting(ListProblem::message)
                .satisfiesExactly(
                        m -> assertThat(m).startsWith("the Password is empty"),
                        m -> assertThat(m)
                                .isEqualTo(
                                        "the Password is shorter than 8 characters; Microsoft 365 requires 8 to 256"),
                        m -> assertThat(m)
                                .isEqualTo(
                                        "the Password is longer than 256 characters; Microsoft 365 requires 8 to 256"),
                        m -> assertThat(m)
                                .startsWith("the Password must contain three of these four kinds of characters"),
                        m -> assertThat(m).startsWith("the Password contains a line break"));
        assertThat(problems.toString())
                .doesNotContain("Sh0rt")
                .doesNotContain("Long-1")
                .doesNotContain("onlylower")
                .doesNotContain("Break-1");
    }

    @Test
    void forceChangePasswordIsTrueOrFalseAndFalseUnderSingleSignOn() {
        String csv = "EmailAddress,ForceChangePassword\na@contoso.com,yes\nb@contoso.com,\nc@contoso.com,True\n"
                + "d@contoso.com,False\n";
        assertThat(validate(csv).problems())
                .extracting(ListProblem::describe)
                .containsExactly(
                        "row 2, column ForceChangePassword: ForceChangePassword must be True or False, not 'yes'",
                        "row 3, column ForceChangePassword: ForceChangePassword must be True or False; the cell is empty");

        ValidationRules singleSignOn = new ValidationRules(Set.of("contoso.com"), true, false);
        String valid = "EmailAddress,ForceChangePassword\nc@contoso.com,True\nd@contoso.com,False\n";
        assertThat(validate(valid.getBytes(StandardCharsets.UTF_8), singleSignOn)
                        .problems())
                .extracting(ListProblem::describe)
                .containsExactly(
                        "row 2, column ForceChangePassword: "
                                + "ForceChangePassword must be False: the organisation signs in with single sign-on (AD FS), "
                                + "where users cannot change their password in Microsoft 365 (mailferry.tenant.single-sign-on)");
        assertThat(validate(valid).problems())
                .as("without single sign-on True is fine")
                .isEmpty();
    }

    @Test
    void reportsEveryFaultAtOnceInRowOrder() {
        String csv = """
                EmailAddress,Password,ForceChangePassword,Department
                pilarp@contoso.com,Pa$$w0rd,False,Sales
                pilarp@contoso.com,weak,maybe,Sales
                tobyn@fabrikam.com,Pa$$w0rd,False
                ,Pa$$w0rd,True,IT
                """;
        ValidatedList list = new MailboxListValidator(new ValidationRules(Set.of("contoso.com"), true, false))
                .validate(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(list.valid()).isFalse();
        assertThat(list.entries()).as("a faulty list yields no mailboxes").isEmpty();
        assertThat(list.problems())
                .extracting(ListProblem::row, ListProblem::column)
                .containsExactly(
                        tuple(1, "Department"),
                        tuple(3, "EmailAddress"),
                        tuple(3, "Password"),
                        tuple(3, "ForceChangePassword"),
                        tuple(4, null),
                        tuple(5, "EmailAddress"),
                        tuple(5, "ForceChangePassword"));
        assertThat(list.problems().toString()).doesNotContain("weak");
    }

    // ---------------------------------------------------------------- encodings and quoting

    @Test
    void refusesInvalidUtf8NamingByteRowAndColumnAndChecksTheRest() {
        byte[] head = "EmailAddress,Password\r\npilarp@contoso.com,Pa$$w0rd\r\nm".getBytes(StandardCharsets.UTF_8);
        byte[] middle = "ller@contoso.com,Pa$$w0rd\r\ntobyn@contoso.com,Gr".getBytes(StandardCharsets.UTF_8);
        byte[] csv = concat(
                head,
                new byte[] {(byte) 0xFC},
                middle, // 0xFC is 'ü' in Windows-1252
                new byte[] {(byte) 0xFC, (byte) 0xDF},
                "e-2024\r\nnot-an-address,Pa$$w0rd\r\n".getBytes(StandardCharsets.UTF_8));
        List<ListProblem> problems = validate(csv, CONTOSO).problems();
        assertThat(problems)
                .extracting(ListProblem::row, ListProblem::column)
                .containsExactly(tuple(3, "EmailAddress"), tuple(4, "Password"), tuple(5, "EmailAddress"));
        assertThat(problems.get(0).message())
                .startsWith("byte " + head.length + " (counted from 0) is not valid UTF-8. "
                        + "Was the file saved in a legacy code page such as Windows-1252 ('ANSI')?");
        assertThat(problems.get(1).message())
                .startsWith("byte " + (head.length + 1 + middle.length) + " (counted from 0)");
        assertThat(problems.get(2).message()).contains("not a valid email address");
    }

    @Test
    void namesUtf16WithoutByteOrderMark() {
        byte[] csv = "EmailAddress\r\npilarp@contoso.com\r\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(validate(csv, CONTOSO).problems())
                .singleElement()
                .extracting(ListProblem::message)
                .asString()
                .startsWith("The file holds zero bytes (the first at byte 1, counted from 0) but starts without a byte "
                        + "order mark: it looks like UTF-16 or UTF-32 saved without one.");
    }

    @Test
    void refusesUnbalancedQuotesAndStillReportsTheRowsBefore() {
        String csv =
                "EmailAddress,Password\nnot-an-address,Pa$$w0rd\n\"tobyn@contoso.com,Pa$$w0rd\nkimb@contoso.com,x\n";
        assertThat(validate(csv).problems())
                .extracting(ListProblem::row, ListProblem::column)
                .containsExactly(tuple(2, "EmailAddress"), tuple(3, null));
        assertThat(validate(csv).problems().get(1).message())
                .startsWith("The quotes in this row do not pair up")
                .endsWith("The rows after it were not checked.");
        assertThat(validate("EmailAddress,Password\n\"a@contoso.com\"x,Pa$$w0rd\n")
                        .problems())
                .extracting(ListProblem::row)
                .containsExactly(2);
    }

    @Test
    void passwordsPrintAsStarsAndAreGoneOnceTakenOrClosed() {
        ValidatedList list = validate(SEED_EXAMPLE);
        ListEntry entry = list.entries().get(0);
        assertThat(entry.toString()).doesNotContain("Pa$$w0rd").contains("password=***");
        assertThat(entry.password().take()).containsExactly("Pa$$w0rd".toCharArray());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> entry.password().take())
                .isInstanceOf(IllegalStateException.class);
        list.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> list.entries().get(1).password().take())
                .as("closing wipes what was not handed over")
                .isInstanceOf(IllegalStateException.class);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.writeBytes(part);
        }
        return bytes.toByteArray();
    }
}
