package io.mailferry.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** processes.xml lists the deployed resources one by one (see its comment); this keeps the list and the folder equal. */
class ProcessesXmlTest {
    @Test
    void listsEveryModelAndFormOfTheProcessesFolderAndNothingElse() throws Exception {
        String xml = Files.readString(Path.of("src/main/resources/META-INF/processes.xml"));
        Matcher m = Pattern.compile("<resource>processes/([^<]+)</resource>").matcher(xml);
        List<String> listed = m.results().map(r -> r.group(1)).sorted().toList();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            assertThat(listed)
                    .isEqualTo(
                            files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
