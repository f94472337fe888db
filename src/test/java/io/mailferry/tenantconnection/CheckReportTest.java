package io.mailferry.tenantconnection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.tenant.ConnectionCheck;
import io.mailferry.text.Fit;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {
    @Test
    void eachCheckIsOneItemSayingWhetherItPassedWithItsTextMadeInert() {
        String report = CheckReport.markdown(List.of(
                ConnectionCheck.passed("Microsoft Graph token", "issued"),
                ConnectionCheck.failed(
                        "Users (User.ReadWrite.All)", "Graph said <img src=x onerror=alert(1)> [click](http://evil)")));

        assertThat(report.lines()).hasSize(2).first().asString().startsWith("- passed · **Microsoft Graph token**");
        assertThat(report)
                .contains("- **FAILED** · **Users &#40;User&#46;ReadWrite&#46;All&#41;**: ")
                .doesNotContain("<img")
                .doesNotContain("](");
    }

    @Test
    void longAnswersAreCutSoThatEveryCheckFitsInOneVariable() {
        List<ConnectionCheck> checks = Collections.nCopies(8, ConnectionCheck.failed("A check", "(*) ".repeat(5_000)));

        String report = CheckReport.markdown(checks);

        assertThat(report.length()).isLessThanOrEqualTo(Fit.VARIABLE);
        assertThat(report.lines())
                .hasSize(8)
                .allSatisfy(line -> assertThat(line).endsWith("…"));
    }

    @Test
    void onlyEveryCheckPassingIsConnected() {
        assertThat(CheckReport.allPassed(List.of(ConnectionCheck.passed("a", ""))))
                .isTrue();
        assertThat(CheckReport.allPassed(List.of(ConnectionCheck.passed("a", ""), ConnectionCheck.failed("b", ""))))
                .isFalse();
        assertThat(CheckReport.allPassed(List.of()))
                .as("nothing tested, nothing passed")
                .isFalse();
    }
}
