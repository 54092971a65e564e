package dev.meridian.api;

import dev.meridian.alerts.InvalidAlertRuleException;
import dev.meridian.query.QueryBudgetExceededException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of the {@code /api/v1} controllers as {@code {"error": "..."}} with a 4xx status: 400 for a bad
 * parameter, 404 for an unknown resource or path, 422 for a query over its time budget
 * ({@code meridian.query.timeout}: narrow the window or add filters; not a 5xx, which clients would retry).
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    @ExceptionHandler({BadRequestException.class, IllegalArgumentException.class})
    ResponseEntity<Map<String, String>> badRequest(RuntimeException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(InvalidAlertRuleException.class)
    ResponseEntity<Map<String, Object>> invalidRule(InvalidAlertRuleException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "the alert rule is invalid: " + e.getMessage(),
                "problems", e.problems()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, String>> missing(MissingServletRequestParameterException e) {
        return error(HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> mismatch(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has a malformed value '" + e.getValue() + "'");
    }

    @ExceptionHandler(QueryBudgetExceededException.class)
    ResponseEntity<Map<String, String>> overBudget(QueryBudgetExceededException e) {
        return error(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}
