package io.mailferry.m365;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GraphCallTest {
    /** A 403 names a permission; the administrator's guide must name it too, or the two tell different stories. */
    @Test
    void theSetUpGuideNamesEveryPermissionAMessageCanAskFor() throws Exception {
        String guide = Files.readString(Path.of("docs/microsoft365.md"));

        for (GraphCall call : GraphCall.values()) {
            assertThat(guide).as(call.name()).contains("`" + call.permission() + "`");
        }
    }
}
