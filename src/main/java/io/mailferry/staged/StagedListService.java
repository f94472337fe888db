package io.mailferry.staged;

import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.mailboxlist.MailboxListNotFoundException;
import io.mailferry.mailboxlist.MailboxListService;
import io.mailferry.tenant.Tenant;
import io.mailferry.text.Fit;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The mailbox list of a staged migration as the runbook's tasks 3 and 4 see it: is it there, and are its users in
 * Microsoft 365 yet (directory synchronisation creates them). Only addresses leave
 * this class; the passwords of the list stay in the secret store.
 */
@Service
public class StagedListService {
    private final MailboxListService lists;
    private final Tenant tenant;

    /** How much of a wrong entry the problem repeats: enough to recognise it, not a pasted file. */
    private static final int ECHOED = 60;

    public StagedListService(MailboxListService lists, Tenant tenant) {
        this.lists = lists;
        this.tenant = tenant;
    }

    /**
     * The list whose id an operator entered — a form sends a number as Long or Double, a REST client maybe as text —
     * or why it cannot be used: a wrong id is an operator's slip, not a fault.
     */
    public ListCheck check(Object enteredId) {
        Long listId = listId(enteredId);
        return listId == null
                ? ListCheck.notFound("'" + Fit.cut(String.valueOf(enteredId), ECHOED)
                        + "' is not a mailbox list id: enter the number the"
                        + " mailbox lists page showed when it stored the list.")
                : check(listId.longValue());
    }

    static Long listId(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0) {
            return n.longValue();
        }
        if (value instanceof String s && s.trim().matches("[1-9]\\d{0,17}")) {
            return Long.parseLong(s.trim());
        }
        return null;
    }

    /** The list, or why it cannot be used. */
    public ListCheck check(long listId) {
        try {
            MailboxList list = lists.find(listId);
            if (list.mailboxes() == 0) {
                return ListCheck.notFound("Mailbox list " + listId + " holds no mailbox; upload the list again.");
            }
            return ListCheck.found(list, lists.rows(listId, 1).get(0).address());
        } catch (MailboxListNotFoundException e) {
            return ListCheck.notFound(
                    e.getMessage() + ". The mailbox lists page gives an id only to a list it"
                            + " accepted: a rejected file stores nothing, so correct it, upload it again and enter the new id.");
        }
    }

    /** Addresses of the list that are no users of the tenant: directory synchronisation has not created them. */
    public List<String> missingUsers(long listId) {
        return tenant.missingUsers(lists.addresses(listId));
    }
}
