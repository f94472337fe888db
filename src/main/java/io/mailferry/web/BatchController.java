package io.mailferry.web;

import io.mailferry.batch.BatchNotFoundException;
import io.mailferry.batch.BatchProgress;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailbox.MigrationReportService;
import io.mailferry.mailbox.MigrationReportService.MailboxReport;
import io.mailferry.mailbox.PassStatistics;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Migration batches over REST: progress by Exchange's per-user statuses and the full per-mailbox, per-folder report
 * (the review form carries only what fits in a process variable).
 */
@RestController
@RequestMapping("/api/batches")
@OperatorsAllowed
public class BatchController {
    private final MigrationBatchService batches;
    private final MigrationReportService reports;

    public BatchController(MigrationBatchService batches, MigrationReportService reports) {
        this.batches = batches;
        this.reports = reports;
    }

    @GetMapping("/{batchId}")
    public Map<String, Object> batch(@PathVariable long batchId) {
        BatchProgress progress = batches.progress(batchId);
        return Map.of("batch", batches.batch(batchId), "progress", progress);
    }

    /** Statistics per mailbox and pass (items synced, skipped, bytes, duration, rate, last synced, errors). */
    @GetMapping("/{batchId}/statistics")
    public Map<String, List<PassStatistics>> statistics(@PathVariable long batchId) {
        batches.batch(batchId);
        return reports.statistics(batchId);
    }

    /**
     * Per mailbox and folder, source against target: as the review of the initial sync counted them (each mailbox
     * says when), or with {@code live=true} counted now — a login and a STATUS per folder on both servers for every
     * mailbox, about half a second each against fast servers.
     */
    @GetMapping("/{batchId}/report")
    public List<MailboxReport> report(@PathVariable long batchId, @RequestParam(defaultValue = "false") boolean live) {
        batches.batch(batchId); // 404 for an unknown batch, rather than an empty report
        return live ? reports.liveReport(batchId) : reports.report(batchId);
    }

    @ExceptionHandler(BatchNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(BatchNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
    }
}
