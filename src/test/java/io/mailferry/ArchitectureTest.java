package io.mailferry;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The package rules of the production code (tests are not imported): which layer may know which. A rule that fails
 * names every offending dependency with its class, member and line.
 */
@AnalyzeClasses(packages = "io.mailferry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The services: what the CLI, the web API and the process steps all call. */
    private static final String[] SERVICE_PACKAGES = {
        "io.mailferry.mailbox..",
        "io.mailferry.dns..",
        "io.mailferry.batch..",
        "io.mailferry.directory..",
        "io.mailferry.tenant..",
        "io.mailferry.m365..",
        "io.mailferry.notify..",
        "io.mailferry.secrets..",
        "io.mailferry.mailboxlist..",
        "io.mailferry.text..",
        "io.mailferry.authority.."
    };

    /** The process steps: delegates and listeners that run inside the Camunda engine, one package per runbook part. */
    private static final String[] STEP_PACKAGES = {
        "io.mailferry.cutover..",
        "io.mailferry.staged..",
        "io.mailferry.mailboxmigration..",
        "io.mailferry.domainverification..",
        "io.mailferry.sourceendpoint..",
        "io.mailferry.tenantconnection..",
        "io.mailferry.mailrouting..",
        "io.mailferry.licences..",
        "io.mailferry.initialsync.."
    };

    private static final DescribedPredicate<JavaClass> ENGINE_CALLBACKS = describe(
            "implement JavaDelegate, ExecutionListener or TaskListener",
            type -> type.isAssignableTo(JavaDelegate.class)
                    || type.isAssignableTo(ExecutionListener.class)
                    || type.isAssignableTo(TaskListener.class));

    @ArchTest
    static final ArchRule services_do_not_depend_on_camunda = noClasses()
            .that()
            .resideInAnyPackage(SERVICE_PACKAGES)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.camunda..")
            .because("the services are plain Java and Spring: the CLI and the tests use them without a process engine,"
                    + " and only the process steps translate between them and Camunda");

    @ArchTest
    static final ArchRule cli_and_web_do_not_depend_on_engine_callbacks = noClasses()
            .that()
            .resideInAnyPackage("io.mailferry.cli..", "io.mailferry.web..")
            .should()
            .dependOnClassesThat(ENGINE_CALLBACKS)
            .because("delegates and listeners run inside a process instance, with its variables and transaction;"
                    + " the CLI and the web API call the services instead, so a step can change without them");

    @ArchTest
    static final ArchRule cli_and_web_do_not_depend_on_step_packages = noClasses()
            .that()
            .resideInAnyPackage("io.mailferry.cli..", "io.mailferry.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(STEP_PACKAGES)
            .because("the step packages are the runbooks' glue to the engine; the CLI and the web API share"
                    + " the services with them, not the steps themselves");

    @ArchTest
    static final ArchRule top_level_packages_are_free_of_cycles = slices().matching("io.mailferry.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a cycle between two packages means neither can be understood, tested or changed on its own,"
                    + " and the services could no longer be used without the steps (or the steps without the web)");
}
