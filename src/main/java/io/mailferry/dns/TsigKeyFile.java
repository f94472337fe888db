package io.mailferry.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/**
 * A TSIG key read from a file in the format {@code tsig-keygen} writes and BIND includes:
 * <pre>
 * key "mailferry" {
 *     algorithm hmac-sha256;
 *     secret "base64==";
 * };
 * </pre>
 * Errors name the file, the line and what is wrong, but never quote a token that could be the secret. Not a
 * record, so no generated {@code toString} can print the key.
 */
public final class TsigKeyFile implements TsigKeySource {
    // Only these words are quoted back in error messages; anything else in the file might be the secret.
    private static final Set<String> QUOTABLE = Set.of("key", "algorithm", "secret", "{", "}", ";");

    private final Path file;
    private final String keyName;
    private final Name algorithm;
    private final byte[] secret;

    private TsigKeyFile(Path file, String keyName, Name algorithm, byte[] secret) {
        this.file = file;
        this.keyName = keyName;
        this.algorithm = algorithm;
        this.secret = secret;
    }

    /** @throws IllegalArgumentException saying which line of which file is wrong and how */
    public static TsigKeyFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read TSIG key file " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return new Parser(file, tokenize(file, text)).parse();
    }

    @Override
    public TSIG key() {
        return new TSIG(algorithm, ServerAddresses.absolute(keyName), secret);
    }

    @Override
    public String keyName() {
        return keyName;
    }

    /** e.g. {@code hmac-sha256}. */
    public String algorithm() {
        return ServerAddresses.bare(algorithm);
    }

    @Override
    public String secretOrigin() {
        return "the secret in " + file + "; check that the server has the same key (name, algorithm, secret)";
    }

    @Override
    public String toString() {
        return "TSIG key '" + keyName + "' (" + algorithm() + ") from " + file;
    }

    private record Token(String text, boolean quoted, int line) {
        String shown() {
            if (!quoted && QUOTABLE.contains(text)) {
                return "'" + text + "'";
            }
            return quoted ? "a quoted string" : "a word";
        }
    }

    private static List<Token> tokenize(Path file, String text) {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || (c == '/' && text.startsWith("//", i))) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(file + " line " + line + ": comment '/*' is never closed");
                }
                line += (int)
                        text.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end + 2;
            } else if (c == '{' || c == '}' || c == ';') {
                tokens.add(new Token(String.valueOf(c), false, line));
                i++;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0 || text.substring(i, end).indexOf('\n') >= 0) {
                    throw new IllegalArgumentException(
                            file + " line " + line + ": a quoted string is not closed " + "on the same line");
                }
                tokens.add(new Token(text.substring(i + 1, end), true, line));
                i = end + 1;
            } else {
                int start = i;
                while (i < text.length()
                        && !Character.isWhitespace(text.charAt(i))
                        && "{};\"".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), false, line));
            }
        }
        return tokens;
    }

    /** key NAME { algorithm ALG ; secret "B64" ; } ; — exactly one key per file. */
    private static final class Parser {
        private final Path file;
        private final List<Token> tokens;
        private int position;

        Parser(Path file, List<Token> tokens) {
            this.file = file;
            this.tokens = tokens;
        }

        TsigKeyFile parse() {
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException(file + " is empty: expected a key written by tsig-keygen, "
                        + "key \"name\" { algorithm hmac-sha256; secret \"…\"; };");
            }
            expectWord("key", "at the start of the key definition");
            Token name = next("the key's name after 'key'");
            if (QUOTABLE.contains(name.text()) && !name.quoted()) {
                throw error(name, "expected the key's name after 'key', found " + name.shown());
            }
            expectWord("{", "after the key's name");
            String algorithm = null;
            byte[] secret = null;
            int secretLine = 0;
            while (!peekIs("}")) {
                Token field = next("'algorithm', 'secret' or '}'");
                if (field.text().equals("algorithm") && !field.quoted()) {
                    Token value = next("the algorithm after 'algorithm'");
                    algorithm = value.text();
                    expectWord(";", "after the algorithm");
                } else if (field.text().equals("secret") && !field.quoted()) {
                    Token value = next("the secret after 'secret'");
                    if (!value.quoted()) {
                        throw error(value, "the secret must be in double quotes, as tsig-keygen writes it");
                    }
                    secret = decode(value);
                    secretLine = value.line();
                    expectWord(";", "after the secret");
                } else {
                    throw error(field, "expected 'algorithm', 'secret' or '}', found " + field.shown());
                }
            }
            Token close = next("'}'");
            expectWord(";", "after '}' closing the key");
            if (position < tokens.size()) {
                throw error(
                        tokens.get(position),
                        "only one key per file is supported, found more after the " + "key '" + name.text() + "'");
            }
            if (algorithm == null) {
                throw error(close, "key '" + name.text() + "' has no 'algorithm' line");
            }
            if (secret == null) {
                throw error(close, "key '" + name.text() + "' has no 'secret' line");
            }
            Name algorithmName;
            try {
                algorithmName = TSIG.algorithmToName(algorithm);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": key '" + name.text() + "': algorithm '" + algorithm
                        + "' is not a TSIG algorithm (e.g. hmac-sha256, hmac-sha512)");
            }
            if (secret.length == 0) {
                throw new IllegalArgumentException(file + " line " + secretLine + ": the secret is empty");
            }
            return new TsigKeyFile(file, ServerAddresses.bare(name.text()), algorithmName, secret);
        }

        private byte[] decode(Token value) {
            try {
                return Base64.getDecoder().decode(value.text().trim());
            } catch (IllegalArgumentException e) {
                // Not quoting the value: a secret with a typo is still mostly the secret.
                throw error(value, "the secret is not valid base64");
            }
        }

        private boolean peekIs(String text) {
            if (position >= tokens.size()) {
                throw new IllegalArgumentException(file + ": the key definition ends early, '}' is missing");
            }
            Token token = tokens.get(position);
            return !token.quoted() && token.text().equals(text);
        }

        private Token next(String expected) {
            if (position >= tokens.size()) {
                int line = tokens.get(tokens.size() - 1).line();
                throw new IllegalArgumentException(
                        file + " line " + line + ": the file ends where " + expected + " should be");
            }
            return tokens.get(position++);
        }

        private void expectWord(String word, String where) {
            Token token = next("'" + word + "' " + where);
            if (token.quoted() || !token.text().equals(word)) {
                throw error(token, "expected '" + word + "' " + where + ", found " + token.shown());
            }
        }

        private IllegalArgumentException error(Token token, String message) {
            return new IllegalArgumentException(file + " line " + token.line() + ": " + message);
        }
    }
}
