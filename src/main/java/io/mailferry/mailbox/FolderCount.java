package io.mailferry.mailbox;

/** How many messages a source folder and its target folder held when they were counted. */
record FolderCount(String sourceFolder, String targetFolder, int sourceMessages, int targetMessages) {}
