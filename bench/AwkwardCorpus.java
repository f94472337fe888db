import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Writes an "awkward" mail corpus for the mailbox-sync benchmark, the same bytes for the same arguments: nested,
 * spaced and non-ASCII folders (and an empty one), messages without Message-ID, distinct messages sharing one,
 * raw 8-bit UTF-8 bodies and headers, RFC 2047/2231 names, long folded headers, flags and keywords, internal dates
 * over seventeen years and a tail of multi-MB attachments. 3,000 messages come to about 364 MiB, the size of the
 * corpus imapsync's reference figure was measured on.
 *
 * <p>Usage: {@code java bench/AwkwardCorpus.java --out DIR [--messages 3000] [--seed 42] [--large-tail N]}
 * (N defaults to one message in a hundred). Writes DIR/messages/NNNNNN.eml (CRLF line ends), DIR/folders.txt (every
 * folder, parents first, '/' as separator) and DIR/manifest.tsv (folder, file, flags, internal date in epoch
 * seconds, bytes, SHA-256 of the file).
 */
public final class AwkwardCorpus {
    /** The reference corpus: 3,000 messages, 364 MiB. */
    static final long BYTES_PER_3000 = 364L << 20;

    static final String EMPTY_FOLDER = "Leerer Ordner";
    /** Folders with their share of the messages in percent; parents come before their children. */
    static final Map<String, Integer> FOLDERS = new LinkedHashMap<>();

    static {
        FOLDERS.put("INBOX", 33);
        FOLDERS.put("INBOX/Newsletters", 5);
        FOLDERS.put("Sent Items", 15);
        FOLDERS.put("Drafts", 2);
        FOLDERS.put("Deleted Items", 5);
        FOLDERS.put("Junk E-mail", 3);
        FOLDERS.put("Projects", 3);
        FOLDERS.put("Projects/2024 Q1", 8);
        FOLDERS.put("Projects/2024 Q1/Reports & Minutes", 4);
        FOLDERS.put("Archiv", 5);
        FOLDERS.put("Archiv/Grüße", 6);
        FOLDERS.put("日本語", 5);
        FOLDERS.put("R&D", 4);
        FOLDERS.put("Émigré ~ [Test] 🚀", 2);
        FOLDERS.put(EMPTY_FOLDER, 0);
    }

    static final String[] LARGE_FOLDERS = {"INBOX", "Sent Items", "Projects/2024 Q1", "Archiv/Grüße"};
    static final long FIRST_DATE = Instant.parse("2008-01-01T00:00:00Z").getEpochSecond();
    static final long LAST_DATE = Instant.parse("2024-12-31T23:59:59Z").getEpochSecond();
    static final String[] ZONES = {"+0000", "+0100", "+0200", "-0500", "-0800", "+0530", "+0900"};
    static final String[] PEOPLE = {
        "Jürgen Müller <juergen.mueller@contoso.com>", "Zoë Ångström <zoe.angstrom@contoso.com>",
        "田中 太郎 <taro.tanaka@contoso.com>", "\"Smith, Anna\" <anna.smith@fabrikam.example>",
        "Olivier Dubois-Lefèvre <o.dubois@fabrikam.example>", "IT Service Desk <servicedesk@contoso.com>",
        "newsletter@news.example", "Łukasz Wróbel <lukasz.wrobel@contoso.com>"
    };
    static final String[] WORDS = {
        "meeting", "budget", "quarterly", "report", "migration", "mailbox", "server", "deadline", "review",
        "invoice", "customer", "project", "schedule", "update", "agenda", "contract", "proposal", "draft"
    };
    static final String[] WORDS_8BIT = {
        "Grüße",
        "Änderung",
        "Besprechung",
        "Straße",
        "Übergabe",
        "café",
        "naïve",
        "résumé",
        "Zürich",
        "会議",
        "予算",
        "報告書",
        "締め切り",
        "よろしくお願いします",
        "Привет",
        "χαίρετε",
        "🚀",
        "✅",
        "€"
    };
    static final String[] ATTACHMENT_NAMES = {
        "Bericht Q1 (final).pdf", "Präsentation – Entwurf.pptx", "見積書.xlsx", "scan_0001.tiff", "logs.zip", "photo.jpg"
    };

    final Random random;
    final long seed;
    final List<String> messageIds = new ArrayList<>();
    /** Which messages belong to the tail of multi-MB attachments. */
    boolean[] tail;

    final MessageDigest sha256;

    AwkwardCorpus(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        int messages = 3000;
        long seed = 42;
        Integer largeTail = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--out" -> out = Path.of(need(args[i], value));
                case "--messages" -> messages = Integer.parseInt(need(args[i], value));
                case "--seed" -> seed = Long.parseLong(need(args[i], value));
                case "--large-tail" -> largeTail = Integer.parseInt(need(args[i], value));
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (out == null) {
            usage("--out DIR is required");
        }
        if (messages < 1) {
            usage("--messages must be at least 1");
        }
        int tail = largeTail != null ? largeTail : Math.max(1, messages / 100);
        if (tail < 0 || tail > messages) {
            usage("--large-tail must be between 0 and --messages");
        }
        new AwkwardCorpus(seed).write(out, messages, tail);
    }

    static String need(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    static void usage(String problem) {
        System.err.println("AwkwardCorpus: " + problem);
        System.err.println(
                "usage: java bench/AwkwardCorpus.java --out DIR [--messages 3000] [--seed 42] [--large-tail N]");
        System.exit(2);
    }

    void write(Path out, int messages, int tailCount) throws IOException {
        Path messageDir = out.resolve("messages");
        if (Files.exists(out.resolve("manifest.tsv"))) {
            throw new IllegalStateException(out + " already holds a corpus (manifest.tsv); choose an empty directory");
        }
        Files.createDirectories(messageDir);
        Files.write(
                out.resolve("folders.txt"),
                (String.join("\n", FOLDERS.keySet()) + "\n").getBytes(StandardCharsets.UTF_8));

        long[] sizes = sizes(messages, tailCount);
        StringBuilder manifest =
                new StringBuilder("# folder\tfile\tflags\tinternal_date_epoch_seconds\tbytes\tsha256\n");
        Map<String, Integer> perFolder = new LinkedHashMap<>();
        long total = 0;
        long largest = 0;
        for (int i = 0; i < messages; i++) {
            String folder = tail[i] ? LARGE_FOLDERS[random.nextInt(LARGE_FOLDERS.length)] : pickFolder();
            long internalDate = FIRST_DATE + (long) (random.nextDouble() * (LAST_DATE - FIRST_DATE));
            byte[] raw = message(i, folder, internalDate, sizes[i]);
            String file = String.format(Locale.ROOT, "messages/%06d.eml", i + 1);
            Files.write(out.resolve(file), raw);
            manifest.append(folder)
                    .append('\t')
                    .append(file)
                    .append('\t')
                    .append(flags(folder))
                    .append('\t')
                    .append(internalDate)
                    .append('\t')
                    .append(raw.length)
                    .append('\t')
                    .append(HexFormat.of().formatHex(sha256.digest(raw)))
                    .append('\n');
            perFolder.merge(folder, 1, Integer::sum);
            total += raw.length;
            largest = Math.max(largest, raw.length);
        }
        Files.write(out.resolve("manifest.tsv"), manifest.toString().getBytes(StandardCharsets.UTF_8));
        System.out.printf(
                Locale.ROOT,
                "Wrote %d messages, %d bytes (%.1f MiB), largest %.1f MiB, %d of them >= 1 MiB, "
                        + "into %s (seed %d)%n",
                messages,
                total,
                total / 1048576.0,
                largest / 1048576.0,
                java.util.Arrays.stream(sizes).filter(s -> s >= (1L << 20)).count(),
                out,
                seed);
        for (String folder : FOLDERS.keySet()) {
            System.out.printf(Locale.ROOT, "  %5d  %s%n", perFolder.getOrDefault(folder, 0), folder);
        }
    }

    /**
     * Target size of each message: a tail of {@code tail} messages of 1.5 to 15 MiB (geometric) at random positions,
     * the rest mostly small text with some attachments, scaled so that all together come to the reference density.
     */
    long[] sizes(int messages, int tailCount) {
        long budget = BYTES_PER_3000 * messages / 3000;
        long[] sizes = new long[messages];
        tail = new boolean[messages];
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            positions.add(i);
        }
        java.util.Collections.shuffle(positions, random);
        long tailBytes = 0;
        for (int k = 0; k < tailCount; k++) {
            double step = tailCount == 1 ? 0.5 : (double) k / (tailCount - 1);
            long size = (long) (1.5 * 1048576 * Math.pow(10, step));
            sizes[positions.get(k)] = size;
            tail[positions.get(k)] = true;
            tailBytes += size;
        }
        double[] rest = new double[messages];
        double restSum = 0;
        for (int i = 0; i < messages; i++) {
            if (!tail[i]) {
                double kind = random.nextDouble();
                rest[i] = kind < 0.70
                        ? logUniform(2_000, 30_000)
                        : kind < 0.95 ? logUniform(30_000, 400_000) : logUniform(400_000, 1_000_000);
                restSum += rest[i];
            }
        }
        double scale = restSum == 0 ? 0 : Math.max(0.05, (budget - tailBytes) / restSum);
        for (int i = 0; i < messages; i++) {
            if (!tail[i]) {
                sizes[i] = Math.max(1_200, (long) (rest[i] * scale));
            }
        }
        return sizes;
    }

    double logUniform(double low, double high) {
        return Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
    }

    String pickFolder() {
        int roll = random.nextInt(100);
        for (Map.Entry<String, Integer> folder : FOLDERS.entrySet()) {
            roll -= folder.getValue();
            if (roll < 0) {
                return folder.getKey();
            }
        }
        return "INBOX";
    }

    String flags(String folder) {
        List<String> flags = new ArrayList<>();
        double roll = random.nextDouble();
        if (folder.equals("Drafts")) {
            flags.add("\\Draft");
            if (roll < 0.5) {
                flags.add("\\Seen");
            }
            return String.join(" ", flags);
        }
        if (folder.equals("Sent Items") || roll < 0.75) {
            flags.add("\\Seen");
        }
        if (random.nextDouble() < 0.15) {
            flags.add("\\Answered");
        }
        if (random.nextDouble() < 0.08) {
            flags.add("\\Flagged");
        }
        if (random.nextDouble() < 0.05) {
            flags.add("$Label1");
        }
        if (random.nextDouble() < 0.05) {
            flags.add("$Forwarded");
        }
        if (folder.equals("Junk E-mail")) {
            flags.add("Junk");
        }
        return String.join(" ", flags);
    }

    byte[] message(int index, String folder, long internalDate, long targetSize) {
        SplittableRandom bulk = new SplittableRandom(seed * 1_000_003L + index);
        StringBuilder h = new StringBuilder(1024);
        long sent = internalDate - random.nextInt(600);
        String zone = ZONES[random.nextInt(ZONES.length)];
        h.append("Return-Path: <")
                .append(address(PEOPLE[random.nextInt(PEOPLE.length)]))
                .append(">\r\n");
        h.append("Received: from mail.contoso.com ([10.0.0.25]) by ex01.contoso.com with ESMTP id ")
                .append(Long.toHexString(bulk.nextLong()))
                .append(";\r\n\t")
                .append(date(internalDate, zone))
                .append("\r\n");
        h.append("Date: ").append(date(sent, zone)).append("\r\n");
        h.append("From: ")
                .append(encodedPerson(PEOPLE[random.nextInt(PEOPLE.length)]))
                .append("\r\n");
        if (random.nextDouble() < 0.02) {
            h.append("To: ").append(longRecipientList()).append("\r\n");
        } else {
            h.append("To: ")
                    .append(encodedPerson(PEOPLE[random.nextInt(PEOPLE.length)]))
                    .append("\r\n");
        }
        h.append("Subject: ").append(subject()).append("\r\n");
        double idRoll = random.nextDouble();
        if (idRoll >= 0.03) { // 3 % have no Message-ID at all
            String id;
            if (idRoll < 0.05 && !messageIds.isEmpty()) { // 2 % reuse an earlier one for a different message
                id = messageIds.get(random.nextInt(messageIds.size()));
            } else {
                id = String.format(Locale.ROOT, "<%d.%06d.%08x@ex01.contoso.com>", seed, index, bulk.nextInt());
                messageIds.add(id);
            }
            h.append("Message-ID: ").append(id).append("\r\n");
        }
        if (folder.equals("Sent Items") && random.nextDouble() < 0.3 && !messageIds.isEmpty()) {
            h.append("In-Reply-To: ")
                    .append(messageIds.get(random.nextInt(messageIds.size())))
                    .append("\r\n");
        }
        h.append("X-Mailferry-Corpus: seed=")
                .append(seed)
                .append(" index=")
                .append(index)
                .append("\r\n");
        h.append("MIME-Version: 1.0\r\n");

        boolean eightBit = random.nextDouble() < 0.3;
        return targetSize < 30_000
                ? text(h, targetSize, eightBit, bulk)
                : withAttachment(h, targetSize, eightBit, bulk);
    }

    byte[] text(StringBuilder h, long targetSize, boolean eightBit, SplittableRandom bulk) {
        h.append("Content-Type: text/plain; charset=UTF-8\r\n");
        h.append("Content-Transfer-Encoding: ")
                .append(eightBit ? "8bit" : "7bit")
                .append("\r\n\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        return concat(head, paragraphs(Math.max(100, targetSize - head.length), eightBit, bulk));
    }

    byte[] withAttachment(StringBuilder h, long targetSize, boolean eightBit, SplittableRandom bulk) {
        String boundary = "----=_Part_" + Long.toHexString(bulk.nextLong());
        h.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        h.append("This is a multi-part message in MIME format.\r\n\r\n--")
                .append(boundary)
                .append("\r\n");
        h.append("Content-Type: text/plain; charset=UTF-8\r\n");
        h.append("Content-Transfer-Encoding: ")
                .append(eightBit ? "8bit" : "7bit")
                .append("\r\n\r\n");
        byte[] text = paragraphs(1_500 + bulk.nextInt(3_000), eightBit, bulk);
        String name = ATTACHMENT_NAMES[random.nextInt(ATTACHMENT_NAMES.length)];
        StringBuilder part = new StringBuilder("\r\n--").append(boundary).append("\r\n");
        part.append("Content-Type: application/octet-stream; name=\"")
                .append(encodedWord(name))
                .append("\"\r\n");
        part.append("Content-Transfer-Encoding: base64\r\n");
        part.append("Content-Disposition: attachment;\r\n filename*=UTF-8''")
                .append(percentEncoded(name))
                .append("\r\n\r\n");
        String end = "\r\n--" + boundary + "--\r\n";
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] partHead = part.toString().getBytes(StandardCharsets.UTF_8);
        long room = targetSize - head.length - text.length - partHead.length - end.length();
        // base64 with 76-character lines: 57 bytes become 78 (with CRLF)
        int rawBytes = (int) Math.max(57, room / 78 * 57);
        byte[] payload = new byte[rawBytes];
        bulk.nextBytes(payload);
        byte[] encoded = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(payload);
        return concat(head, text, partHead, encoded, end.getBytes(StandardCharsets.US_ASCII));
    }

    /** Text paragraphs of about {@code budget} bytes in lines below 80 bytes; with dots and "From " at line starts. */
    byte[] paragraphs(long budget, boolean eightBit, SplittableRandom bulk) {
        StringBuilder body = new StringBuilder((int) Math.min(budget + 100, Integer.MAX_VALUE));
        StringBuilder line = new StringBuilder();
        int bytes = 0;
        while (bytes < budget) {
            String word = eightBit && bulk.nextInt(4) == 0
                    ? WORDS_8BIT[bulk.nextInt(WORDS_8BIT.length)]
                    : WORDS[bulk.nextInt(WORDS.length)];
            if (line.length() + word.length() > 60) {
                int roll = bulk.nextInt(40);
                String prefix = roll == 0 ? "From " : roll == 1 ? "." : roll == 2 ? "> " : "";
                String full = prefix + line + "\r\n" + (roll == 3 ? "\r\n" : "");
                body.append(full);
                bytes += full.getBytes(StandardCharsets.UTF_8).length;
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        body.append(line).append("\r\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    String subject() {
        StringBuilder s = new StringBuilder();
        int words = 2 + random.nextInt(6);
        boolean nonAscii = random.nextDouble() < 0.3;
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ")
                    .append(
                            nonAscii && random.nextBoolean()
                                    ? WORDS_8BIT[random.nextInt(WORDS_8BIT.length)]
                                    : WORDS[random.nextInt(WORDS.length)]);
        }
        double roll = random.nextDouble();
        if (!nonAscii) {
            return (roll < 0.2 ? "RE: " : roll < 0.3 ? "AW: " : "") + s;
        }
        // a few mailers put raw UTF-8 in headers (RFC 6532); most encode it (RFC 2047)
        return roll < 0.05 ? s.toString() : encodedWord(s.toString());
    }

    String longRecipientList() {
        StringBuilder to = new StringBuilder();
        int count = 40 + random.nextInt(80);
        for (int i = 0; i < count; i++) {
            to.append(i == 0 ? "" : ",\r\n ")
                    .append("\"Team Member ")
                    .append(i)
                    .append("\" <member")
                    .append(i)
                    .append("@contoso.com>");
        }
        return to.toString();
    }

    static String encodedPerson(String person) {
        int angle = person.indexOf('<');
        if (angle <= 0) {
            return person;
        }
        String name = person.substring(0, angle).trim();
        return (isAscii(name) ? name : encodedWord(name)) + " " + person.substring(angle);
    }

    static String address(String person) {
        int angle = person.indexOf('<');
        return angle < 0 ? person : person.substring(angle + 1, person.indexOf('>'));
    }

    static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    static String encodedWord(String text) {
        if (isAscii(text)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    static String percentEncoded(String text) {
        StringBuilder s = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                s.append((char) c);
            } else {
                s.append(String.format(Locale.ROOT, "%%%02X", c));
            }
        }
        return s.toString();
    }

    static String date(long epochSeconds, String zone) {
        ZoneOffset offset = ZoneOffset.of(zone.substring(0, 3) + ":" + zone.substring(3));
        return DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
                .format(Instant.ofEpochSecond(epochSeconds).atOffset(offset));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static {
        // fail early rather than write a corpus whose folder shares do not add up
        int sum = FOLDERS.values().stream().mapToInt(Integer::intValue).sum();
        if (sum != 100) {
            throw new IllegalStateException("folder shares add up to " + sum + ", not 100");
        }
    }
}
