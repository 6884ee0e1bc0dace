package io.github.dlref.verify.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ArchitectureRules} over the whole project. {@code verify} cannot see {@code bench}
 * and {@code cli} (they depend on it), so it checks every module below them; {@code cli} depends on every
 * module, and this subclass of {@code verify}'s {@link ArchitectureTest} (from its test jar) runs each rule
 * again with {@code bench} and {@code cli} imported.
 */
class WholeProjectArchitectureTest extends ArchitectureTest {

    @Test
    void theImportHoldsEveryModule() {
        for (String c : new String[] {"io.github.dlref.math.Matrix", "io.github.dlref.autograd.Tensor",
            "io.github.dlref.nn.Module", "io.github.dlref.optim.Optimizer", "io.github.dlref.data.DataLoader",
            "io.github.dlref.train.TrainingRun", "io.github.dlref.bench.Workloads",
            "io.github.dlref.verify.oracle.Runner", "io.github.dlref.cli.Dlref"}) {
            assertTrue(production.contain(c), c + " must be imported");
        }
    }
}
