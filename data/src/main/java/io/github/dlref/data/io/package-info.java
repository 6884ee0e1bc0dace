/**
 * File readers and the built-in real datasets: IDX (the MNIST / Fashion-MNIST format, gzip or plain), CSV,
 * Fashion-MNIST from a directory, and Iris shipped as a resource.
 *
 * <p>Owns: {@link io.github.dlref.data.io.DataFormatException} (the one exception for bad file content,
 * naming the file and, for CSV, the line and column), {@link io.github.dlref.data.io.IdxReader},
 * {@link io.github.dlref.data.io.CsvReader}, {@link io.github.dlref.data.io.FashionMnist},
 * {@link io.github.dlref.data.io.Iris}. Readers never trust a size written in a file: they allocate only
 * for bytes actually present and check every claimed size against the data.
 *
 * <p>Depends on {@code io.github.dlref.math}, {@code io.github.dlref.data} and the JDK only; must not
 * depend on {@code .preprocess}, {@code .synthetic} or any other dlref module.
 */
package io.github.dlref.data.io;
