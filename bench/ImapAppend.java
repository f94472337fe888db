import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal IMAP client over one plain TCP connection, for the mailbox-sync benchmark. It has three jobs:
 * <ul>
 *   <li>APPEND a corpus written by AwkwardCorpus (folders created first, flags and internal dates kept, one message
 *   after the other, LITERAL+ when the server offers it) and print how fast that went. The messages are read into
 *   memory before the clock starts, which runs from the first CREATE to the last APPEND's OK: this is the ceiling
 *   for any tool that copies into the same server one message at a time.</li>
 *   <li>With {@code --verify}: check that the account holds exactly the corpus, folder by folder: the same messages
 *   (SHA-256 of the raw bytes), flags (without \Recent) and internal dates, no other folders, nothing extra.</li>
 *   <li>A big folder: {@code --seed-messages N} appends N small generated messages (MULTIAPPEND), and
 *   {@code --fetch-flags} times what any client must do to compare a folder on a server without CONDSTORE (sign in,
 *   EXAMINE, {@code UID FETCH 1:* (UID FLAGS)} read to the end): the reference for Mailferry's delta there.</li>
 * </ul>
 *
 * <p>Usage: {@code java -Xmx1g bench/ImapAppend.java --corpus DIR --host HOST --port PORT --user USER
 * --password-file FILE [--verify]}. The last line of an append run reads
 * {@code Result: messages N, bytes N, seconds S, msgs/s R, MiB/s M}. Exit 0 on success, 1 on a refused command or a
 * difference, 2 on bad arguments.
 */
public final class ImapAppend {
    static final DateTimeFormatter INTERNAL_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);
    static final DateTimeFormatter INTERNAL_DATE_READ =
            DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ROOT);
    static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\+?}$");
    static final Pattern FLAGS = Pattern.compile("FLAGS \\(([^)]*)\\)");
    static final Pattern DATE = Pattern.compile("INTERNALDATE \"([^\"]+)\"");
    static final Pattern BODY = Pattern.compile("BODY\\[] \u0000(\\d+)");

    record Entry(String folder, String file, String flags, long internalDate, long bytes, String sha256) {}

    /** One server response: its text, with each literal replaced by NUL and its index into {@code literals}. */
    record Response(String text, List<byte[]> literals) {}

    static final class ImapException extends Exception {
        ImapException(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String server;
    private int tagCounter;
    private Set<String> capabilities = new TreeSet<>();
    private char delimiter = '/';

    ImapAppend(String host, int port) throws IOException {
        server = host + ":" + port;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 15_000);
        socket.setSoTimeout(300_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        boolean verify = false;
        boolean fetchFlags = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--verify")) {
                verify = true;
            } else if (args[i].equals("--fetch-flags")) {
                fetchFlags = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                usage("unknown or incomplete argument " + args[i]);
            }
        }
        boolean bigFolder = fetchFlags || options.containsKey("--seed-messages");
        boolean many = options.containsKey("--users");
        for (String required : List.of("--corpus", "--host", "--port", "--user", "--password-file")) {
            if (!options.containsKey(required)
                    && !(bigFolder && required.equals("--corpus"))
                    && !(many && required.equals("--user"))) {
                usage(required + " is required");
            }
        }
        String user = options.get("--user");
        String password = Files.readString(Path.of(options.get("--password-file")), StandardCharsets.UTF_8)
                .strip();
        if (many) {
            System.exit(manyAccounts(options, password, verify));
        }
        ImapAppend imap = new ImapAppend(options.get("--host"), Integer.parseInt(options.get("--port")));
        try {
            if (bigFolder) {
                String folder = options.getOrDefault("--folder", "INBOX");
                long start = System.nanoTime();
                imap.login(user, password);
                if (fetchFlags) {
                    imap.fetchFlags(folder, start);
                } else {
                    imap.seed(folder, Integer.parseInt(options.get("--seed-messages")));
                }
                imap.command("LOGOUT");
                System.exit(0);
            }
            Path corpus = Path.of(options.get("--corpus"));
            List<String> folders = Files.readAllLines(corpus.resolve("folders.txt"), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
            List<Entry> entries = manifest(corpus.resolve("manifest.tsv"));
            imap.login(user, password);
            boolean ok = verify ? imap.verify(folders, entries, user) : imap.append(corpus, folders, entries, user);
            imap.command("LOGOUT");
            System.exit(ok ? 0 : 1);
        } catch (ImapException e) {
            System.err.println("ImapAppend: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * {@code --users U1,U2,...}: the corpus appended to (or with {@code --verify} checked in) every account at once,
     * one connection and thread each, like that many separate clients. The aggregate clock runs from the first
     * connection to the last account done; the corpus is read from disk before it (each thread reads it again from
     * the page cache, outside its own clock). Last line: {@code Aggregate: accounts N, messages N, bytes N,
     * seconds S, msgs/s R, MiB/s M}.
     */
    static int manyAccounts(Map<String, String> options, String password, boolean verify) throws Exception {
        List<String> users = List.of(options.get("--users").split(","));
        Path corpus = Path.of(options.get("--corpus"));
        List<String> folders = Files.readAllLines(corpus.resolve("folders.txt"), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        List<Entry> entries = manifest(corpus.resolve("manifest.tsv"));
        long bytes = 0;
        for (Entry e : entries) {
            bytes += Files.size(corpus.resolve(e.file()));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(users.size());
        long start = System.nanoTime();
        List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
        for (String account : users) {
            results.add(pool.submit(() -> {
                ImapAppend imap = new ImapAppend(options.get("--host"), Integer.parseInt(options.get("--port")));
                imap.login(account, password);
                boolean ok = verify
                        ? imap.verify(folders, entries, account)
                        : imap.append(corpus, folders, entries, account);
                imap.command("LOGOUT");
                return ok;
            }));
        }
        boolean ok = true;
        for (java.util.concurrent.Future<Boolean> result : results) {
            try {
                ok &= result.get();
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("ImapAppend: " + e.getCause().getMessage());
                ok = false;
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long messages = (long) entries.size() * users.size();
        double mib = bytes * users.size() / 1048576.0;
        System.out.printf(
                Locale.ROOT,
                "Aggregate: accounts %d, messages %d, bytes %d, seconds %.2f, msgs/s %.1f, MiB/s %.1f%n",
                users.size(),
                messages,
                bytes * users.size(),
                seconds,
                messages / seconds,
                mib / seconds);
        return ok ? 0 : 1;
    }

    /**
     * Appends {@code count} small generated messages (a Message-ID each, every third \Seen, every tenth \Flagged)
     * to {@code folder}, a thousand per MULTIAPPEND command where the server has it.
     */
    void seed(String folder, int count) throws IOException, ImapException {
        if (!folder.equalsIgnoreCase("INBOX")) {
            create(folder);
        }
        boolean multi = capabilities.contains("MULTIAPPEND") && capabilities.contains("LITERAL+");
        int perCommand = multi ? 1000 : 1;
        long start = System.nanoTime();
        for (int from = 1; from <= count; from += perCommand) {
            StringBuilder command = new StringBuilder("APPEND ").append(mailbox(folder));
            List<byte[]> bodies = new ArrayList<>();
            for (int i = from; i < from + perCommand && i <= count; i++) {
                byte[] raw = ("From: Alice <alice@contoso.com>\r\nTo: Bench <bench@contoso.com>\r\n"
                                + "Subject: Big folder message " + i + "\r\nMessage-ID: <big-" + i
                                + "@contoso.com>\r\nDate: Mon, 7 Feb 2022 21:52:25 -0800\r\n\r\nMessage " + i
                                + " of a folder as large as some Exchange inboxes.\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                String flags =
                        (i % 3 == 0 ? "\\Seen" : "") + (i % 10 == 0 ? (i % 3 == 0 ? " " : "") + "\\Flagged" : "");
                String date = INTERNAL_DATE.format(
                        Instant.ofEpochSecond(1_600_000_000L + i * 60L).atOffset(ZoneOffset.UTC));
                command.append(bodies.isEmpty() ? " " : "")
                        .append("(")
                        .append(flags)
                        .append(") \"")
                        .append(date)
                        .append("\" {")
                        .append(raw.length)
                        .append(multi ? "+" : "")
                        .append("}");
                bodies.add(raw);
                if (multi) {
                    command.append("\r\n")
                            .append(new String(raw, StandardCharsets.US_ASCII))
                            .append(" ");
                }
            }
            String text = command.toString();
            if (multi) {
                command("" + text.substring(0, text.length() - 1));
            } else {
                String tag = sendLine(text);
                awaitContinuation(tag, "APPEND");
                out.write(bodies.get(0));
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                awaitTagged(tag, "APPEND");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Seeded %d messages into %s on %s in %.2f s%s%n",
                count,
                folder,
                server,
                (System.nanoTime() - start) / 1e9,
                multi ? " (MULTIAPPEND)" : "");
    }

    /**
     * The least any client does to compare a folder without CONDSTORE: sign in (already done, timed from
     * {@code start}), EXAMINE, {@code UID FETCH 1:* (UID FLAGS)} read to the end.
     */
    void fetchFlags(String folder, long start) throws IOException, ImapException {
        command("EXAMINE " + mailbox(folder));
        String tag = sendLine("UID FETCH 1:* (UID FLAGS)");
        long messages = 0;
        long bytes = 0;
        while (true) {
            String line = readLine();
            bytes += line.length() + 2;
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) {
                    throw new ImapException(server + " refused UID FETCH: " + line);
                }
                break;
            }
            if (line.startsWith("* ") && line.contains(" FETCH (")) {
                messages++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Result: messages %d, bytes %d, seconds %.3f%n", messages, bytes, seconds);
    }

    static void usage(String problem) {
        System.err.println("ImapAppend: " + problem);
        System.err.println("usage: java -Xmx1g bench/ImapAppend.java --corpus DIR --host HOST --port PORT --user USER "
                + "--password-file FILE [--verify]");
        System.err.println("   or: --users U1,U2,... instead of --user: every account at once, one connection each");
        System.err.println("   or: java bench/ImapAppend.java --host HOST --port PORT --user USER --password-file FILE "
                + "[--folder F] (--seed-messages N | --fetch-flags)");
        System.exit(2);
    }

    static List<Entry> manifest(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int row = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            row++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException(
                        file + " row " + row + ": expected 6 tab-separated columns, found " + f.length);
            }
            entries.add(new Entry(f[0], f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]), f[5]));
        }
        return entries;
    }

    void login(String user, String password) throws IOException, ImapException {
        Response greeting = read();
        if (!greeting.text().startsWith("* OK")) {
            throw new ImapException(server + " did not greet with * OK: " + greeting.text());
        }
        command("LOGIN " + quoted(user) + " " + quoted(password));
        // capabilities may change after login (Dovecot adds LITERAL+ and more); ask for the current ones
        command("CAPABILITY");
        List<Response> list = command("LIST \"\" \"\"");
        for (Response r : list) {
            Matcher m = Pattern.compile("^\\* LIST \\([^)]*\\) \"(.)\"").matcher(r.text());
            if (m.find()) {
                delimiter = m.group(1).charAt(0);
            }
        }
    }

    boolean append(Path corpus, List<String> folders, List<Entry> entries, String user)
            throws IOException, ImapException {
        List<byte[]> messages = new ArrayList<>(entries.size());
        long bytes = 0;
        for (Entry e : entries) {
            byte[] raw = Files.readAllBytes(corpus.resolve(e.file()));
            messages.add(raw);
            bytes += raw.length;
        }
        boolean literalPlus = capabilities.contains("LITERAL+");
        long start = System.nanoTime();
        for (String folder : folders) {
            if (!folder.equalsIgnoreCase("INBOX")) {
                create(folder);
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] raw = messages.get(i);
            String date =
                    INTERNAL_DATE.format(Instant.ofEpochSecond(e.internalDate()).atOffset(ZoneOffset.UTC));
            String head = "APPEND " + mailbox(e.folder()) + " (" + e.flags() + ") \"" + date + "\" {" + raw.length
                    + (literalPlus ? "+" : "") + "}";
            String tag = sendLine(head);
            if (!literalPlus) {
                awaitContinuation(tag, head);
            }
            out.write(raw);
            out.write('\r');
            out.write('\n');
            out.flush();
            awaitTagged(tag, "APPEND of " + e.file() + " to " + e.folder());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mib = bytes / 1048576.0;
        System.out.printf(
                Locale.ROOT,
                "Appended %d messages, %d bytes (%.1f MiB) for %s on %s in %.2f s%s%n",
                entries.size(),
                bytes,
                mib,
                user,
                server,
                seconds,
                literalPlus ? " (LITERAL+)" : "");
        System.out.printf(
                Locale.ROOT,
                "Result: messages %d, bytes %d, seconds %.2f, msgs/s %.1f, MiB/s %.1f%n",
                entries.size(),
                bytes,
                seconds,
                entries.size() / seconds,
                mib / seconds);
        return true;
    }

    void create(String folder) throws IOException, ImapException {
        String tag = sendLine("CREATE " + mailbox(folder));
        try {
            awaitTagged(tag, "CREATE " + folder);
        } catch (ImapException e) {
            if (!e.getMessage().contains("[ALREADYEXISTS]")) {
                throw e;
            }
        }
    }

    boolean verify(List<String> folders, List<Entry> entries, String user) throws IOException, ImapException {
        Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
        for (String folder : folders) {
            expected.put(folder, new TreeMap<>());
        }
        for (Entry e : entries) {
            expected.computeIfAbsent(e.folder(), f -> new TreeMap<>())
                    .computeIfAbsent(key(e.sha256(), e.flags(), e.internalDate()), k -> new ArrayList<>())
                    .add(e.file());
        }
        List<String> problems = new ArrayList<>();
        Set<String> onServer = new TreeSet<>();
        for (Response r : command("LIST \"\" \"*\"")) {
            Matcher m = Pattern.compile("^\\* LIST \\(([^)]*)\\) (?:\"(?:\\\\.|[^\"])*\"|NIL) (.*)$")
                    .matcher(r.text());
            if (m.find() && !m.group(1).contains("\\Noselect") && !m.group(1).contains("\\NonExistent")) {
                onServer.add(fromServerName(astring(m.group(2), r.literals())));
            }
        }
        for (String folder : onServer) {
            if (!expected.containsKey(folder)) {
                problems.add("folder '" + folder + "' is on the server but not in the corpus");
            }
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int verified = 0;
        for (Map.Entry<String, Map<String, List<String>>> folder : expected.entrySet()) {
            Map<String, List<String>> want = folder.getValue();
            int wanted = want.values().stream().mapToInt(List::size).sum();
            if (!onServer.contains(folder.getKey())) {
                problems.add("folder '" + folder.getKey() + "' (" + wanted + " messages) is missing");
                continue;
            }
            List<Response> selected = command("EXAMINE " + mailbox(folder.getKey()));
            int exists = selected.stream()
                    .map(r -> Pattern.compile("^\\* (\\d+) EXISTS").matcher(r.text()))
                    .filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .reduce(0, (a, b) -> b);
            Map<String, Integer> found = new TreeMap<>();
            if (exists > 0) {
                for (Response r : command("FETCH 1:* (FLAGS INTERNALDATE BODY.PEEK[])")) {
                    if (!r.text().matches("(?s)^\\* \\d+ FETCH .*")) {
                        continue;
                    }
                    Matcher flags = FLAGS.matcher(r.text());
                    Matcher date = DATE.matcher(r.text());
                    Matcher body = BODY.matcher(r.text());
                    if (!flags.find() || !date.find() || !body.find()) {
                        throw new ImapException(server + " sent a FETCH response without FLAGS, INTERNALDATE or "
                                + "BODY[] in " + folder.getKey() + ": " + r.text());
                    }
                    byte[] raw = r.literals().get(Integer.parseInt(body.group(1)));
                    long epoch = ZonedDateTime.parse(date.group(1).trim(), INTERNAL_DATE_READ)
                            .toEpochSecond();
                    found.merge(
                            key(HexFormat.of().formatHex(sha256.digest(raw)), flags.group(1), epoch), 1, Integer::sum);
                }
            }
            int ok = 0;
            for (Map.Entry<String, List<String>> w : want.entrySet()) {
                int have = found.getOrDefault(w.getKey(), 0);
                ok += Math.min(have, w.getValue().size());
                for (int i = have; i < w.getValue().size(); i++) {
                    problems.add(folder.getKey() + ": " + w.getValue().get(i) + " is missing or differs ("
                            + describe(w.getKey()) + ")");
                }
                found.merge(w.getKey(), -Math.min(have, w.getValue().size()), Integer::sum);
            }
            for (Map.Entry<String, Integer> extra : found.entrySet()) {
                for (int i = 0; i < extra.getValue(); i++) {
                    problems.add(folder.getKey() + ": unexpected message (" + describe(extra.getKey()) + ")");
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "  %-40s %5d of %5d as in the corpus, %5d on the server%n",
                    folder.getKey(),
                    ok,
                    wanted,
                    exists);
            verified += ok;
        }
        if (problems.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "Verified: %s on %s holds exactly the corpus (%d messages in %d folders: "
                            + "bytes, flags and internal dates)%n",
                    user,
                    server,
                    verified,
                    expected.size());
            return true;
        }
        System.out.printf(
                Locale.ROOT, "NOT as the corpus: %s on %s, %d difference(s):%n", user, server, problems.size());
        problems.stream().limit(50).forEach(p -> System.out.println("  " + p));
        if (problems.size() > 50) {
            System.out.println("  ... and " + (problems.size() - 50) + " more");
        }
        return false;
    }

    /** What makes two copies of a message the same: raw bytes, flags (without \Recent, any order), internal date. */
    static String key(String sha256, String flags, long internalDate) {
        Set<String> sorted = new TreeSet<>();
        for (String flag : flags.trim().split("\\s+")) {
            if (!flag.isEmpty() && !flag.equalsIgnoreCase("\\Recent")) {
                sorted.add(flag.toLowerCase(Locale.ROOT));
            }
        }
        return sha256 + "|" + String.join(" ", sorted) + "|" + internalDate;
    }

    static String describe(String key) {
        String[] k = key.split("\\|", -1);
        return "sha256 " + k[0].substring(0, 12) + "..., flags (" + k[1] + "), internal date "
                + Instant.ofEpochSecond(Long.parseLong(k[2]));
    }

    // --- protocol ---

    /** Sends a tagged command and returns its untagged responses; a NO or BAD is an ImapException. */
    List<Response> command(String command) throws IOException, ImapException {
        String tag = sendLine(command);
        return awaitTagged(tag, command.startsWith("LOGIN ") ? "LOGIN" : command);
    }

    String sendLine(String command) throws IOException {
        String tag = String.format(Locale.ROOT, "A%04d", ++tagCounter);
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return tag;
    }

    void awaitContinuation(String tag, String what) throws IOException, ImapException {
        while (true) {
            Response r = read();
            if (r.text().startsWith("+")) {
                return;
            }
            if (r.text().startsWith(tag + " ")) {
                throw new ImapException(server + " refused " + what + ": " + r.text());
            }
        }
    }

    List<Response> awaitTagged(String tag, String what) throws IOException, ImapException {
        List<Response> untagged = new ArrayList<>();
        while (true) {
            Response r = read();
            String text = r.text();
            if (text.startsWith("* CAPABILITY ")) {
                capabilities = new TreeSet<>(Arrays.asList(
                        text.substring(13).toUpperCase(Locale.ROOT).split(" ")));
            }
            Matcher caps = Pattern.compile("\\[CAPABILITY ([^]]*)]").matcher(text);
            if (caps.find()) {
                capabilities = new TreeSet<>(
                        Arrays.asList(caps.group(1).toUpperCase(Locale.ROOT).split(" ")));
            }
            if (text.startsWith(tag + " ")) {
                if (text.startsWith(tag + " OK")) {
                    return untagged;
                }
                throw new ImapException(server + " refused " + what + ": " + text.substring(tag.length() + 1));
            }
            untagged.add(r);
        }
    }

    Response read() throws IOException {
        StringBuilder text = new StringBuilder();
        List<byte[]> literals = new ArrayList<>();
        while (true) {
            String line = readLine();
            Matcher literal = LITERAL_AT_END.matcher(line);
            if (!literal.find()) {
                text.append(line);
                return new Response(text.toString(), literals);
            }
            text.append(line, 0, literal.start()).append('\u0000').append(literals.size());
            byte[] bytes = new byte[Integer.parseInt(literal.group(1))];
            int at = 0;
            while (at < bytes.length) {
                int n = in.read(bytes, at, bytes.length - at);
                if (n < 0) {
                    throw new EOFException(server + " closed the connection in the middle of a literal");
                }
                at += n;
            }
            literals.add(bytes);
        }
    }

    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(server + " closed the connection");
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    // --- names ---

    /** The corpus folder ('/' separated) as a quoted IMAP mailbox name in modified UTF-7 (RFC 3501 5.1.3). */
    String mailbox(String folder) {
        if (delimiter != '/' && folder.indexOf(delimiter) >= 0) {
            throw new IllegalArgumentException(
                    "Folder '" + folder + "' contains the server's hierarchy delimiter '" + delimiter + "'");
        }
        return quoted(Mutf7.encode(folder.replace('/', delimiter)));
    }

    String fromServerName(String name) {
        return Mutf7.decode(name).replace(delimiter, '/');
    }

    static String astring(String token, List<byte[]> literals) {
        if (token.startsWith("\u0000")) {
            return new String(literals.get(Integer.parseInt(token.substring(1))), StandardCharsets.UTF_8);
        }
        if (token.startsWith("\"") && token.endsWith("\"")) {
            return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return token;
    }

    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Modified UTF-7 of RFC 3501 5.1.3: printable ASCII as is ('&' as "&-"), the rest as '&' base64(UTF-16) '-'. */
    static final class Mutf7 {
        private Mutf7() {}

        static String encode(String name) {
            StringBuilder s = new StringBuilder();
            int i = 0;
            while (i < name.length()) {
                char c = name.charAt(i);
                if (c >= 0x20 && c <= 0x7e) {
                    s.append(c == '&' ? "&-" : String.valueOf(c));
                    i++;
                    continue;
                }
                int end = i;
                while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                    end++;
                }
                byte[] utf16 = name.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
                s.append('&')
                        .append(Base64.getEncoder()
                                .withoutPadding()
                                .encodeToString(utf16)
                                .replace('/', ','))
                        .append('-');
                i = end;
            }
            return s.toString();
        }

        static String decode(String name) {
            StringBuilder s = new StringBuilder();
            int i = 0;
            while (i < name.length()) {
                char c = name.charAt(i);
                int end = name.indexOf('-', i);
                if (c != '&' || end < 0) {
                    s.append(c);
                    i++;
                    continue;
                }
                if (end == i + 1) {
                    s.append('&');
                } else {
                    byte[] utf16 = Base64.getDecoder()
                            .decode(name.substring(i + 1, end).replace(',', '/'));
                    s.append(new String(utf16, StandardCharsets.UTF_16BE));
                }
                i = end + 1;
            }
            return s.toString();
        }
    }
}
