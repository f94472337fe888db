package io.mailferry.web;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * 413 with a reason for uploads over {@code spring.servlet.multipart.max-file-size}. Advice rather than a
 * controller's handler: the upload is refused while the request is read, before any controller is chosen. An upload
 * far beyond the limit (past {@code max-request-size}, or more than the 2 MB Tomcat reads and discards after a refusal)
 * is cut off by Tomcat without an answer, so the upload page checks the size before sending.
 */
@RestControllerAdvice
public class UploadLimitAdvice {
    private final DataSize maxFileSize;

    public UploadLimitAdvice(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .body(
                        Map.of(
                                "message",
                                "The file is larger than "
                                        + maxFileSize.toMegabytes()
                                        + " MB, the upload limit (spring.servlet.multipart.max-file-size). A list "
                                        + "of 2,000 mailboxes is about 100 KB: is it the right file? Otherwise divide it into several files."));
    }
}
