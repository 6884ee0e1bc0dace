package io.github.dlref.verify.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The version written into oracle files is the build's (verify/pom.xml's parent version). */
class OracleVersionTest {

    @Test
    void matchesThePom() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String parent = pom.substring(pom.indexOf("<parent>"), pom.indexOf("</parent>"));
        assertTrue(parent.contains("<version>" + OracleVersion.VERSION + "</version>"), parent);
    }
}
