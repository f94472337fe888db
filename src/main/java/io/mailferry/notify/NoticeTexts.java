package io.mailferry.notify;

import org.springframework.web.util.HtmlUtils;

/** The wording of the notices, as plain text and the same as simple HTML. */
final class NoticeTexts {
    record Text(String subject, String plain, String html) {}

    private NoticeTexts() {}

    /** Seed step 1: users learn what changes and when, and shrink their mailbox so the copy goes faster. */
    static Text migrationNotice(String domain, String schedule) {
        String subject = "Your mailbox moves to Microsoft 365 " + schedule;
        String[] paragraphs = {
            "Hello,",
            "your " + domain + " mailbox is moving to Microsoft 365 (Exchange Online) " + schedule + ".",
            "What changes: your e-mail address stays the same, and your mail, calendar and contacts move with you. "
                    + "After the move you read your mail in Microsoft 365; we will send you a welcome message "
                    + "explaining how to sign in.",
            "What you can do now: please reduce the size of your mailbox. Delete messages you no longer need, "
                    + "save large attachments elsewhere, and empty your Deleted Items folder. A smaller mailbox "
                    + "moves faster.",
            "Until then, keep working as usual. Mail that arrives during the move is not lost.",
            "Thank you,\nyour IT team"
        };
        return new Text(subject, String.join("\n\n", paragraphs) + "\n", html(paragraphs));
    }

    /** Seed step 8: users learn where their mailbox is now and how to sign in to it. */
    static Text welcome(String domain, String address, String signInUrl) {
        String subject = "Welcome to Microsoft 365";
        String[] paragraphs = {
            "Hello,",
            "your " + domain + " mailbox now lives in Microsoft 365 (Exchange Online). Your mail, calendar and "
                    + "contacts have been moved.",
            "To sign in, open " + signInUrl + " and sign in as " + address
                    + " with the password your administrator gave you.",
            "In Outlook on your computer or phone, add the account " + address + " again if it asks for it.",
            "Thank you,\nyour IT team"
        };
        return new Text(subject, String.join("\n\n", paragraphs) + "\n", html(paragraphs));
    }

    private static String html(String[] paragraphs) {
        StringBuilder html = new StringBuilder("<html><body style=\"font-family: sans-serif\">");
        for (String paragraph : paragraphs) {
            html.append("<p>")
                    .append(HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>"))
                    .append("</p>");
        }
        return html.append("</body></html>").toString();
    }

    static String html(String body) {
        return html(body.split("\\n\\s*\\n"));
    }
}
