package io.github.dlref.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.dlref.autograd.scalar.Value;
import io.github.dlref.math.Matrix;
import io.github.dlref.math.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The matrix engine ({@link Tensor}) and the scalar engine ({@link Value}) are independent implementations of
 * reverse-mode differentiation; built from the same formula, they must give the same value and the same
 * gradients, to {@link Tolerances#CROSS_ENGINE_RELATIVE} relative to {@code max(1, |scalar result|)}.
 */
class CrossEngineAgreementTest {

    private static final int ROWS = 2;
    private static final int COLS = 3;
    private static final int INPUTS = 3;

    // ------------------------------------------------------------------------------------------
    // Random expressions: a straight-line program over registers, run elementwise on 2 x 3 tensors and on
    // the 6 scalars of each entry. Every operation is defined on all reals, so no draw leaves a domain.

    /** One step: an operation code and two operand registers (taken modulo the registers defined so far). */
    record Step(int op, int first, int second) {
    }

    private static final int OPERATIONS = 15;

    private static final String[] OPERATION_NAMES = {
        "a + b", "a - b", "a * b", "a / (b b + 1)", "-a", "a^2", "a^3", "exp(tanh a)", "tanh a", "sigmoid a",
        "relu a", "max(a, b)", "ln(sigmoid(a) + 0.5)", "0.7 a + 0.3", "(a a + 1)^-0.5"};

    private static Tensor apply(Step s, Tensor a, Tensor b) {
        return switch (s.op()) {
            case 0 -> a.plus(b);
            case 1 -> a.minus(b);
            case 2 -> a.times(b);
            case 3 -> a.div(b.times(b).plus(1.0));
            case 4 -> a.neg();
            case 5 -> a.pow(2);
            case 6 -> a.pow(3);
            case 7 -> a.tanh().exp();
            case 8 -> a.tanh();
            case 9 -> a.sigmoid();
            case 10 -> a.relu();
            case 11 -> a.max(b);
            case 12 -> a.sigmoid().plus(0.5).log();
            case 13 -> a.times(0.7).plus(0.3);
            default -> a.times(a).plus(1.0).pow(-0.5);
        };
    }

    private static Value apply(Step s, Value a, Value b) {
        return switch (s.op()) {
            case 0 -> a.plus(b);
            case 1 -> a.minus(b);
            case 2 -> a.times(b);
            case 3 -> a.div(b.times(b).plus(1.0));
            case 4 -> a.neg();
            case 5 -> a.pow(2);
            case 6 -> a.pow(3);
            case 7 -> a.tanh().exp();
            case 8 -> a.tanh();
            case 9 -> a.sigmoid();
            case 10 -> a.relu();
            case 11 -> a.max(b);
            case 12 -> a.sigmoid().plus(0.5).log();
            case 13 -> a.times(0.7).plus(0.3);
            default -> a.times(a).plus(1.0).pow(-0.5);
        };
    }

    /** Inputs and a program of six steps. */
    record Program(List<Matrix> inputs, List<Step> steps) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("inputs " + inputs + "\n");
            for (int k = 0; k < steps.size(); k++) {
                Step s = steps.get(k);
                int defined = INPUTS + k;
                sb.append("r").append(defined).append(" = ").append(OPERATION_NAMES[s.op()]).append(" with a = r")
                        .append(s.first() % defined).append(", b = r").append(s.second() % defined).append('\n');
            }
            return sb.toString();
        }
    }

    private static Gen<Program> programs() {
        Gen<Step> step = integers().between(0, OPERATIONS - 1).zip(integers().between(0, 999),
                integers().between(0, 999), Step::new);
        Gen<List<Matrix>> inputs = lists().of(MatrixGen.matrices(ROWS, COLS, MatrixGen.Domain.ANY)).ofSize(INPUTS);
        return inputs.zip(lists().of(step).ofSize(6), Program::new);
    }

    /** Runs the program with tensors; the loss is the sum of every register's entries, register by register. */
    private static Tensor runTensors(Program p, List<Tensor> registers) {
        for (int k = 0; k < p.steps().size(); k++) {
            Step s = p.steps().get(k);
            int defined = registers.size();
            registers.add(apply(s, registers.get(s.first() % defined), registers.get(s.second() % defined)));
        }
        Tensor loss = registers.get(INPUTS).sum();
        for (int r = INPUTS + 1; r < registers.size(); r++) {
            loss = loss.plus(registers.get(r).sum());
        }
        return loss;
    }

    /** The same program entry by entry with scalars, summing in the same register and row-major order. */
    private static Value runScalars(Program p, List<Value[]> registers) {
        for (int k = 0; k < p.steps().size(); k++) {
            Step s = p.steps().get(k);
            int defined = registers.size();
            Value[] a = registers.get(s.first() % defined);
            Value[] b = registers.get(s.second() % defined);
            Value[] out = new Value[ROWS * COLS];
            for (int e = 0; e < out.length; e++) {
                out[e] = apply(s, a[e], b[e]);
            }
            registers.add(out);
        }
        Value loss = null;
        for (int r = INPUTS; r < registers.size(); r++) {
            Value registerSum = Value.sum(List.of(registers.get(r)));
            loss = loss == null ? registerSum : loss.plus(registerSum);
        }
        return loss;
    }

    @Test
    void randomExpressionsAgree() {
        qt().withFixedSeed(42L).withExamples(200).forAll(programs()).checkAssert(p -> {
            List<Tensor> tensors = new ArrayList<>();
            List<Value[]> scalars = new ArrayList<>();
            for (Matrix m : p.inputs()) {
                tensors.add(Tensor.variable(m));
                Value[] v = new Value[m.size()];
                for (int e = 0; e < v.length; e++) {
                    v[e] = Value.variable(m.getFlat(e));
                }
                scalars.add(v);
            }
            Tensor tensorLoss = runTensors(p, tensors);
            Value scalarLoss = runScalars(p, scalars);
            assertAgree("loss", scalarLoss.data(), tensorLoss.item(), p);
            tensorLoss.backward();
            scalarLoss.backward();
            for (int i = 0; i < INPUTS; i++) {
                Matrix grad = tensors.get(i).grad();
                for (int e = 0; e < ROWS * COLS; e++) {
                    double tensorGrad = grad == null ? 0.0 : grad.getFlat(e);
                    assertAgree("d loss / d input " + i + " entry " + e, scalars.get(i)[e].grad(), tensorGrad, p);
                }
            }
        });
    }

    private static void assertAgree(String what, double scalar, double tensor, Object context) {
        assertTrue(Tolerances.close(scalar, tensor, Tolerances.CROSS_ENGINE_RELATIVE),
                () -> what + ": scalar engine " + scalar + ", matrix engine " + tensor + "\n" + context);
    }

    // ------------------------------------------------------------------------------------------
    // A small MLP: 5 samples, 4 inputs, 3 hidden units, 2 outputs

    /** The parameters of the MLP, drawn from a seeded Rng. */
    private record Weights(Matrix x, Matrix w1, Matrix b1, Matrix w2, Matrix b2) {
        static Weights draw(long seed) {
            Rng rng = new Rng(seed);
            return new Weights(rng.gaussian(5, 4, 0, 1), rng.gaussian(3, 4, 0, 0.7), rng.gaussian(1, 3, 0, 0.3),
                    rng.gaussian(2, 3, 0, 0.7), rng.gaussian(1, 2, 0, 0.3));
        }
    }

    private static Value[][] variables(Matrix m) {
        Value[][] v = new Value[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                v[i][j] = Value.variable(m.get(i, j));
            }
        }
        return v;
    }

    /** {@code y = act(x W^T + b)} for one sample, scalar by scalar: {@code y_j = act(sum_k x_k w_jk + b_j)}. */
    private static Value[] dense(Value[] x, Value[][] w, Value[] b, java.util.function.UnaryOperator<Value> act) {
        Value[] y = new Value[w.length];
        for (int j = 0; j < w.length; j++) {
            List<Value> terms = new ArrayList<>();
            for (int k = 0; k < x.length; k++) {
                terms.add(x[k].times(w[j][k]));
            }
            terms.add(b[j]);
            y[j] = act.apply(Value.sum(terms));
        }
        return y;
    }

    private static final int[] CLASSES = {0, 1, 1, 0, 1};

    private static void assertMlpAgrees(Weights w, Tensor tensorLoss, List<Parameter> params, Value scalarLoss,
            List<Value[][]> scalarParams) {
        assertAgree("MLP loss", scalarLoss.data(), tensorLoss.item(), w);
        tensorLoss.backward();
        scalarLoss.backward();
        for (int p = 0; p < params.size(); p++) {
            Matrix g = params.get(p).grad();
            Value[][] s = scalarParams.get(p);
            for (int i = 0; i < g.rows(); i++) {
                for (int j = 0; j < g.cols(); j++) {
                    assertAgree("d loss / d " + params.get(p).name() + "(" + i + ", " + j + ")", s[i][j].grad(),
                            g.get(i, j), w);
                }
            }
        }
    }

    @Test
    void tanhMlpWithSoftmaxCrossEntropyAgrees() {
        for (long seed = 1; seed <= 5; seed++) {
            Weights w = Weights.draw(seed);
            Parameter w1 = new Parameter("W1", w.w1());
            Parameter b1 = new Parameter("b1", w.b1());
            Parameter w2 = new Parameter("W2", w.w2());
            Parameter b2 = new Parameter("b2", w.b2());
            Tensor tensorLoss = Tensor.constant(w.x()).timesTranspose(w1).plusRow(b1).tanh().timesTranspose(w2)
                    .plusRow(b2).softmaxCrossEntropy(CLASSES);

            Value[][] sw1 = variables(w.w1());
            Value[][] sb1 = variables(w.b1());
            Value[][] sw2 = variables(w.w2());
            Value[][] sb2 = variables(w.b2());
            List<Value> losses = new ArrayList<>();
            for (int i = 0; i < w.x().rows(); i++) {
                Value[] x = new Value[w.x().cols()];
                for (int k = 0; k < x.length; k++) {
                    x[k] = Value.constant(w.x().get(i, k));
                }
                Value[] z = dense(dense(x, sw1, sb1[0], Value::tanh), sw2, sb2[0], v -> v);
                // l_i = ln(sum_c exp(z_c)) - z_target (logits are small, no shift needed)
                Value logSumExp = Value.sum(List.of(z[0].exp(), z[1].exp())).log();
                losses.add(logSumExp.minus(z[CLASSES[i]]));
            }
            Value scalarLoss = Value.sum(losses).div(losses.size());
            assertMlpAgrees(w, tensorLoss, List.of(w1, b1, w2, b2), scalarLoss, List.of(sw1, sb1, sw2, sb2));
        }
    }

    @Test
    void reluMlpWithSigmoidOutputAndSquaredErrorAgrees() {
        BinaryOperator<Value> squaredError = (a, b) -> a.minus(b).pow(2);
        for (long seed = 11; seed <= 15; seed++) {
            Weights w = Weights.draw(seed);
            Matrix targets = new Rng(seed + 100).uniform(5, 2, 0, 1);
            Parameter w1 = new Parameter("W1", w.w1());
            Parameter b1 = new Parameter("b1", w.b1());
            Parameter w2 = new Parameter("W2", w.w2());
            Parameter b2 = new Parameter("b2", w.b2());
            Tensor tensorLoss = Tensor.constant(w.x()).timesTranspose(w1).plusRow(b1).relu().timesTranspose(w2)
                    .plusRow(b2).sigmoid().minus(Tensor.constant(targets)).pow(2).mean();

            Value[][] sw1 = variables(w.w1());
            Value[][] sb1 = variables(w.b1());
            Value[][] sw2 = variables(w.w2());
            Value[][] sb2 = variables(w.b2());
            List<Value> errors = new ArrayList<>();
            for (int i = 0; i < w.x().rows(); i++) {
                Value[] x = new Value[w.x().cols()];
                for (int k = 0; k < x.length; k++) {
                    x[k] = Value.constant(w.x().get(i, k));
                }
                Value[] y = dense(dense(x, sw1, sb1[0], Value::relu), sw2, sb2[0], Value::sigmoid);
                for (int c = 0; c < y.length; c++) {
                    errors.add(squaredError.apply(y[c], Value.constant(targets.get(i, c))));
                }
            }
            Value scalarLoss = Value.sum(errors).div(errors.size());
            assertMlpAgrees(w, tensorLoss, List.of(w1, b1, w2, b2), scalarLoss, List.of(sw1, sb1, sw2, sb2));
        }
    }
}
