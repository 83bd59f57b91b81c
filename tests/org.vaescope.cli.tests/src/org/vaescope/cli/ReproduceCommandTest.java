package org.vaescope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code reproduce} says it will do, and the bounds of its step options. */
class ReproduceCommandTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @Test
    void theHeadlineCountsTheJobsOfThisInvocationAndSaysHowFarAModelMayTrainOn() {
        assertEquals(0, cli.run("reproduce", "--train", "no", "--only", "dsprites:vae", "--seeds", "1,2", "--steps",
                "100", "--max-steps", "300", "--runs", dir.resolve("runs").toString(), "--out",
                dir.resolve("r.md").toString()), cli.err());

        assertTrue(cli.out().contains("2 models, 100 steps each (up to 300 until MIG settles)"), cli.out());
    }

    @Test
    void theMostStepsCannotBeFewerThanTheLeast() {
        assertEquals(2, cli.run("reproduce", "--steps", "8000", "--max-steps", "4000", "--out",
                dir.resolve("r.md").toString()));

        assertTrue(cli.err().contains("option --max-steps cannot be below --steps (8000), got 4000"), cli.err());
    }
}
