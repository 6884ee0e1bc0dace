/**
 * Seeded synthetic datasets: the CS231n spiral, XOR, two moons (micrograd's demo), Gaussian blobs and
 * linear-regression data {@code y = W x + b + noise} (dl-basics' linear model).
 *
 * <p>Every generator takes a seed, creates one {@code new Rng(seed)} and documents its exact draw order, so
 * the same seed gives the same numbers bit for bit and another language can reproduce them with
 * {@code java.util.Random}'s published algorithm. Trigonometric functions are {@link java.lang.StrictMath}'s
 * (fdlibm), for the same reason. The noise-free parts follow the published recipes (CS231n's spiral code,
 * scikit-learn's {@code make_moons} and {@code make_blobs}), which the tests check against values produced
 * by numpy and scikit-learn with a checked-in script; the random parts differ from numpy's generator by
 * design.
 *
 * <p>Depends on {@code io.github.dlref.math} and {@code io.github.dlref.data} only; must not depend on
 * {@code .io}, {@code .preprocess} or any other dlref module.
 */
package io.github.dlref.data.synthetic;
