package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What keeps {@code ./mvnw verify} short enough to read: the tests' own output goes to the reports, tests log
 * warnings only unless asked, no plugin is declared twice in a module (Maven warns), JNA may load native code
 * without the JDK warning, jOOQ's code generator keeps its INFO lines, logo and tips to itself.
 */
class BuildOutputTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static List<Path> modulePoms() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<Path> poms = new ArrayList<>(dirs.map(d -> d.resolve("pom.xml")).filter(Files::isRegularFile).toList());
            poms.add(ROOT.resolve("pom.xml"));
            return poms;
        }
    }

    private static List<Element> children(Node parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    @Test
    void noModuleDeclaresAPluginTwice() throws Exception {
        for (Path pom : modulePoms()) {
            Element project = xml(pom).getDocumentElement();
            for (Element build : children(project, "build")) {
                for (Element plugins : children(build, "plugins")) {
                    List<String> ids = children(plugins, "plugin").stream()
                            .map(p -> children(p, "artifactId").get(0).getTextContent().strip()).toList();
                    assertThat(ids).as(ROOT.relativize(pom).toString()).doesNotHaveDuplicates();
                }
            }
        }
    }

    @Test
    void testsWriteTheirOutputToTheReportsWithNativeAccessAllowed() throws Exception {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        assertThat(parent).contains("<test.output>true</test.output>")
                .contains("--enable-native-access=ALL-UNNAMED")
                .contains("java.util.logging.config.file=${maven.multiModuleProjectDirectory}/.mvn/test-logging.properties");
        Element project = xml(ROOT.resolve("pom.xml")).getDocumentElement();
        NodeList plugins = project.getElementsByTagName("plugin");
        int configured = 0;
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            String id = children(plugin, "artifactId").get(0).getTextContent().strip();
            if (id.equals("maven-surefire-plugin") || id.equals("maven-failsafe-plugin")) {
                if (plugin.getElementsByTagName("redirectTestOutputToFile").getLength() > 0) {
                    configured++;
                    assertThat(plugin.getElementsByTagName("redirectTestOutputToFile").item(0).getTextContent())
                            .isEqualTo("${test.output}");
                    assertThat(plugin.getElementsByTagName("argLine").item(0).getTextContent())
                            .startsWith("${test.argLine}");
                }
            }
        }
        assertThat(configured).as("surefire and failsafe").isEqualTo(2);
        assertThat(Files.readString(ROOT.resolve(".mvn/test-logging.properties"))).contains(".level=WARNING");
        // a module that sets its own argLine keeps the common one
        for (Path pom : modulePoms()) {
            NodeList argLines = xml(pom).getElementsByTagName("argLine");
            for (int i = 0; i < argLines.getLength(); i++) {
                assertThat(argLines.item(i).getTextContent()).as(ROOT.relativize(pom).toString())
                        .contains("${test.argLine}");
            }
        }
    }

    @Test
    void everyModuleWithLogbackInItsTestsLogsWarningsOnlyUnlessAsked() throws Exception {
        for (Path pom : modulePoms()) {
            Path module = pom.getParent();
            if (!Files.isDirectory(module.resolve("src/test/java"))
                    || !Files.readString(pom).contains("<artifactId>logback-classic</artifactId>")
                    || module.getFileName().toString().equals("bootstrap")) { // bootstrap: BootLogConfigurator, WARN
                continue;
            }
            Path config = module.resolve("src/test/resources/logback-test.xml");
            assertThat(config).as("logback-test.xml of " + module.getFileName()).isRegularFile();
            assertThat(Files.readString(config)).contains("${test.log.level:-WARN}");
        }
    }

    @Test
    void jooqKeepsItsLogoTipsAndCodeGenerationLinesToItself() throws Exception {
        assertThat(Files.readString(ROOT.resolve(".mvn/jvm.config"))).contains("-Dorg.jooq.no-logo=true")
                .contains("-Dorg.jooq.no-tips=true");
        Element codegen = null;
        NodeList plugins = xml(ROOT.resolve("db/pom.xml")).getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (children(plugin, "artifactId").get(0).getTextContent().strip().equals("jooq-codegen-maven")) {
                codegen = plugin;
            }
        }
        assertThat(codegen).isNotNull();
        assertThat(codegen.getElementsByTagName("logging").item(0).getTextContent()).isEqualTo("WARN");
    }
}
