package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class DemoPropertiesTest {

    private static DemoProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("mailferry.demo", DemoProperties.class);
    }

    @Test
    void defaultsDescribeTheDocumentedDemo() {
        DemoProperties demo = bind(Map.of());
        assertThat(demo.domain()).isEqualTo("contoso.com");
        assertThat(demo.addresses())
                .containsExactly(
                        "user01@contoso.com",
                        "user02@contoso.com",
                        "user03@contoso.com",
                        "user04@contoso.com",
                        "user05@contoso.com");
        assertThat(demo.onprem()).isEqualTo(new DemoProperties.MailServer(3143, 3025));
        assertThat(demo.cloud()).isEqualTo(new DemoProperties.MailServer(4143, 4025));
        assertThat(demo.directory().port()).isEqualTo(3389);
        assertThat(demo.baseDn()).isEqualTo("dc=contoso,dc=com");
        assertThat(DemoProperties.displayName("user07@contoso.com")).isEqualTo("User 07");
    }

    @Test
    void singlePortsCanBeMovedWithoutRestatingTheOthers() {
        DemoProperties demo = bind(Map.of("mailferry.demo.onprem.imap-port", "13143", "mailferry.demo.mailboxes", "2"));
        assertThat(demo.onprem()).isEqualTo(new DemoProperties.MailServer(13143, 3025));
        assertThat(demo.addresses()).hasSize(2);
    }
}
