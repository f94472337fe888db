package io.mailferry.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@code /api} controller or method: members of {@code migration-operators} may call it, besides the
 * administrators. Without it, only {@code camunda-admin} may ({@link GroupCheck}), so a new endpoint is closed until
 * someone decides it is operators' work.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface OperatorsAllowed {}
