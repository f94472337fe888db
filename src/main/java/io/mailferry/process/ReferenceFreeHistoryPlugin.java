package io.mailferry.process;

import io.mailferry.sourceendpoint.SourceEndpointVariables;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps secret references out of the history. A reference given on a form ({@code sourceCredentialRef}) is a
 * process variable while its migration runs, but the history outlives the migration by its time to live and is read
 * by everyone who may read a migration; there the reference is of no use to anyone and would only tell a reader
 * which secret to go after. Every history event about such a variable — its historic instance, its updates, the
 * form field that set it — is dropped before it reaches the history handler; the runtime variable is untouched.
 */
@Component
public class ReferenceFreeHistoryPlugin extends AbstractProcessEnginePlugin {
    /** The variables that hold a secret's reference. */
    static final Set<String> REFERENCE_VARIABLES = Set.of(SourceEndpointVariables.SOURCE_CREDENTIAL_REF);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new WithoutReferences(configuration.getHistoryEventHandler()));
    }

    /** The engine's handler, minus the events that carry a reference. */
    private record WithoutReferences(HistoryEventHandler handler) implements HistoryEventHandler {
        @Override
        public void handleEvent(HistoryEvent event) {
            if (!carriesReference(event)) {
                handler.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            handler.handleEvents(
                    events.stream().filter(event -> !carriesReference(event)).toList());
        }

        private static boolean carriesReference(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity variable) {
                return REFERENCE_VARIABLES.contains(variable.getVariableName());
            }
            return event instanceof HistoricFormPropertyEventEntity field
                    && REFERENCE_VARIABLES.contains(field.getPropertyId());
        }
    }
}
