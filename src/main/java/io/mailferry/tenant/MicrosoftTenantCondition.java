package io.mailferry.tenant;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Which tenant serves: a real Microsoft 365 tenant (Graph) when {@value #TENANT_ID_PROPERTY} is set, the in-memory
 * one otherwise. One rule for both sides, so exactly one {@link Tenant} exists whatever the value looks like (a blank
 * value, as an empty environment variable gives, counts as not set).
 */
public final class MicrosoftTenantCondition {
    public static final String TENANT_ID_PROPERTY = "mailferry.m365.tenant-id";

    private MicrosoftTenantCondition() {}

    static boolean configured(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(TENANT_ID_PROPERTY));
    }

    /** Matches when {@value #TENANT_ID_PROPERTY} names a tenant. */
    public static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context);
        }
    }

    /** Matches when {@value #TENANT_ID_PROPERTY} is missing or blank. */
    public static final class NotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !configured(context);
        }
    }
}
