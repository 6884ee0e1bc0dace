package io.github.dlref.verify.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.autograd.Parameter;
import io.github.dlref.autograd.Tensor;
import io.github.dlref.math.Matrix;
import io.github.dlref.nn.layers.Linear;
import io.github.dlref.nn.losses.MSELoss;
import io.github.dlref.optim.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per entry of {@code docs/errata.md} found while building the ledger of the documents
 * ({@code docs/ledger.md}): the corrected form agrees with dlref's engine or library, and the document's form,
 * read as the erratum says, disagrees (or has no value).
 */
class LedgerErrataTest {

    private static final MSELoss MSE = new MSELoss();

    /** One step of the training procedure on the line y = w x + b: forward, loss, backward, SGD step. */
    private static void forwardBackwardStep(Linear line, SGD sgd) {
        MSE.forward(line.forward(Tensor.constant(Matrix.scalar(2.0))), Matrix.scalar(1.0)).backward();
        sgd.step();
    }

    private static double[] values(List<Parameter> ps) {
        return new double[] {ps.get(0).value().get(0, 0), ps.get(1).value().get(0, 0)};
    }

    @Test
    void dlOptimization6ZeroTheGradientsNotTheParameters() {
        // x = 2, y = 1, w = 1, b = 0, lr = 0.25: step 1 has dw = 2 (2w + b - 1) 2 = 4, db = 2, so w = 0, b = -0.5;
        // step 2 has residual -1.5, dw = -6, db = -3, so w = 1.5, b = 0.25 (all exact in binary)
        Linear corrected = new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0));
        SGD sgd = new SGD(corrected.parameters(), SGD.Hyperparameters.pytorch(0.25));
        sgd.zeroGrad();
        forwardBackwardStep(corrected, sgd);
        sgd.zeroGrad();
        // zeroing clears the gradients and keeps the parameters
        for (Parameter p : corrected.parameters()) {
            assertTrue(p.grad() == null || p.grad().get(0, 0) == 0.0, "gradient cleared");
        }
        assertEquals(0.0, values(corrected.parameters())[0]);
        assertEquals(-0.5, values(corrected.parameters())[1]);
        forwardBackwardStep(corrected, sgd);
        assertEquals(1.5, values(corrected.parameters())[0]);
        assertEquals(0.25, values(corrected.parameters())[1]);

        // not zeroing at all: step 2 uses the sum of both gradients, dw = 4 - 6, db = 2 - 3
        Linear accumulated = new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0));
        SGD sgd2 = new SGD(accumulated.parameters(), SGD.Hyperparameters.pytorch(0.25));
        forwardBackwardStep(accumulated, sgd2);
        forwardBackwardStep(accumulated, sgd2);
        assertEquals(0.5, values(accumulated.parameters())[0]);
        assertEquals(-0.25, values(accumulated.parameters())[1]);

        // the printed step, "clear the parameters": every iteration restarts from w = b = 0, so the second step
        // lands where the first did (residual -1, dw = -4, db = -2: w = 1, b = 0.5) and nothing is learned
        Linear cleared = new Linear(Matrix.scalar(1.0), Matrix.rowVector(0.0));
        SGD sgd3 = new SGD(cleared.parameters(), SGD.Hyperparameters.pytorch(0.25));
        double[] afterEach = new double[4];
        for (int step = 0; step < 2; step++) {
            for (Parameter p : cleared.parameters()) {
                p.assign(Matrix.filled(1, 1, 0.0));
            }
            sgd3.zeroGrad();
            forwardBackwardStep(cleared, sgd3);
            afterEach[2 * step] = values(cleared.parameters())[0];
            afterEach[2 * step + 1] = values(cleared.parameters())[1];
        }
        assertEquals(1.0, afterEach[2]);
        assertEquals(0.5, afterEach[3]);
        assertEquals(afterEach[0], afterEach[2]);
        assertNotEquals(values(corrected.parameters())[0], afterEach[2]);
    }
}
