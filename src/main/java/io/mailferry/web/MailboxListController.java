package io.mailferry.web;

import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.mailboxlist.MailboxListNotFoundException;
import io.mailferry.mailboxlist.MailboxListRejectedException;
import io.mailferry.mailboxlist.MailboxListService;
import io.mailferry.mailboxlist.MailboxListValidator;
import io.mailferry.mailboxlist.ValidationRules;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Mailbox lists (the staged migration's CSV files) are uploaded here, from {@code /mailbox-lists.html} or a script,
 * so that a list never travels through a process variable. A list with problems answers 422 with them by row and
 * column (the first hundred, and how many in all); nothing of it is stored. Answers never contain passwords.
 */
@RestController
@RequestMapping("/api/mailbox-lists")
@OperatorsAllowed
public class MailboxListController {
    private final MailboxListService lists;

    public MailboxListController(MailboxListService lists) {
        this.lists = lists;
    }

    /** {@code batchSize} (1 to 2,000, default 2,000): the most mailboxes per batch, what {@code split} divides into. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> upload(
            @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean split,
            @RequestParam(defaultValue = "" + MailboxListValidator.MAX_BATCH_SIZE) int batchSize,
            HttpServletRequest http)
            throws IOException {
        String badBatchSize = ValidationRules.batchSizeProblem(batchSize);
        if (badBatchSize != null) {
            return ResponseEntity.unprocessableEntity().body(Map.of("message", "batchSize: " + badBatchSize));
        }
        MailboxList list =
                lists.store(file.getOriginalFilename(), file.getBytes(), split, batchSize, http.getRemoteUser());
        return ResponseEntity.created(URI.create("/api/mailbox-lists/" + list.id()))
                .body(list);
    }

    @GetMapping("/{id}")
    public MailboxList list(@PathVariable long id) {
        return lists.find(id);
    }

    @ExceptionHandler(MailboxListRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(MailboxListRejectedException e) {
        return ResponseEntity.unprocessableEntity()
                .body(Map.of("errors", e.problems(), "problemCount", e.problemCount()));
    }

    @ExceptionHandler(MailboxListNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(MailboxListNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest()
                .body(Map.of(
                        "message",
                        e.getName() + ": '" + e.getValue() + "' is not a "
                                + (e.getRequiredType() == boolean.class ? "boolean (true or false)" : "whole number")));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Map<String, String>> noFile(MissingServletRequestPartException e) {
        return ResponseEntity.badRequest()
                .body(Map.of("message", "Send the list as multipart/form-data with the CSV file in the field 'file'"));
    }
}
