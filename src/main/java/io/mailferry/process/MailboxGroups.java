package io.mailferry.process;

import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Cuts a batch's mailboxes into groups for the BPMN multi-instances that start them, convert them or ask them for
 * their final sync ({@code ${mailboxGroups…}} in CutoverMigration.bpmn and StagedMigrationBatch.bpmn): each group is
 * one job that, for instance, starts its mailboxes' MailboxMigration instances, so a batch of 2,000 is 20 short
 * transactions of 100 starts instead of one that creates thousands of executions and outlives its job lock or meets an
 * optimistic lock on the way.
 */
@Component("mailboxGroups") // the name the BPMN expressions use
public class MailboxGroups {
    /** About a second of engine work per group on PostgreSQL, far below any job lock or statement timeout. */
    public static final int DEFAULT_SIZE = 100;

    private final int size;

    public MailboxGroups() {
        this(DEFAULT_SIZE);
    }

    /** {@code size} mailboxes per group; tests use small ones to see several groups. */
    public MailboxGroups(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A mailbox group holds at least one mailbox, was " + size);
        }
        this.size = size;
    }

    /** The groups' numbers 0, 1, … for the batch's mailboxes: the collection of the outer multi-instance. */
    public List<Integer> numbers(List<?> mailboxIds) {
        return IntStream.range(0, (mailboxIds.size() + size - 1) / size).boxed().toList();
    }

    /** The mailbox ids of group {@code number}, in the batch's order: the collection of the inner multi-instance. */
    public List<Object> members(List<?> mailboxIds, int number) {
        int from = number * size;
        if (number < 0 || from >= mailboxIds.size()) {
            throw new IllegalArgumentException(
                    "Mailbox group " + number + " does not exist in a batch of " + mailboxIds.size() + " mailboxes");
        }
        return List.copyOf(mailboxIds.subList(from, Math.min(from + size, mailboxIds.size())));
    }
}
