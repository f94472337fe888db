package io.mailferry.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as the controllers see it: with the caller as remote user (for audit logs) and principal. */
final class SignedInRequest extends HttpServletRequestWrapper {
    private final Caller caller;

    SignedInRequest(HttpServletRequest request, Caller caller) {
        super(request);
        this.caller = caller;
    }

    @Override
    public String getRemoteUser() {
        return caller.user();
    }

    @Override
    public Principal getUserPrincipal() {
        return caller::user;
    }

    @Override
    public String getAuthType() {
        return caller.viaSession() ? HttpServletRequest.FORM_AUTH : HttpServletRequest.BASIC_AUTH;
    }
}
