package io.mailferry.m365;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * A small Microsoft Graph v1.0 client: the app's token on every call (a fresh one once if Graph refuses it),
 * throttling (429) and unavailability (503, 504) retried a bounded number of times after the {@code Retry-After}
 * Graph asks for, collections followed through {@code @odata.nextLink} verbatim, and Graph's error envelope turned
 * into a {@link GraphException} that says what to fix. Every call has a connect and a read timeout.
 * <p>
 * Path templates expand their variables strictly encoded (a {@code +} or {@code '} in an address cannot change the
 * query), so callers never put values into a path by hand.
 */
class GraphClient {
    private static final Logger LOG = LoggerFactory.getLogger(GraphClient.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    /** 999 users a page: a million users; a nextLink loop beyond that is Graph's fault, not data. */
    private static final int MAX_PAGES = 1000;

    private final RestClient rest;
    private final DefaultUriBuilderFactory uris;
    private final AccessTokens tokens;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final Sleeper sleeper;
    private final String clientId;

    GraphClient(M365Properties properties, AccessTokens tokens, SSLContext sslContext, Sleeper sleeper) {
        this.rest = restClient(properties, sslContext);
        this.uris = new DefaultUriBuilderFactory(properties.graphUrl().toString());
        this.tokens = tokens;
        this.maxRetries = properties.maxRetries();
        this.maxRetryWait = properties.maxRetryWait();
        this.sleeper = sleeper;
        this.clientId = properties.clientId();
    }

    private static RestClient restClient(M365Properties properties, SSLContext sslContext) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            http.sslContext(sslContext);
        }
        if ("http".equalsIgnoreCase(properties.graphUrl().getScheme())) {
            // a test rig on 127.0.0.1: the JDK client would try an h2c upgrade, which Jetty (WireMock) resets
            http.version(HttpClient.Version.HTTP_1_1);
        }
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http.build());
        factory.setReadTimeout(properties.readTimeout());
        return RestClient.builder().requestFactory(factory).build();
    }

    JsonNode get(GraphCall call, String path, Object... variables) {
        return send(call, HttpMethod.GET, uris.expand(path, variables), null, Map.of());
    }

    /** Every item of a collection, page after page; {@code headers} (e.g. ConsistencyLevel) go with every page. */
    List<JsonNode> list(GraphCall call, Map<String, String> headers, String path, Object... variables) {
        List<JsonNode> items = new ArrayList<>();
        URI next = uris.expand(path, variables);
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new IllegalStateException(
                        "Microsoft Graph kept sending pages for " + path + " after " + MAX_PAGES + "; giving up");
            }
            JsonNode answer = send(call, HttpMethod.GET, next, null, headers);
            answer.path("value").forEach(items::add);
            JsonNode link = answer.get("@odata.nextLink");
            next = link == null || link.isNull() ? null : URI.create(link.asText());
        }
        return items;
    }

    JsonNode post(GraphCall call, Object body, String path, Object... variables) {
        return send(call, HttpMethod.POST, uris.expand(path, variables), body, Map.of());
    }

    JsonNode patch(GraphCall call, Object body, String path, Object... variables) {
        return send(call, HttpMethod.PATCH, uris.expand(path, variables), body, Map.of());
    }

    private record Answer(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private JsonNode send(GraphCall call, HttpMethod method, URI uri, Object body, Map<String, String> headers) {
        boolean freshToken = false;
        boolean refreshed = false;
        for (int attempt = 0; ; attempt++) {
            String token = freshToken ? tokens.freshGraphToken() : tokens.graphToken();
            freshToken = false;
            Answer answer = exchange(call, method, uri, body, headers, token);
            if (answer.ok()) {
                return parse(call, method, uri, answer);
            }
            if (answer.status() == 401 && !refreshed) {
                freshToken = refreshed = true;
                continue;
            }
            if (!retryable(answer.status())) {
                throw error(call, method, uri, answer, "");
            }
            if (attempt >= maxRetries) {
                throw error(
                        call,
                        method,
                        uri,
                        answer,
                        " Gave up after " + (attempt + 1) + " tries; the step is" + " tried again later.");
            }
            Duration wait = retryAfter(answer.headers()).orElse(backoff(attempt));
            if (wait.compareTo(maxRetryWait) > 0) {
                throw error(
                        call,
                        method,
                        uri,
                        answer,
                        " Graph asks to wait " + wait.toSeconds() + " s, longer than"
                                + " mailferry.m365.max-retry-wait; the step is tried again later.");
            }
            LOG.info(
                    "Microsoft Graph answered {} to {} {}; trying again in {} s ({} of {} retries)",
                    answer.status(),
                    method,
                    uri.getPath(),
                    wait.toSeconds(),
                    attempt + 1,
                    maxRetries);
            pause(wait);
        }
    }

    private Answer exchange(
            GraphCall call, HttpMethod method, URI uri, Object body, Map<String, String> headers, String token) {
        try {
            RestClient.RequestBodySpec request = rest.method(method)
                    .uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .accept(MediaType.APPLICATION_JSON);
            headers.forEach(request::header);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
            }
            return request.exchange(
                    (req, response) -> new Answer(
                            response.getStatusCode().value(),
                            response.getHeaders(),
                            response.getBody().readAllBytes()),
                    true);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request to " + call.purpose() + " as JSON", e);
        } catch (ResourceAccessException e) {
            Throwable cause = e.getMostSpecificCause();
            String why = cause instanceof HttpTimeoutException
                    ? "no answer in time (mailferry.m365.connect-timeout / read-timeout)"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new GraphException(
                    "Could not reach Microsoft Graph to " + call.purpose() + " (" + method + " " + uri.getPath() + "): "
                            + why,
                    0,
                    null,
                    null,
                    e);
        }
    }

    private JsonNode parse(GraphCall call, HttpMethod method, URI uri, Answer answer) {
        if (answer.body().length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new GraphException(
                    "Microsoft Graph answered " + method + " " + uri.getPath() + " (to " + call.purpose()
                            + ") with something other than JSON",
                    answer.status(),
                    null,
                    null,
                    e);
        }
    }

    private GraphException error(GraphCall call, HttpMethod method, URI uri, Answer answer, String extra) {
        JsonNode error = readQuietly(answer.body()).path("error");
        String code = text(error, "code");
        String graphMessage = text(error, "message");
        JsonNode inner = error.has("innerError") ? error.path("innerError") : error.path("innererror");
        String requestId = text(inner, "request-id");
        StringBuilder message = new StringBuilder("Microsoft Graph refused to ")
                .append(call.purpose())
                .append(" (")
                .append(method)
                .append(' ')
                .append(uri.getPath())
                .append("): ")
                .append(answer.status());
        if (code != null) {
            message.append(' ').append(code);
        }
        if (graphMessage != null) {
            message.append(": ").append(graphMessage);
        }
        message.append('.').append(hint(call, answer.status())).append(extra);
        if (requestId != null) {
            message.append(" (request-id ").append(requestId).append(')');
        }
        return new GraphException(message.toString(), answer.status(), code, graphMessage, null);
    }

    private String hint(GraphCall call, int status) {
        return switch (status) {
            case 403 ->
                " Mailferry's app (client ID " + clientId + ") needs the Microsoft Graph application"
                        + " permission " + call.permission()
                        + ": in the Entra admin center open App registrations → the"
                        + " app → API permissions → Add a permission → Microsoft Graph → Application permissions, add "
                        + call.permission() + ", then Grant admin consent (docs/microsoft365.md).";
            case 401 ->
                " Graph refused the app's token, a fresh one too: check that mailferry.m365.tenant-id is the"
                        + " tenant the app is registered in and that its permissions have admin consent.";
            default -> "";
        };
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 503 || status == 504;
    }

    /** Graph sends seconds; HTTP also allows a date, which a proxy in between may use. */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(
                        ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private Duration backoff(int attempt) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 10));
        return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to call Microsoft Graph again", e);
        }
    }

    private JsonNode readQuietly(byte[] body) {
        try {
            return body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
