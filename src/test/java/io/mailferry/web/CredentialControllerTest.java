package io.mailferry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailferry.access.MailferryGroups;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.SecretStoreProperties;
import io.mailferry.secrets.UnknownSecretException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class CredentialControllerTest {
    private static final String SECRET = "Tr0ub4dor&3-ÄÖÜ";

    private SecretStore secrets;
    private JdbcTemplate jdbc;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.migratedH2());
        secrets = new SecretStore(jdbc, new SecretStoreProperties(null));
        mvc = MockMvcBuilders.standaloneSetup(new CredentialController(secrets))
                .defaultRequest(get("/").with(signedIn("olga")))
                .build();
    }

    /** As ApiAuthenticationFilter leaves a signed-in request: an operator's. */
    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(String user) {
        return request -> {
            request.setRemoteUser(user);
            request.setAttribute(
                    Caller.ATTRIBUTE, new Caller(user, java.util.List.of(MailferryGroups.OPERATORS), false));
            return request;
        };
    }

    @Test
    void storesJsonAndAnswersWithTheReferenceOnly() throws Exception {
        String body = new ObjectMapper()
                .writeValueAsString(java.util.Map.of(
                        "label",
                        "Exchange admin contoso.com",
                        "purpose",
                        "imap:mail.contoso.com:993",
                        "secret",
                        SECRET));

        MvcResult result = mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.label").value("Exchange admin contoso.com"))
                .andExpect(jsonPath("$.reference").value(org.hamcrest.Matchers.startsWith("secret:")))
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/credentials/secret:")))
                .andReturn();

        String response = result.getResponse().getContentAsString();
        assertThat(response).doesNotContain(SECRET).doesNotContain("Tr0ub4dor");
        String reference =
                new ObjectMapper().readTree(response).get("reference").asText();
        assertThat(new String(secrets.reveal(reference, Purpose.imapLogin("MAIL.contoso.com", 993))))
                .isEqualTo(SECRET);
        assertThat(jdbc.queryForMap("SELECT purpose, stored_by FROM mf_secret WHERE id = ?", reference))
                .as("what it is for and who stored it")
                .containsEntry("PURPOSE", "imap:mail.contoso.com:993")
                .containsEntry("STORED_BY", "olga");
    }

    @Test
    void storesFormEncoded() throws Exception {
        MvcResult result = mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("label", "LDAP bind")
                        .param("purpose", "directory:dc1.contoso.com")
                        .param("secret", SECRET))
                .andExpect(status().isCreated())
                .andReturn();

        String response = result.getResponse().getContentAsString();
        assertThat(response).doesNotContain(SECRET);
        String reference =
                new ObjectMapper().readTree(response).get("reference").asText();
        assertThat(secrets.label(reference)).isEqualTo("LDAP bind");
    }

    @Test
    void refusesASecretInTheUrlAndStoresNothing() throws Exception {
        mvc.perform(post("/api/credentials?label=x&secret=" + SECRET)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("never in the URL")));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret", Integer.class))
                .isZero();
    }

    @Test
    void describesAStoredCredentialWithoutTheSecret() throws Exception {
        String reference = secrets.store(
                Purpose.imapLogin("mail.contoso.com", 993), "Mailbox user01", SECRET.toCharArray(), "olga");

        MvcResult result = mvc.perform(get("/api/credentials/" + reference))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.exists").value(true))
                .andExpect(jsonPath("$.label").value("Mailbox user01"))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).doesNotContain(SECRET);

        mvc.perform(get("/api/credentials/secret:" + UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.exists").value(false));
    }

    @Test
    void rejectsInvalidInputWithoutEchoingTheSecret() throws Exception {
        MvcResult noLabel = mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"label\": \" \", \"secret\": \"" + SECRET + "\"}"))
                .andExpect(status().isBadRequest())
                .andReturn();
        assertThat(noLabel.getResponse().getContentAsString()).contains("label").doesNotContain(SECRET);

        mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"label\": \"x\", \"secret\": \"\"}"))
                .andExpect(status().isBadRequest());

        MvcResult broken = mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"label\": \"x\", \"secret\": \"" + SECRET + "\""))
                .andExpect(status().isBadRequest())
                .andReturn();
        assertThat(broken.getResponse().getContentAsString()).doesNotContain(SECRET);

        mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("label", "x"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void refusesASecretWithoutAPurposeAndStoresNothing() throws Exception {
        MvcResult refused = mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"label\": \"Exchange admin\", \"secret\": \"" + SECRET + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("imap:host[:port]")))
                .andReturn();

        assertThat(refused.getResponse().getContentAsString()).doesNotContain(SECRET);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret", Integer.class))
                .isZero();
    }

    @Test
    void deletesAStoredCredentialSoThatItsUseFailsClearly() throws Exception {
        Purpose exchange = Purpose.imapLogin("mail.contoso.com", 993);
        String reference = secrets.store(exchange, "Exchange admin", SECRET.toCharArray(), "olga");

        mvc.perform(delete("/api/credentials/" + reference)).andExpect(status().isNoContent());

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret", Integer.class))
                .isZero();
        assertThatThrownBy(() -> secrets.reveal(reference, exchange))
                .isInstanceOf(UnknownSecretException.class)
                .hasMessageContaining("(it was deleted, or never stored)")
                .hasMessageNotContaining(reference);
        mvc.perform(delete("/api/credentials/" + reference))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error")
                        .value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(reference))));
    }

    @Test
    void keepsAPasswordFromConfigurationWhichTheNextStartWouldStoreAgain() throws Exception {
        String configured = secrets.storeConfigured(
                Purpose.imapLogin("outlook.office365.com", 993), "Microsoft 365 migration account", "x".toCharArray());

        mvc.perform(delete("/api/credentials/" + configured))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("configuration")));
        assertThat(secrets.exists(configured)).isTrue();
    }

    @Test
    void logsNoReferenceWhenStoringOrDeleting(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        MvcResult stored = mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("label", "Exchange admin")
                        .param("purpose", "imap:mail.contoso.com")
                        .param("secret", SECRET))
                .andExpect(status().isCreated())
                .andReturn();
        String reference = new ObjectMapper()
                .readTree(stored.getResponse().getContentAsString())
                .get("reference")
                .asText();
        mvc.perform(delete("/api/credentials/" + reference)).andExpect(status().isNoContent());

        assertThat(output.getAll())
                .contains("stored as " + SecretStore.fingerprint(reference) + " by olga")
                .contains("Credential " + SecretStore.fingerprint(reference) + " deleted by olga")
                .doesNotContain(reference)
                .doesNotContain(SECRET);
    }
}
