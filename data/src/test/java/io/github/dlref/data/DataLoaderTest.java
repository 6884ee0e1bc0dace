package io.github.dlref.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.dlref.math.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    private static Dataset numbered(int n) {
        return DatasetTest.numbered(n);
    }

    private static int[] visitOrder(DataLoader.Epoch epoch) {
        List<Integer> order = new ArrayList<>();
        for (Batch b : epoch) {
            for (int i : b.sampleIndices()) {
                order.add(i);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The first permutation for seed 42 and N = 8, written out by hand.
     *
     * <p>{@code new java.util.Random(42)} gives nextInt(8) = 5, nextInt(7) = 5, nextInt(6) = 0,
     * nextInt(5) = 4, nextInt(4) = 1, nextInt(3) = 1, nextInt(2) = 0 (checked below against the JDK). Fisher-Yates
     * from the identity, for i = 7 down to 1, swap(i, j):
     * <pre>
     * start            [0, 1, 2, 3, 4, 5, 6, 7]
     * i=7 j=5          [0, 1, 2, 3, 4, 7, 6, 5]
     * i=6 j=5          [0, 1, 2, 3, 4, 6, 7, 5]
     * i=5 j=0          [6, 1, 2, 3, 4, 0, 7, 5]
     * i=4 j=4          [6, 1, 2, 3, 4, 0, 7, 5]
     * i=3 j=1          [6, 3, 2, 1, 4, 0, 7, 5]
     * i=2 j=1          [6, 2, 3, 1, 4, 0, 7, 5]
     * i=1 j=0          [2, 6, 3, 1, 4, 0, 7, 5]
     * </pre>
     */
    @Test
    void firstPermutationEqualsTheOneWorkedByHandFromJavaUtilRandom() {
        Random jdk = new Random(42);
        int[] draws = new int[7];
        for (int i = 7; i >= 1; i--) {
            draws[7 - i] = jdk.nextInt(i + 1);
        }
        assertArrayEquals(new int[] {5, 5, 0, 4, 1, 1, 0}, draws, "the JDK draws transcribed above");

        DataLoader loader = new DataLoader(numbered(8), new DataLoader.Options(3, true, false, 42L));
        DataLoader.Epoch epoch = loader.nextEpoch();
        int[] expected = {2, 6, 3, 1, 4, 0, 7, 5};
        assertArrayEquals(expected, epoch.order());
        assertArrayEquals(expected, visitOrder(epoch));
        assertEquals(Matrix.fromRowMajor(3, 2, 2, 20, 6, 60, 3, 30), epoch.batch(0).features());
        assertArrayEquals(new int[] {2, 0, 0}, epoch.batch(0).labels());
        assertEquals(Matrix.fromRowMajor(2, 2, 7, 70, 5, 50), epoch.batch(2).features());
    }

    @Test
    void eachEpochVisitsEverySampleExactlyOnce() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(0, 60), integers().between(1, 70), booleans().all(), longs().all())
                .checkAssert((n, b, shuffle, seed) -> {
                    DataLoader loader = new DataLoader(numbered(n), new DataLoader.Options(b, shuffle, false, seed));
                    for (int e = 0; e < 3; e++) {
                        int[] visited = visitOrder(loader.nextEpoch());
                        int[] sorted = visited.clone();
                        Arrays.sort(sorted);
                        int[] all = new int[n];
                        Arrays.setAll(all, i -> i);
                        assertArrayEquals(all, sorted, "epoch " + e);
                    }
                });
    }

    @Test
    void batchSizesAreAsDocumentedWithAndWithoutDropLast() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(0, 60), integers().between(1, 70), booleans().all(), longs().all())
                .checkAssert((n, b, dropLast, seed) -> {
                    DataLoader loader = new DataLoader(numbered(n), new DataLoader.Options(b, true, dropLast, seed));
                    int expectedCount = dropLast ? n / b : (n + b - 1) / b;
                    assertEquals(expectedCount, loader.batchesPerEpoch());
                    DataLoader.Epoch epoch = loader.nextEpoch();
                    int k = 0;
                    int total = 0;
                    for (Batch batch : epoch) {
                        assertEquals(k, batch.index());
                        boolean last = k == expectedCount - 1;
                        int size = batch.size();
                        if (!last || dropLast || n % b == 0) {
                            assertEquals(b, size, "every batch but a short last one has B samples");
                        } else {
                            assertEquals(n % b, size, "the last batch holds the remainder");
                        }
                        assertEquals(size, batch.features().rows());
                        total += size;
                        k++;
                    }
                    assertEquals(expectedCount, k);
                    assertEquals(dropLast ? n - n % b : n, total);
                    int[] visited = visitOrder(epoch);
                    assertEquals(visited.length, Arrays.stream(visited).distinct().count(), "no sample twice");
                });
    }

    @Test
    void sameSeedSameOrderDifferentSeedsDifferentOrders() {
        qt().withFixedSeed(42L).withExamples(50)
                .forAll(integers().between(12, 60), longs().all())
                .checkAssert((n, seed) -> {
                    DataLoader.Options o = new DataLoader.Options(5, true, false, seed);
                    DataLoader a = new DataLoader(numbered(n), o);
                    DataLoader b = new DataLoader(numbered(n), o);
                    DataLoader c = new DataLoader(numbered(n), new DataLoader.Options(5, true, false, seed + 1));
                    for (int e = 0; e < 2; e++) {
                        int[] pa = a.nextEpoch().order();
                        assertArrayEquals(pa, b.nextEpoch().order(), "same seed, epoch " + e);
                        // n >= 12: two permutations agree with probability 1/n! < 3e-9
                        assertFalse(Arrays.equals(pa, c.nextEpoch().order()), "different seeds, epoch " + e);
                    }
                });
    }

    @Test
    void eachEpochDrawsANewPermutationFromTheSameGenerator() {
        DataLoader loader = new DataLoader(numbered(20), new DataLoader.Options(4, true, false, 7L));
        io.github.dlref.math.Rng rng = new io.github.dlref.math.Rng(7L);
        int[] first = loader.nextEpoch().order();
        int[] second = loader.nextEpoch().order();
        assertArrayEquals(rng.permutation(20), first);
        assertArrayEquals(rng.permutation(20), second, "epoch 1 continues the same stream");
        assertFalse(Arrays.equals(first, second));
        assertEquals(2, loader.epochsDrawn());
    }

    @Test
    void fullBatchAndBatchSizeOneAreTheTwoEnds() {
        Dataset d = numbered(7);
        DataLoader full = DataLoader.fullBatch(d);
        assertEquals(1, full.batchesPerEpoch());
        DataLoader.Epoch e = full.nextEpoch();
        assertEquals(d.features(), e.batch(0).features(), "one batch, every sample, dataset order");
        assertArrayEquals(d.labels(), e.batch(0).labels());
        assertFalse(full.options().shuffle());

        DataLoader sgd = DataLoader.stochastic(d, 42L);
        assertEquals(7, sgd.batchesPerEpoch());
        DataLoader.Epoch s = sgd.nextEpoch();
        for (Batch b : s) {
            assertEquals(1, b.size());
        }
        assertArrayEquals(new io.github.dlref.math.Rng(42L).permutation(7), visitOrder(s));

        DataLoader mini = DataLoader.miniBatch(d, 3, 42L);
        assertEquals(3, mini.batchesPerEpoch());
        assertTrue(mini.options().shuffle());

        DataLoader empty = DataLoader.fullBatch(numbered(0));
        assertEquals(0, empty.batchesPerEpoch());
        assertFalse(empty.nextEpoch().iterator().hasNext());
    }

    @Test
    void withoutShuffleTheOrderIsTheIdentityEveryEpoch() {
        DataLoader loader = new DataLoader(numbered(5), new DataLoader.Options(2, false, true, 1L));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, loader.nextEpoch().order());
        assertArrayEquals(new int[] {0, 1, 2, 3}, visitOrder(loader.nextEpoch()), "drop-last drops sample 4");
    }

    @Test
    void batchLargerThanTheDataset() {
        assertEquals(1, new DataLoader(numbered(3), new DataLoader.Options(10, true, false, 1L)).batchesPerEpoch());
        assertEquals(0, new DataLoader(numbered(3), new DataLoader.Options(10, true, true, 1L)).batchesPerEpoch());
    }

    @Test
    void resumeContinuesBitIdentically() {
        DataLoader.Options o = new DataLoader.Options(3, true, false, 99L);
        DataLoader a = new DataLoader(numbered(10), o);
        a.nextEpoch();
        DataLoader.State saved = a.state();
        int[] next = a.nextEpoch().order();
        DataLoader b = DataLoader.resume(numbered(10), o, saved);
        assertEquals(1, b.epochsDrawn());
        DataLoader.Epoch e = b.nextEpoch();
        assertEquals(1, e.number());
        assertArrayEquals(next, e.order());
    }

    @Test
    void epochIterationIsRepeatableAndBounded() {
        DataLoader.Epoch e = new DataLoader(numbered(5), new DataLoader.Options(2, true, false, 3L)).nextEpoch();
        assertArrayEquals(visitOrder(e), visitOrder(e));
        Iterator<Batch> it = e.iterator();
        it.next();
        it.next();
        it.next();
        assertThrows(NoSuchElementException.class, it::next);
        assertThrows(IndexOutOfBoundsException.class, () -> e.batch(3));
        assertEquals(3, e.batchCount());
        assertEquals("Batch(epoch 0, batch 2, 1 samples)", e.batch(2).toString());
    }

    @Test
    void badOptionsAreRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> new DataLoader.Options(0, true, false, 1L))
                .getMessage();
        assertTrue(m.contains("batchSize must be >= 1, got 0"), m);
        assertThrows(IllegalArgumentException.class, () -> DataLoader.batchCount(-1, 2, false));
        assertThrows(NullPointerException.class, () -> new DataLoader(null, new DataLoader.Options(1, false, false, 0)));
    }
}
