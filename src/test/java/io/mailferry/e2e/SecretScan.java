package io.mailferry.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/** Where a secret shows up that must not: process variables, their history, incidents, job failures, the log. */
final class SecretScan {
    private SecretScan() {}

    /** "variable x", "log output" … for every place any of {@code secrets} appears in; empty when none. */
    static List<String> placesContaining(Collection<String> secrets, HistoryService history, String logOutput) {
        List<String> leaks = new ArrayList<>();
        for (HistoricVariableInstance v :
                history.createHistoricVariableInstanceQuery().list()) {
            check("variable " + v.getName(), v.getName() + "=" + v.getValue(), secrets, leaks);
        }
        for (HistoricDetail d :
                history.createHistoricDetailQuery().variableUpdates().list()) {
            HistoricVariableUpdate u = (HistoricVariableUpdate) d;
            check("history of " + u.getVariableName(), u.getVariableName() + "=" + u.getValue(), secrets, leaks);
        }
        history.createHistoricIncidentQuery()
                .list()
                .forEach(i -> check("incident", i.getIncidentMessage(), secrets, leaks));
        history.createHistoricJobLogQuery()
                .failureLog()
                .list()
                .forEach(j -> check("job failure", j.getJobExceptionMessage(), secrets, leaks));
        check("log output", logOutput, secrets, leaks);
        return leaks;
    }

    private static void check(String where, String text, Collection<String> secrets, List<String> leaks) {
        if (text != null && secrets.stream().anyMatch(text::contains)) {
            leaks.add(where);
        }
    }
}
