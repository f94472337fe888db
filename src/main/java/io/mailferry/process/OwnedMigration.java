package io.mailferry.process;

import io.mailferry.authority.MigrationAuthority;
import io.mailferry.authority.NotThisMigrationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the running step's migration may act on ({@link MigrationAuthority}), found by the migration's root process
 * instance — which no variable can change — instead of by variables: its domain, and the batch and mailbox ids a step
 * was handed, checked against those it created. Every step that changes DNS, endpoints or batches goes through here.
 */
@Component
public class OwnedMigration {
    private final MigrationAuthority authority;

    public OwnedMigration(MigrationAuthority authority) {
        this.authority = authority;
    }

    public MigrationAuthority authority() {
        return authority;
    }

    /** The root process instance of the migration the execution belongs to: CutoverMigration or StagedMigration. */
    public static String migrationId(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        if (instance == null) {
            return execution.getProcessInstanceId();
        }
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance.getId();
    }

    /** The domain validated when the migration started; a {@code domain} variable set since changes nothing. */
    public String domain(DelegateExecution execution) {
        return authority.domain(migrationId(execution));
    }

    public String domain(DelegateTask task) {
        return domain(task.getExecution());
    }

    /** The migration endpoint this migration created (the batches' source); refused before there is one. */
    public long sourceEndpoint(DelegateExecution execution) {
        String migration = migrationId(execution);
        return authority
                .sourceEndpoint(migration)
                .orElseThrow(() -> new NotThisMigrationException("Migration " + migration
                        + " has not created its migration endpoint yet; a batch needs it as its source"));
    }

    /** The mailbox list the list check accepted for this migration; refused before one was accepted. */
    public long mailboxList(DelegateExecution execution) {
        String migration = migrationId(execution);
        return authority
                .mailboxList(migration)
                .orElseThrow(() ->
                        new NotThisMigrationException("Migration " + migration + " has no accepted mailbox list yet"));
    }

    /** Records that this migration created {@code batchId}: from now on only it may act on the batch. */
    public void claimBatch(DelegateExecution execution, long batchId) {
        authority.claimBatch(migrationId(execution), batchId);
    }

    /** The batch named by {@code variable}, when this migration created it; NotThisMigrationException otherwise. */
    public long batch(DelegateExecution execution, String variable) {
        return authority.requireBatch(migrationId(execution), Variables.number(execution, variable));
    }

    /** The batch mailbox named by {@code variable}, when it is in one of this migration's batches. */
    public long mailbox(DelegateExecution execution, String variable) {
        return authority.requireMailbox(migrationId(execution), Variables.number(execution, variable));
    }
}
