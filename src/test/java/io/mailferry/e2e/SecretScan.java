package io.mailferry.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.springframework.jdbc.core.JdbcTemplate;

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
        checkFailuresAndLog(secrets, history, logOutput, leaks);
        return leaks;
    }

    /**
     * Where a reference to any stored secret shows up in an incident, a job failure or the log: references work like
     * bearer tokens, so those name a secret by its fingerprint only. (A reference an operator pasted into a form is
     * a variable by design; the secret is revealed for its own purpose only.)
     */
    static List<String> placesShowingReferences(JdbcTemplate jdbc, HistoryService history, String logOutput) {
        List<String> references = jdbc.queryForList("SELECT id FROM mf_secret", String.class);
        List<String> leaks = new ArrayList<>();
        checkFailuresAndLog(references, history, logOutput, leaks);
        return leaks;
    }

    private static void checkFailuresAndLog(
            Collection<String> needles, HistoryService history, String logOutput, List<String> leaks) {
        history.createHistoricIncidentQuery()
                .list()
                .forEach(i -> check("incident", i.getIncidentMessage(), needles, leaks));
        history.createHistoricJobLogQuery()
                .failureLog()
                .list()
                .forEach(j -> check("job failure", j.getJobExceptionMessage(), needles, leaks));
        check("log output", logOutput, needles, leaks);
    }

    private static void check(String where, String text, Collection<String> secrets, List<String> leaks) {
        if (text != null && secrets.stream().anyMatch(text::contains)) {
            leaks.add(where);
        }
    }
}
