package io.mailferry.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExchangePowerShellTest {
    @Test
    void theCommandCreatesAMailEnabledSecurityGroupWithAnAddressInTheDomain() {
        assertThat(ExchangePowerShell.newSecurityGroup(" Finance Team ", "Contoso.com"))
                .isEqualTo("New-DistributionGroup -Type Security -Name 'Finance Team'"
                        + " -PrimarySmtpAddress 'financeteam@contoso.com'");
    }

    @Test
    void aNameIsQuotedSoThatItStaysAValueInPowerShell() {
        assertThat(ExchangePowerShell.newSecurityGroup("O'Brien's $HOME team", "contoso.com"))
                .as("single quotes doubled; $HOME inside single quotes is text, not a variable")
                .startsWith("New-DistributionGroup -Type Security -Name 'O''Brien''s $HOME team'")
                .endsWith("-PrimarySmtpAddress 'obrienshometeam@contoso.com'");
        assertThat(ExchangePowerShell.newSecurityGroup("Team \u2019A\u2019", "contoso.com"))
                .as("PowerShell ends a string at a typographic quote too")
                .contains("-Name 'Team \u2019\u2019A\u2019\u2019'");
    }

    @Test
    void aNameExchangeOrTheFormCouldNotTakeIsRefusedNamingIt() {
        assertThatThrownBy(() -> ExchangePowerShell.newSecurityGroup("Sales; Marketing", "contoso.com"))
                .hasMessageContaining("'Sales; Marketing'");
        assertThatThrownBy(() -> ExchangePowerShell.newSecurityGroup("Ops`n", "contoso.com"))
                .hasMessageContaining("escape character");
        assertThatThrownBy(() -> ExchangePowerShell.newSecurityGroup("日本 チーム", "contoso.com"))
                .hasMessageContaining("'日本 チーム' gives no e-mail address");
        assertThat(ExchangePowerShell.alias("..a..b.."))
                .as("no leading, trailing or doubled dot")
                .isEqualTo("a.b");
    }
}
