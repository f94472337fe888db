package io.mailferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The demo's operator (operator/operator, HTTP Basic, only in migration-operators) at the REST APIs of a running
 * Mailferry: what the end-to-end tests do instead of clicking through Tasklist — read a task's deployed form and
 * submit what the form holds by default. That the runs pass as this user proves the operators' least privilege is
 * enough for a whole migration. Requests that change something carry X-Requested-By, as every script must.
 * Another user may be given, e.g. a production node's administrator.
 */
final class DemoOperator {
    private final ObjectMapper json = new ObjectMapper();
    private final TestRestTemplate rest;

    DemoOperator(int port) {
        this(port, "operator", "operator");
    }

    /** Another user than the demo's, e.g. a production node's administrator. */
    DemoOperator(int port, String user, String password) {
        String credentials = user + ":" + password;
        rest = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://localhost:" + port)
                .defaultHeader(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .defaultHeader("X-Requested-By", "mailferry-e2e"));
    }

    TestRestTemplate rest() {
        return rest;
    }

    /** Starts {@code processKey} with {@code businessKey} and String variables; returns the instance id. */
    String start(String processKey, String businessKey, Map<String, String> variables) {
        ObjectNode body = json.createObjectNode().put("businessKey", businessKey);
        ObjectNode values = body.putObject("variables");
        variables.forEach(
                (name, value) -> values.putObject(name).put("value", value).put("type", "String"));
        ResponseEntity<JsonNode> start = rest.postForEntity(
                "/engine-rest/process-definition/key/" + processKey + "/start", body, JsonNode.class);
        assertThat(start.getStatusCode().is2xxSuccessful())
                .as(String.valueOf(start.getBody()))
                .isTrue();
        return start.getBody().get("id").asText();
    }

    boolean ended(String processInstanceId) {
        JsonNode instance =
                rest.getForObject("/engine-rest/history/process-instance/" + processInstanceId, JsonNode.class);
        return instance != null && "COMPLETED".equals(instance.path("state").asText());
    }

    /** "activity: message" of every open incident. */
    List<String> incidents() {
        List<String> messages = new ArrayList<>();
        rest.getForObject("/engine-rest/incident", JsonNode.class)
                .forEach(i -> messages.add(i.path("activityId").asText() + ": "
                        + i.path("incidentMessage").asText()));
        return messages;
    }

    /** The open tasks of the migration and of every process it started: they share its business key. */
    JsonNode tasks(String businessKey) {
        return rest.getForObject("/engine-rest/task?processInstanceBusinessKey=" + businessKey, JsonNode.class);
    }

    /** What an operator submits who ticks every checkbox and keeps every default of the deployed form. */
    ObjectNode formDefaults(String taskId) {
        JsonNode form = rest.getForObject("/engine-rest/task/" + taskId + "/deployed-form", JsonNode.class);
        ObjectNode variables = json.createObjectNode();
        collect(form.path("components"), variables);
        return variables;
    }

    /**
     * The required fields of the task's form that Tasklist would show empty — neither a checkbox (which the operator
     * ticks), nor with a default, nor pre-filled from a variable of the same name — so that an operator could not
     * submit the form without typing or choosing something there.
     */
    List<String> requiredFieldsLeftEmpty(String taskId) {
        JsonNode form = rest.getForObject("/engine-rest/task/" + taskId + "/deployed-form", JsonNode.class);
        JsonNode visible = rest.getForObject("/engine-rest/task/" + taskId + "/variables", JsonNode.class);
        List<String> empty = new ArrayList<>();
        collectEmpty(form.path("components"), visible, empty);
        return empty;
    }

    private static void collectEmpty(JsonNode components, JsonNode visible, List<String> empty) {
        for (JsonNode c : components) {
            collectEmpty(c.path("components"), visible, empty);
            String key = c.path("key").asText(null);
            boolean required = c.path("validate").path("required").asBoolean();
            if (key != null
                    && required
                    && !c.path("type").asText().equals("checkbox")
                    && !c.has("defaultValue")
                    && visible.path(key).path("value").isMissingNode()) {
                empty.add(key);
            }
        }
    }

    private void collect(JsonNode components, ObjectNode variables) {
        for (JsonNode c : components) {
            collect(c.path("components"), variables);
            if (!c.has("key")) {
                continue;
            }
            if (c.path("type").asText().equals("checkbox")) {
                variables.set(
                        c.get("key").asText(),
                        json.createObjectNode().put("value", true).put("type", "Boolean"));
            } else if (c.has("defaultValue")) {
                variables.set(c.get("key").asText(), json.createObjectNode().set("value", c.get("defaultValue")));
            }
        }
    }

    /** Submits the task's form with {@code variables}; the answer must be a success. */
    void submit(JsonNode task, ObjectNode variables) {
        ResponseEntity<String> answer = rest.postForEntity(
                "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                Map.of("variables", variables),
                String.class);
        assertThat(answer.getStatusCode().is2xxSuccessful())
                .as(task.get("taskDefinitionKey").asText() + ": " + answer.getBody())
                .isTrue();
    }

    /** Uploads a mailbox list as {@code /mailbox-lists.html} does (multipart field {@code file}); the answer. */
    ResponseEntity<JsonNode> uploadMailboxList(String fileName, byte[] csv, String query) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(csv) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.postForEntity("/api/mailbox-lists?" + query, new HttpEntity<>(parts, headers), JsonNode.class);
    }
}
