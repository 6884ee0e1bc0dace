package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's training example runs as a library user's code and learns. */
class IrisExampleTest {

    @Test
    void theModelLearnsIrisAndTheSavedModelPredictsTheFirstFlower(@TempDir Path dir) throws IOException {
        IrisExample.Result r = IrisExample.run(dir);
        assertEquals(30, r.test().samples(), "20% of Iris's 150 flowers are held out for the test");
        assertTrue(r.test().accuracy() >= 0.9, "test accuracy " + r.test().accuracy());
        assertTrue(Files.isRegularFile(dir.resolve("iris.model.json")));
        // Iris's first row (5.1, 3.5, 1.4, 0.2) is an Iris setosa (Fisher 1936; UCI's iris.data, line 1).
        assertEquals("setosa", r.prediction().labels().get(0));
        assertEquals(0, r.prediction().classes()[0]);
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += r.prediction().probabilities().get(0, c);
        }
        assertEquals(1.0, sum, 1e-12, "the probabilities of one flower sum to 1");
    }
}
