package io.mailferry.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the pages ask first: who is signed in (through Tasklist's login, the same session) and the session's
 * {@link CsrfGuard} token to send with every request that changes something. A 401 tells the page to send the operator
 * to Tasklist's login; a 403 that the user is in neither Mailferry group.
 */
@RestController
@OperatorsAllowed
class SessionController {
    @GetMapping("/api/session")
    Map<String, Object> session(HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user", caller.user());
        answer.put("groups", caller.groups());
        if (caller.viaSession()) {
            answer.put("csrfHeader", CsrfGuard.TOKEN_HEADER);
            answer.put("csrfToken", CsrfGuard.token(request.getSession()));
        }
        return answer;
    }
}
