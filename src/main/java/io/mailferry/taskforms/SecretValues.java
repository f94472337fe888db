package io.mailferry.taskforms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The check that no form field carries a stored password. A password pasted into the wrong field — the admin user,
 * the test mailbox, a reason for ending a wait early — would stay in the process history for as long as it is kept,
 * readable by everyone who may read the migration. The completion is refused before anything is saved, and the
 * message names the field, never the value.
 */
final class SecretValues {
    /** Nothing to compare with: an engine without a secret store (the plugin's own tests). */
    static final SecretValues NONE = new SecretValues(values -> Set.of());

    private final Function<Map<String, String>, Set<String>> keysHoldingASecret;

    /** @param keysHoldingASecret the keys whose value is a stored secret, see the secret store */
    SecretValues(Function<Map<String, String>, Set<String>> keysHoldingASecret) {
        this.keysHoldingASecret = keysHoldingASecret;
    }

    /**
     * @throws FormFieldValidationException (REST submit-form: 400, as for a field that fails its validation) naming
     *     the fields of {@code where} that hold a stored password
     */
    void refuseSecrets(String where, Map<String, ?> variables) {
        if (variables == null || variables.isEmpty()) {
            return;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        variables.forEach((name, value) -> {
            Object plain = value instanceof TypedValue typed ? typed.getValue() : value;
            if (plain instanceof String text) {
                texts.put(name, text);
            }
        });
        if (texts.isEmpty()) {
            return;
        }
        Set<String> holding = keysHoldingASecret.apply(texts);
        if (!holding.isEmpty()) {
            throw new FormFieldValidationException(
                    String.join(",", holding),
                    "The field" + (holding.size() == 1 ? " " : "s ")
                            + String.join(", ", holding) + " of " + where
                            + " holds a stored password. Passwords are given"
                            + " on /credentials.html only, never in a form field, where they would stay in the history;"
                            + " nothing was saved. If the password was typed here by mistake, change it on its server.");
        }
    }
}
