package io.mailferry.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a process variable that is written for the migration's history in Cockpit — an operator's answer to a
 * checklist, a count of what a step did — and that no model, form or delegate reads. The variable-contract test
 * accepts such a variable without a reader; every other variable must have one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Recorded {}
