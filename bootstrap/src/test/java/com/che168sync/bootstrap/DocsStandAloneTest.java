package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs stand on their own: no file of the repository cites the customer's brief (it is not in the repository;
 * the rules live in docs/rules.md), every relative link of README.md and docs/ reaches a file, every link into
 * rules.md and every {@code docs/rules.md#…} in the code reaches one of its headings, and every ADR is in the ADR
 * index.
 */
class DocsStandAloneTest {
    private static final Path ROOT = DeploymentFilesTest.repositoryRoot();
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(([^)#\\s]*)(#[^)\\s]*)?\\)");
    private static final Pattern CODE_RULE_LINK = Pattern.compile("docs/rules\\.md(#[a-z0-9-]+)((?:, #[a-z0-9-]+)*)");
    /** Applied migrations keep their text: Flyway checks their checksums. */
    private static final Pattern FROZEN = Pattern.compile(".*/db/migration/V\\d+__.*\\.sql");
    /** How the brief's sections were cited (spelled in two parts so that this file does not cite it). */
    private static final String CITATION = "SPEC" + " §";

    @Test
    void noFileCitesTheBrief() throws IOException {
        List<String> citing = new ArrayList<>();
        for (Path file : sources()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.contains(CITATION) && !FROZEN.matcher(file.toString().replace('\\', '/')).matches()) {
                citing.add(ROOT.relativize(file).toString());
            }
        }
        assertThat(citing).as("files citing the brief (state the rule, or link docs/rules.md)").isEmpty();
    }

    @Test
    void everyRelativeLinkOfTheDocsReachesAFileAndEveryRulesAnchorAHeading() throws IOException {
        Set<String> anchors = anchors(ROOT.resolve("docs/rules.md"));
        assertThat(anchors).contains("#initial-load", "#speed-bars");
        List<String> broken = new ArrayList<>();
        try (Stream<Path> docs = Stream.concat(Stream.of(ROOT.resolve("README.md")), Files.walk(ROOT.resolve("docs")))) {
            for (Path md : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher m = MD_LINK.matcher(Files.readString(md, StandardCharsets.UTF_8));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.isEmpty() || target.contains("://") || target.startsWith("mailto:")) {
                        continue;
                    }
                    Path resolved = md.getParent().resolve(target).normalize();
                    if (!Files.exists(resolved)) {
                        broken.add(ROOT.relativize(md) + " -> " + target);
                    } else if (m.group(2) != null && resolved.equals(ROOT.resolve("docs/rules.md"))
                            && !anchors.contains(m.group(2))) {
                        broken.add(ROOT.relativize(md) + " -> " + target + m.group(2));
                    }
                }
            }
        }
        for (Path file : sources()) {
            Matcher m = CODE_RULE_LINK.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                List<String> cited = new ArrayList<>(List.of(m.group(1)));
                for (String more : m.group(2).split(", ")) {
                    if (!more.isEmpty()) {
                        cited.add(more);
                    }
                }
                cited.stream().filter(a -> !anchors.contains(a))
                        .forEach(a -> broken.add(ROOT.relativize(file) + " -> docs/rules.md" + a));
            }
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyAdrIsInTheIndex() throws IOException {
        String index = Files.readString(ROOT.resolve("docs/adr/README.md"), StandardCharsets.UTF_8);
        try (Stream<Path> adrs = Files.list(ROOT.resolve("docs/adr"))) {
            List<String> missing = adrs.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{4}-.*\\.md") && !index.contains("(" + n + ")")).toList();
            assertThat(missing).as("ADRs without a row in docs/adr/README.md").isEmpty();
        }
    }

    /** GitHub's anchors of the headings of a markdown file. */
    private static Set<String> anchors(Path md) throws IOException {
        try (Stream<String> lines = Files.lines(md, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith("#"))
                    .map(l -> "#" + l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N} -]", "").replace(' ', '-'))
                    .collect(Collectors.toSet());
        }
    }

    /** The repository's own text files (no build output, VCS data, databases or logs). */
    private static List<Path> sources() throws IOException {
        Set<String> skipped = Set.of(".git", "target", "data", "logs", "node_modules", ".mvn");
        Pattern text = Pattern.compile(".*\\.(java|md|sql|sh|yaml|yml|xml|properties)|che168|Dockerfile|\\.env\\.example"
                + "|crontab");
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return skipped.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (text.matcher(file.getFileName().toString()).matches()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }
}
