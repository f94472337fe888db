package io.mailferry.mailrouting;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** An execution whose variables live in a map, so a delegate test reads what the delegate left, as the engine would. */
final class MapExecution {
    private MapExecution() {}

    static DelegateExecution of(Map<String, Object> variables) {
        Map<String, Object> values = new HashMap<>(variables);
        DelegateExecution execution = mock(DelegateExecution.class);
        when(execution.getVariable(anyString())).thenAnswer(call -> values.get(call.<String>getArgument(0)));
        doAnswer(call -> values.put(call.getArgument(0), call.getArgument(1)))
                .when(execution)
                .setVariable(anyString(), any());
        doAnswer(call -> values.remove(call.<String>getArgument(0)))
                .when(execution)
                .removeVariable(anyString());
        return execution;
    }
}
