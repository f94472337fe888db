package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.MailferryApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The files of security review finding 13, checked by {@code mailferry csv validate} in a JVM of its own with a heap
 * of {@value #HEAP}: they used to end in OutOfMemoryError at 1 GB (ten million problems collected). Each must now be
 * refused with a short answer, and the JVM must live to say so. The upload runs the same check.
 */
class CsvValidateHeapTest {
    static final String HEAP = "-Xmx48m";
    static final int MEGABYTE = 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} bytes")
    @CsvSource({
        // the review's files: refused before they are read
        "'EmailAddress,,,,…', 10485760, EmailAddress, 2C, 'The file has 10,485,760 bytes'",
        "'\\xff, repeated', 10485760, '', FF2C, 'The file has 10,485,760 bytes'",
        // as large as a list may be: refused by their shape, or listed to the first hundred problems
        "'EmailAddress,,,,… at the limit', 1682844, EmailAddress, 2C, 'row 1: The header has 1,682,833 columns'",
        "'\\xff, repeated at the limit', 1682844, '', FF2C, 'row 1: The header has 841,423 columns'",
        "'a bad byte in each row', 1682844, EmailAddress0A, FF0A, '… and 841,316 more problems'",
        "'an invalid address in each row', 1682844, EmailAddress0A, 780A, '… and 841,316 more problems'"
    })
    void aHostileFileIsRefusedBrieflyInASmallHeap(String what, int size, String head, String unitHex, String expected)
            throws Exception {
        Path file = dir.resolve("hostile.csv");
        write(file, head, hex(unitHex), size);

        Process cli = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        HEAP,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MailferryApplication.class.getName(),
                        "csv",
                        "validate",
                        file.toString(),
                        "--domain",
                        "contoso.com")
                .redirectErrorStream(true)
                .start();
        cli.getOutputStream().close();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();

        assertThat(output).as(what).doesNotContain("OutOfMemoryError").contains(expected);
        assertThat(cli.exitValue())
                .as(what + ": refused, and not by a crash\n" + output)
                .isEqualTo(MailferryCli.REFUSED);
        List<String> lines = output.lines().toList();
        assertThat(lines.size())
                .as("at most a hundred problems, the count of the rest and the total")
                .isLessThanOrEqualTo(103);
        assertThat(output.length()).isLessThan(40_000);
    }

    /** {@code head}, then {@code unit} until the file has {@code size} bytes or one unit less. */
    private static void write(Path file, String head, byte[] unit, int size) throws IOException {
        byte[] start = hexOrText(head);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(start);
            byte[] block = new byte[unit.length * 64 * 1024];
            for (int i = 0; i < block.length; i++) {
                block[i] = unit[i % unit.length];
            }
            long left = (size - start.length) / unit.length * unit.length;
            while (left > 0) {
                int n = (int) Math.min(left, block.length);
                out.write(block, 0, n);
                left -= n;
            }
        }
    }

    /** "EmailAddress0A" is the header and a line feed. */
    private static byte[] hexOrText(String head) {
        return head.endsWith("0A")
                ? (head.substring(0, head.length() - 2) + "\n").getBytes(StandardCharsets.US_ASCII)
                : head.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
