package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FolderPlanTest {

    @Test
    void foldersThatDifferOnlyInCaseStaySeparateOnACaseInsensitiveTargetWithTheirSubFolders() {
        List<FolderPlan.Pair> planned = FolderPlan.distinctIgnoringCase(List.of(
                new FolderPlan.Pair(null, "INBOX"),
                new FolderPlan.Pair(null, "Projects"),
                new FolderPlan.Pair(null, "Projects/2024"),
                new FolderPlan.Pair(null, "projects"),
                new FolderPlan.Pair(null, "projects/2024"),
                new FolderPlan.Pair(null, "PROJECTS"),
                new FolderPlan.Pair(null, "Projects (2)")), '/', java.util.Map.of());

        assertThat(planned).extracting(FolderPlan.Pair::targetName).containsExactly(
                "INBOX", "Projects", "Projects/2024", "projects (2)", "projects (2)/2024", "PROJECTS (3)",
                "Projects (2) (2)");
    }

    @Test
    void aFolderSyncedBeforeKeepsItsTargetWhenANewFolderDifferingInCaseSortsFirst() {
        // "projects" was synced alone; now the user also has "Projects", which sorts first.
        List<FolderPlan.Pair> planned = FolderPlan.distinctIgnoringCase(List.of(
                new FolderPlan.Pair(null, "Projects"),
                new FolderPlan.Pair(null, "projects"),
                new FolderPlan.Pair(null, "projects/2024")), '/', java.util.Map.of("projects", "projects",
                "projects/2024", "projects/2024"));

        assertThat(planned).extracting(FolderPlan.Pair::targetName)
                .containsExactly("Projects (2)", "projects", "projects/2024");
    }
}
