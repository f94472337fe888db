package io.mailferry.mailbox;

import java.util.List;

/** Live message counts of a source folder and its target folder, plus the messages deliberately not copied. */
public record FolderReport(
        String sourceFolder,
        String targetFolder,
        int sourceMessages,
        int targetMessages,
        int skipped,
        List<String> skippedReasons) {}
