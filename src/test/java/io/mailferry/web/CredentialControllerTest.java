package io.mailferry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.SecretStoreProperties;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class CredentialControllerTest {
    private static final String SECRET = "Tr0ub4dor&3-ÄÖÜ";

    private SecretStore secrets;
    private JdbcTemplate jdbc;
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:credentials-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(
                        new ClassPathResource("db/migration/V1__secrets.sql"),
                        new ClassPathResource("db/migration/V11__secret_key_id.sql"))
                .execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        secrets = new SecretStore(jdbc, new SecretStoreProperties(null));
        mvc = MockMvcBuilders.standaloneSetup(new CredentialController(secrets)).build();
    }

    @Test
    void storesJsonAndAnswersWithTheReferenceOnly() throws Exception {
        String body = new ObjectMapper()
                .writeValueAsString(java.util.Map.of("label", "Exchange admin contoso.com", "secret", SECRET));

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
        assertThat(new String(secrets.reveal(reference))).isEqualTo(SECRET);
    }

    @Test
    void storesFormEncoded() throws Exception {
        MvcResult result = mvc.perform(post("/api/credentials")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("label", "LDAP bind")
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
        String reference = secrets.store("Mailbox user01", SECRET.toCharArray());

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
}
