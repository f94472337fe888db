package io.mailferry.staged;

import static io.mailferry.process.MigrationVariables.MAILBOX_LIST_ID;
import static io.mailferry.staged.StagedVariables.BATCHES_MIGRATED;
import static io.mailferry.staged.StagedVariables.BATCH_ORDER;
import static io.mailferry.staged.StagedVariables.BATCH_START;
import static io.mailferry.staged.StagedVariables.MAILBOX_LIST_GIVEN;

import io.mailferry.process.Variables;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The staged migration's own start choices:
 * batches at once or one by one, started automatically or by an operator, and whether the list is known already.
 * A value the start form cannot produce is refused, so the migration does not start on a misspelt choice.
 */
@Component("stagedChoicesListener")
class StagedChoicesListener implements ExecutionListener {
    static final String AT_ONCE = "atOnce";
    static final String ONE_BY_ONE = "oneByOne";
    static final String AUTOMATIC = "automatic";
    static final String MANUAL = "manual";

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable(
                BATCH_ORDER,
                choice(
                        execution,
                        BATCH_ORDER,
                        AT_ONCE,
                        Set.of(AT_ONCE, ONE_BY_ONE),
                        "several batches at once (atOnce) or one after the other (oneByOne)"));
        execution.setVariable(
                BATCH_START,
                choice(
                        execution,
                        BATCH_START,
                        AUTOMATIC,
                        Set.of(AUTOMATIC, MANUAL),
                        "started as soon as they are created (automatic) or by an operator (manual)"));
        Object listId = execution.getVariable(MAILBOX_LIST_ID);
        execution.setVariable(
                MAILBOX_LIST_GIVEN, listId != null && !listId.toString().isBlank());
        execution.setVariable(BATCHES_MIGRATED, 0);
    }

    private static String choice(
            DelegateExecution execution, String name, String fallback, Set<String> allowed, String meaning) {
        String value = Variables.stringOr(execution, name, fallback);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(
                    "'" + name + "' must say how batches run: " + meaning + ", not '" + value + "'");
        }
        return value;
    }
}
