package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FolderPlanTest {

    @Test
    void foldersThatDifferOnlyInCaseStaySeparateOnACaseInsensitiveTargetWithTheirSubFolders() {
        List<FolderPlan.Pair> planned = FolderPlan.distinctIgnoringCase(
                List.of(
                        new FolderPlan.Pair(null, "INBOX", "INBOX"),
                        new FolderPlan.Pair(null, "Projects", "Projects"),
                        new FolderPlan.Pair(null, "Projects/2024", "Projects/2024"),
                        new FolderPlan.Pair(null, "projects", "projects"),
                        new FolderPlan.Pair(null, "projects/2024", "projects/2024"),
                        new FolderPlan.Pair(null, "PROJECTS", "PROJECTS"),
                        new FolderPlan.Pair(null, "Projects (2)", "Projects (2)")),
                '/',
                java.util.Map.of());

        assertThat(planned)
                .extracting(FolderPlan.Pair::targetName)
                .containsExactly(
                        "INBOX",
                        "Projects",
                        "Projects/2024",
                        "projects (2)",
                        "projects (2)/2024",
                        "PROJECTS (3)",
                        "Projects (2) (2)");
    }

    @Test
    void aFolderSyncedBeforeKeepsItsTargetWhenANewFolderDifferingInCaseSortsFirst() {
        // "projects" was synced alone; now the user also has "Projects", which sorts first.
        List<FolderPlan.Pair> planned = FolderPlan.distinctIgnoringCase(
                List.of(
                        new FolderPlan.Pair(null, "Projects", "Projects"),
                        new FolderPlan.Pair(null, "projects", "projects"),
                        new FolderPlan.Pair(null, "projects/2024", "projects/2024")),
                '/',
                java.util.Map.of("projects", "projects", "projects/2024", "projects/2024"));

        assertThat(planned)
                .extracting(FolderPlan.Pair::targetName)
                .containsExactly("Projects (2)", "projects", "projects/2024");
    }

    @Test
    void twoSourceFoldersPlannedOntoOneSpecialFolderKeepTheirOwnTargets() {
        // "Sent Items" and "Sent" both map to the target's \Sent folder; the second was given "Sent (2)" before.
        List<FolderPlan.Pair> planned = FolderPlan.distinctIgnoringCase(
                List.of(new FolderPlan.Pair(null, "Sent", "Sent"), new FolderPlan.Pair(null, "Sent Items", "Sent")),
                '/',
                java.util.Map.of("Sent Items", "Sent", "Sent", "Sent (2)"));

        assertThat(planned).extracting(FolderPlan.Pair::targetName).containsExactly("Sent (2)", "Sent");
    }
}
