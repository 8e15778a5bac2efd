package io.portico.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The deployment every integration test uses: the WAR exactly as the build packaged it. */
public final class Deployments {

    static {
        // The test JVM and the servers it starts take their temporary folders under target/.
        new File(System.getProperty("java.io.tmpdir")).mkdirs();
        new File(System.getProperty("portico.it.tmpdir")).mkdirs();
    }

    private Deployments() {
    }

    public static WebArchive portico() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("portico.war")))
                .as(WebArchive.class);
    }
}
