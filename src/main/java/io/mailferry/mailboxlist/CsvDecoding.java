package io.mailferry.mailboxlist;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the uploaded bytes into text. The encoding comes from the byte order mark (UTF-8, UTF-16 LE/BE, UTF-32
 * LE/BE), otherwise it is UTF-8. Decoding is strict: bytes that are not valid in that encoding are not guessed at
 * but remembered (file offset and where they land in the text), so the operator learns the row and column of each;
 * the first {@value #MAX_BAD_SPOTS} of them. The caller has capped the size ({@link ListLimits#MAX_BYTES}).
 */
final class CsvDecoding {
    /** Stands in for undecodable bytes, so the text keeps its shape and each spot can be located. */
    static final char REPLACEMENT = '\uFFFD';
    /**
     * Bad spots remembered at most: more than the problems listed, so that each listed one can be located; the rest
     * still become {@link #REPLACEMENT}, and a file of nothing but bad bytes costs no more than a good one.
     */
    static final int MAX_BAD_SPOTS = 1_000;

    /** Bytes at {@code byteOffset} (from the start of the file, counted from 0) that became text index {@code charIndex}. */
    record BadBytes(long byteOffset, int charIndex) {}

    /**
     * The text without its byte order mark; {@code byteOrderMark} says whether there was one; {@code firstNul} is the
     * offset of the first zero byte of a file without one (-1 if none), the mark of UTF-16 saved without a BOM.
     */
    record Decoded(String text, Charset charset, boolean byteOrderMark, List<BadBytes> badBytes, long firstNul) {}

    private record Bom(Charset charset, int length) {}

    private CsvDecoding() {}

    static Decoded decode(byte[] content) {
        Bom bom = bom(content);
        CharsetDecoder decoder = bom.charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content, bom.length(), content.length - bom.length());
        // every encoding here needs at least one byte per char, and a bad spot consumes at least one byte
        CharBuffer out = CharBuffer.allocate(content.length + 1);
        List<BadBytes> bad = new ArrayList<>();
        CoderResult result;
        do {
            result = decoder.decode(in, out, true);
            if (result.isError()) {
                if (bad.size() < MAX_BAD_SPOTS) {
                    bad.add(new BadBytes(in.position(), out.position()));
                }
                out.put(REPLACEMENT);
                in.position(in.position() + result.length());
            }
        } while (result.isError());
        if (result.isOverflow() || decoder.flush(out).isOverflow()) {
            throw new IllegalStateException("Decoded text outgrew its buffer; the size estimate is wrong");
        }
        out.flip();
        long firstNul = -1;
        if (bom.length() == 0) {
            for (int i = 0; i < content.length && firstNul < 0; i++) {
                if (content[i] == 0) {
                    firstNul = i;
                }
            }
        }
        return new Decoded(out.toString(), bom.charset(), bom.length() > 0, bad, firstNul);
    }

    /** UTF-32 LE is tested before UTF-16 LE: its mark begins with UTF-16 LE's. */
    private static Bom bom(byte[] b) {
        if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return new Bom(Charset.forName("UTF-32LE"), 4);
        }
        if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return new Bom(Charset.forName("UTF-32BE"), 4);
        }
        if (starts(b, 0xEF, 0xBB, 0xBF)) {
            return new Bom(StandardCharsets.UTF_8, 3);
        }
        if (starts(b, 0xFF, 0xFE)) {
            return new Bom(StandardCharsets.UTF_16LE, 2);
        }
        if (starts(b, 0xFE, 0xFF)) {
            return new Bom(StandardCharsets.UTF_16BE, 2);
        }
        return new Bom(StandardCharsets.UTF_8, 0);
    }

    private static boolean starts(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
