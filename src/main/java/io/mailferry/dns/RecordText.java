package io.mailferry.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * Records as text, for {@link DnsChangeService}: the zone-file lines a {@link DnsChange} keeps and reads back, how a
 * refusal describes an RRset to the operator, and TXT values in and out of character-strings.
 */
final class RecordText {
    // A TXT character-string holds at most 255 bytes; longer values are split and read back joined. Counted in
    // characters, which is the same for the ASCII values Microsoft and SPF use.
    private static final int TXT_STRING_MAX = 255;

    private RecordText() {}

    /** Zone-file lines, sorted so that two reads of one RRset compare equal. */
    static List<String> lines(List<Record> records) {
        return records.stream().map(Record::toString).sorted().toList();
    }

    /** The records of {@link #lines}, back; the change's id names it when they cannot be read. */
    static List<Record> parse(List<String> lines, long changeId) {
        List<Record> records = new ArrayList<>();
        String text = String.join("\n", lines);
        try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Name.root)) {
            for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
                records.add(record);
            }
        } catch (IOException e) {
            throw new DnsChangeException(
                    "The records kept for change " + changeId + " cannot be read back: " + e.getMessage());
        }
        return records;
    }

    /** Whether two RRsets hold the same data, TTLs aside: as an RFC 2136 prerequisite compares them. */
    static boolean sameData(List<Record> a, List<Record> b) {
        return data(a).equals(data(b));
    }

    private static List<String> data(List<Record> records) {
        return records.stream().map(Record::rdataToString).sorted().toList();
    }

    /** e.g. {@code MX 10 mail.contoso.com.} or {@code no MX records}: the data, as an operator compares it. */
    static String describe(String type, List<Record> records) {
        if (records.isEmpty()) {
            return "no " + type + " records";
        }
        return type + " "
                + records.stream()
                        .map(Record::rdataToString)
                        .distinct()
                        .sorted()
                        .collect(Collectors.joining(", "));
    }

    /** e.g. {@code MX 10 mail.contoso.com, 20 backup.contoso.com}: hosts without the dot, most preferred first. */
    static String describeMx(List<MxRecord> mx) {
        return mx.isEmpty()
                ? "no MX records"
                : "MX " + mx.stream().map(MxRecord::toString).collect(Collectors.joining(", "));
    }

    /** A TXT record's value: its character-strings joined (RFC 7208 §3.3). */
    static String txtValue(Record txt) {
        return String.join("", ((TXTRecord) txt).getStrings());
    }

    /** {@code value} as the character-strings of one TXT record. */
    static List<String> txtStrings(String value) {
        List<String> parts = new ArrayList<>();
        for (int start = 0; start < value.length(); start += TXT_STRING_MAX) {
            parts.add(value.substring(start, Math.min(value.length(), start + TXT_STRING_MAX)));
        }
        return parts.isEmpty() ? List.of("") : parts;
    }
}
