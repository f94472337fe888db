package io.mailferry.staged;

import io.mailferry.process.Variables;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The staged migration's own start choices, after the cutover's defaults (source server, DNS automation) are applied:
 * batches at once or one by one, started automatically or by an operator, and whether the list is known already.
 * A value the start form cannot produce is refused, so the migration does not start on a misspelt choice.
 */
@Component("applyStagedDefaultsDelegate")
class ApplyStagedDefaultsDelegate implements ExecutionListener {
    static final String AT_ONCE = "atOnce";
    static final String ONE_BY_ONE = "oneByOne";
    static final String AUTOMATIC = "automatic";
    static final String MANUAL = "manual";

    @Override
    public void notify(DelegateExecution execution) {
        execution.setVariable("batchOrder", choice(execution, "batchOrder", AT_ONCE, Set.of(AT_ONCE, ONE_BY_ONE),
                "several batches at once (atOnce) or one after the other (oneByOne)"));
        execution.setVariable("batchStart", choice(execution, "batchStart", AUTOMATIC, Set.of(AUTOMATIC, MANUAL),
                "started as soon as they are created (automatic) or by an operator (manual)"));
        Object listId = execution.getVariable("mailboxListId");
        execution.setVariable("mailboxListGiven", listId != null && !listId.toString().isBlank());
        execution.setVariable("batchesMigrated", 0);
    }

    private static String choice(DelegateExecution execution, String name, String fallback, Set<String> allowed,
            String meaning) {
        String value = Variables.stringOr(execution, name, fallback);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("'" + name + "' must say how batches run: " + meaning + ", not '" + value
                    + "'");
        }
        return value;
    }
}
