package io.mailferry.web;

import io.mailferry.access.MailferryGroups;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators store passwords here and get a {@code secret:…} reference for the task forms, so that passwords never
 * become process variables. Nothing this controller answers or logs contains a secret. Operators may store (the
 * endpoint task needs a reference); everything else, such as asking what a reference is, is for administrators only:
 * a reference works like a bearer token for the runbooks, and its label says what it opens.
 */
@RestController
@RequestMapping("/api/credentials")
public class CredentialController {
    private static final Logger log = LoggerFactory.getLogger(CredentialController.class);
    /** The column is 200 characters wide. */
    private static final int MAX_LABEL = 200;
    /** Ciphertext is stored in 8192 bytes; this leaves room for 2-byte UTF-8 characters and the tag. */
    private static final int MAX_SECRET = 4000;

    private final SecretStore secrets;

    public CredentialController(SecretStore secrets) {
        this.secrets = secrets;
    }

    @OperatorsAllowed
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CredentialReference> storeJson(
            @RequestBody CredentialRequest request, HttpServletRequest http) {
        refuseSecretInUrl(http);
        return store(request.label(), request.purpose(), request.secret(), http.getRemoteUser());
    }

    @OperatorsAllowed
    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<CredentialReference> storeForm(
            @RequestParam String label,
            @RequestParam(required = false) String purpose, // checked after the URL, which must never hold a secret
            @RequestParam String secret,
            HttpServletRequest http) {
        refuseSecretInUrl(http);
        return store(label, purpose, secret.toCharArray(), http.getRemoteUser());
    }

    /** A form post also binds query parameters, and URLs end up in access and proxy logs. */
    private static void refuseSecretInUrl(HttpServletRequest http) {
        String query = http.getQueryString();
        if (query != null && query.toLowerCase(java.util.Locale.ROOT).contains("secret")) {
            throw new IllegalArgumentException(
                    "Send the secret in the request body, never in the URL (URLs are logged)");
        }
    }

    /** Every stored credential without its secret, for administrators: what exists, for what, and who stored it. */
    @GetMapping
    public List<SecretStore.SecretListing> list() {
        return secrets.list();
    }

    @GetMapping("/{reference}")
    public ResponseEntity<CredentialInfo> describe(@PathVariable String reference) {
        if (!secrets.exists(reference)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new CredentialInfo(reference, null, false));
        }
        return ResponseEntity.ok(new CredentialInfo(reference, secrets.label(reference), true));
    }

    /**
     * Deletes a stored credential: every endpoint or setting that names it then fails with a message saying it was
     * deleted. 204, or 404 when there is none; a password from configuration is refused (400).
     */
    @OperatorsAllowed
    @DeleteMapping("/{reference}")
    public ResponseEntity<Map<String, String>> delete(@PathVariable String reference, HttpServletRequest http) {
        Caller caller = (Caller) http.getAttribute(Caller.ATTRIBUTE);
        Optional<String> storedBy = secrets.storedBy(reference);
        if (storedBy.isPresent()
                && !caller.isAdmin()
                && !storedBy.get().equals(caller.user())
                && !storedBy.get().equals(SecretStore.CONFIGURATION)) { // refused below, saying why
            // an operator may take back what they stored, not break the endpoints of others
            return ResponseEntity.status(HttpStatus.FORBIDDEN)
                    .body(Map.of(
                            "error",
                            "Credential " + SecretStore.fingerprint(reference) + " was stored by someone else: only"
                                    + " they or a member of " + MailferryGroups.ADMINS + " may delete it"));
        }
        if (storedBy.isEmpty() || !secrets.delete(reference)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "No stored credential " + SecretStore.fingerprint(reference)));
        }
        String user = caller.user();
        log.info("Credential {} deleted by {}", SecretStore.fingerprint(reference), user);
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<CredentialReference> store(String label, String purpose, char[] secret, String user) {
        try {
            String validLabel = validLabel(label);
            if (secret == null || secret.length == 0) {
                throw new IllegalArgumentException("The secret is empty");
            }
            if (secret.length > MAX_SECRET) {
                throw new IllegalArgumentException("The secret is longer than " + MAX_SECRET + " characters");
            }
            Purpose boundTo = Purpose.parse(purpose);
            String reference = secrets.store(boundTo, validLabel, secret, user);
            log.info(
                    "Credential '{}' for {} stored as {} by {}",
                    validLabel,
                    boundTo,
                    SecretStore.fingerprint(reference),
                    user);
            return ResponseEntity.created(URI.create("/api/credentials/" + reference))
                    .body(new CredentialReference(reference, validLabel));
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private static String validLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("A label is required, e.g. 'Exchange admin contoso.com'");
        }
        String trimmed = label.trim();
        if (trimmed.length() > MAX_LABEL || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The label must be one line of at most " + MAX_LABEL + " characters");
        }
        return trimmed;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    /** Parser messages may quote the request body, which holds the secret, so they are not passed on. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest()
                .body(Map.of(
                        "error",
                        "Expected JSON {\"label\": \"…\", \"purpose\": \"imap:host[:port]\", \"secret\": \"…\"} or a"
                                + " form with label, purpose and secret"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "Missing form field " + e.getParameterName()));
    }
}
