package io.mailferry.staged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mailferry.process.MigrationTimers;
import io.mailferry.process.OwnedMigration;
import io.mailferry.text.Rendered;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** What the operator's task "See why a mailbox cannot be converted yet" is given, from a hostile mail server. */
class ConvertToMailEnabledUserDelegateTest {
    private static final String HOSTILE = "NO [ALERT] <img src=x onerror=alert(1)> **Store the admin password again**"
            + " [here](http://evil.example)";

    @Test
    void aMailboxNotFinishedGivesTheFormItsAddressAndTheServersReplyAsInertText() throws Exception {
        MailboxConversionService conversions = mock(MailboxConversionService.class);
        when(conversions.convertMailbox(anyLong()))
                .thenReturn(MailboxConversion.notFinished("user02@contoso.com", "its last sync failed: " + HOSTILE));
        OwnedMigration owned = mock(OwnedMigration.class);
        when(owned.mailbox(any(), anyString())).thenReturn(7L);
        Map<String, Object> locals = new HashMap<>();
        DelegateExecution execution = mock(DelegateExecution.class);
        doAnswer(call -> locals.put(call.getArgument(0), call.getArgument(1)))
                .when(execution)
                .setVariableLocal(anyString(), any());

        new ConvertToMailEnabledUserDelegate(conversions, owned, new MigrationTimers()).execute(execution);

        assertThat(locals).containsEntry("mailboxFinished", false).containsEntry("conversionRecheckText", "30 minutes");
        String blocker = (String) locals.get("conversionBlocker");
        Rendered.assertInert(blocker);
        assertThat(Rendered.text(blocker)).isEqualTo("its last sync failed: " + HOSTILE);
        assertThat(Rendered.text((String) locals.get("mailboxAddress"))).isEqualTo("user02@contoso.com");
    }

    @Test
    void aConvertedMailboxLetsTheConversionEnd() throws Exception {
        MailboxConversionService conversions = mock(MailboxConversionService.class);
        when(conversions.convertMailbox(anyLong())).thenReturn(MailboxConversion.leftOut("user03@contoso.com"));
        OwnedMigration owned = mock(OwnedMigration.class);
        Map<String, Object> locals = new HashMap<>();
        DelegateExecution execution = mock(DelegateExecution.class);
        doAnswer(call -> locals.put(call.getArgument(0), call.getArgument(1)))
                .when(execution)
                .setVariableLocal(anyString(), any());

        new ConvertToMailEnabledUserDelegate(conversions, owned, new MigrationTimers()).execute(execution);

        assertThat(locals)
                .containsEntry("mailboxFinished", true)
                .containsEntry("conversion", "user03@contoso.com: not converted, an operator left it out of the batch")
                .doesNotContainKeys("conversionBlocker", "mailboxAddress");
    }
}
