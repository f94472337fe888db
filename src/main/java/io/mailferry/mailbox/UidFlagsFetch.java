package io.mailferry.mailbox;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.FLAGS;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * Reads UID and FLAGS of an open folder's messages and hands each to a consumer as the server sends it. Angus Mail's
 * own fetch keeps an IMAPMessage per message and every response until the command ends, which for a 100,000-message
 * folder without CONDSTORE (Exchange) is most of a delta pass's memory and time; here each response is garbage as
 * soon as it has been compared.
 */
final class UidFlagsFetch {
    /** One message as the server reported it. */
    @FunctionalInterface
    interface Consumer {
        void accept(long uid, Flags flags);
    }

    private UidFlagsFetch() {}

    /**
     * Sends {@code UID FETCH uidSet (UID FLAGS)} plus {@code modifier} (e.g. {@code (CHANGEDSINCE n)}, or empty) and
     * passes every message in the answer to {@code consumer}. Other responses (EXISTS, EXPUNGE, ...) go to Angus
     * Mail's handlers afterwards, as its own commands do.
     */
    static void fetch(IMAPFolder folder, String uidSet, String modifier, Consumer consumer) throws MessagingException {
        String command = "UID FETCH " + uidSet + " (UID FLAGS)" + (modifier.isEmpty() ? "" : " " + modifier);
        folder.doCommand(p -> {
            stream(p, command, consumer);
            return null;
        });
    }

    private static void stream(IMAPProtocol p, String command, Consumer consumer) throws ProtocolException {
        synchronized (p) {
            List<Response> others = new ArrayList<>();
            Response result = null;
            ProtocolException unreadable = null;
            try {
                String tag = p.writeCommand(command, null);
                while (result == null) {
                    Response r;
                    try {
                        r = p.readResponse();
                    } catch (ProtocolException e) {
                        // A message we could not read must not look absent (--delete would expunge its copy).
                        unreadable = e;
                        continue;
                    }
                    if (r instanceof FetchResponse fetched) {
                        UID uid = fetched.getItem(UID.class);
                        FLAGS flags = fetched.getItem(FLAGS.class);
                        if (uid != null && flags != null) {
                            consumer.accept(uid.uid, flags);
                        } else {
                            // An unsolicited FETCH (a flag change by another session): Angus Mail's business.
                            others.add(r);
                        }
                    } else if (r.isBYE() || (r.isTagged() && tag.equals(r.getTag()))) {
                        result = r;
                    } else {
                        others.add(r);
                    }
                }
            } catch (IOException e) {
                result = Response.byeResponse(e);
            }
            others.add(result);
            Response[] responses = others.toArray(Response[]::new);
            p.notifyResponseHandlers(responses);
            p.handleResult(result);
            if (unreadable != null) {
                throw new ProtocolException(
                        "Unreadable answer to " + command + ": " + unreadable.getMessage(), unreadable);
            }
        }
    }
}
