package io.github.dlref.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dlref.data.Dataset;
import io.github.dlref.math.Matrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private static CsvTable parse(String text, CsvReader.Options o) throws DataFormatException {
        return CsvReader.parse(text, "t.csv", o);
    }

    private static DataFormatException failure(String text, CsvReader.Options o) {
        return assertThrows(DataFormatException.class, () -> parse(text, o));
    }

    @Test
    void headerLabelColumnAndFeatures() throws IOException {
        String text = "x1, x2 ,class\n1.5,-2,0\n\n  3e1 ,.25,2\r\n+4,5.,1\n";
        Path file = dir.resolve("d.csv");
        Files.writeString(file, text);
        CsvTable t = CsvReader.read(file, CsvReader.Options.commaWithHeader());
        assertEquals(List.of("x1", "x2", "class"), t.columnNames());
        assertEquals(3, t.rows());
        assertEquals(3, t.cols());
        assertEquals(Matrix.fromRowMajor(3, 3, 1.5, -2, 0, 30, 0.25, 2, 4, 5, 1), t.values());
        assertArrayEquals(new int[] {2, 4, 5}, new int[] {t.line(0), t.line(1), t.line(2)}, "file line numbers");
        assertEquals(2, t.columnIndex("class"));
        Dataset d = t.toClassification(t.columnIndex("class"));
        assertEquals(3, d.numClasses(), "largest label + 1");
        assertArrayEquals(new int[] {0, 2, 1}, d.labels());
        assertEquals(Matrix.fromRowMajor(3, 2, 1.5, -2, 30, 0.25, 4, 5), d.features());
        assertEquals(5, t.toClassification(2, 5).numClasses());
        Dataset r = t.toRegression(0);
        assertEquals(Matrix.columnVector(1.5, 30, 4), r.targets());
        assertEquals(Matrix.fromRowMajor(3, 2, -2, 0, 0.25, 2, 5, 1), r.features());
        assertEquals(Matrix.fromRowMajor(3, 2, 0, 1.5, 2, 30, 1, 4), t.toRegression(2, 0).targets());
    }

    @Test
    void noHeaderOtherDelimiterAndBom() throws DataFormatException {
        CsvTable t = parse("\uFEFF1;2\n3;4", new CsvReader.Options(';', false));
        assertEquals(List.of(), t.columnNames());
        assertEquals(Matrix.fromRowMajor(2, 2, 1, 2, 3, 4), t.values());
        CsvTable tabs = parse("1\t2\n", new CsvReader.Options('\t', false));
        assertEquals(Matrix.fromRowMajor(1, 2, 1, 2), tabs.values());
        byte[] utf8 = "é,ü\n1,2\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("é", "ü"), CsvReader.parse(utf8, "u.csv", CsvReader.Options.commaWithHeader())
                .columnNames());
    }

    @Test
    void badValuesNameLineAndColumn() {
        DataFormatException e = failure("a,b,c\n1,2,3\n4,abc,6\n", CsvReader.Options.commaWithHeader());
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertEquals("t.csv, line 3, column 2: 'abc' is not a number", e.getMessage());

        e = failure("1,2\n3,\n", CsvReader.Options.comma());
        assertEquals("t.csv, line 2, column 2: empty field (missing values are not supported)", e.getMessage());

        for (String bad : new String[] {"NaN", "Infinity", "0x1p3", "1d", "1e", "--1", "1.2.3", "\"1\""}) {
            e = failure("1," + bad + "\n", CsvReader.Options.comma());
            assertEquals(1, e.line(), bad);
            assertEquals(2, e.column(), bad);
        }
        e = failure("1e999\n", CsvReader.Options.comma());
        assertTrue(e.getMessage().contains("beyond the double range"), e.getMessage());
        e = failure("1,\u0001\n", CsvReader.Options.comma());
        assertTrue(e.getMessage().contains("'\\u0001'"), e.getMessage());
    }

    @Test
    void raggedRowsAndEmptyFiles() {
        DataFormatException e = failure("a,b\n1,2\n\n3\n", CsvReader.Options.commaWithHeader());
        assertEquals("t.csv, line 4: expected 2 fields (as the header on line 1 has), found 1", e.getMessage());
        e = failure("1,2,3\n4,5,6,7\n", CsvReader.Options.comma());
        assertTrue(e.getMessage().contains("line 2: expected 3 fields (as the first data row has), found 4"),
                e.getMessage());
        assertTrue(failure("", CsvReader.Options.comma()).getMessage().contains("empty"));
        assertTrue(failure(" \n\t\n", CsvReader.Options.commaWithHeader()).getMessage().contains("empty"));
        e = failure("a,b\n\n", CsvReader.Options.commaWithHeader());
        assertEquals("t.csv: no data rows after the header on line 1", e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() {
        byte[] content = {'1', ',', '2', '\n', '3', ',', (byte) 0xC3, '\n'};
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CsvReader.parse(content, "bin.csv", CsvReader.Options.comma()));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("offset 6"),
                e.getMessage());
    }

    @Test
    void labelsMustBeClassIndices() throws DataFormatException {
        CsvTable t = parse("1,0\n2,1.5\n", CsvReader.Options.comma());
        DataFormatException e = assertThrows(DataFormatException.class, () -> t.toClassification(1));
        assertEquals("t.csv, line 2, column 2: label 1.5 is not a non-negative integer", e.getMessage());
        // a label far beyond any class count is refused before allocating per-class storage (found by CliFuzzTest)
        CsvTable huge = CsvReader.parse("1,0\n2,1e9\n", "h.csv", CsvReader.Options.comma());
        assertEquals("h.csv, line 2, column 2: label 1.0E9 is not below 10000 (at most 10000 classes: a label is a "
                + "class index)", assertThrows(DataFormatException.class, () -> huge.toClassification(1)).getMessage());
        CsvTable edge = CsvReader.parse("1,0\n2,9999\n", "e.csv", CsvReader.Options.comma());
        assertEquals(CsvTable.MAX_CLASSES, edge.toClassification(1).numClasses());
        CsvTable over = CsvReader.parse("1,0\n2,10000\n", "o.csv", CsvReader.Options.comma());
        assertThrows(DataFormatException.class, () -> over.toClassification(1));
        CsvTable neg = parse("1,-1\n", CsvReader.Options.comma());
        assertThrows(DataFormatException.class, () -> neg.toClassification(1));
        CsvTable big = parse("x,y\n1,0\n2,3\n", CsvReader.Options.commaWithHeader());
        e = assertThrows(DataFormatException.class, () -> big.toClassification(1, 3));
        assertEquals("t.csv, line 3, column 2: label 3.0 is not an integer in [0, 3)", e.getMessage());
        IndexOutOfBoundsException ix = assertThrows(IndexOutOfBoundsException.class, () -> big.toClassification(2));
        assertEquals("CsvTable.toClassification: labelColumn 2 is outside [0, 2) for t.csv", ix.getMessage());
        ix = assertThrows(IndexOutOfBoundsException.class, () -> big.toClassification(-1, 3));
        assertEquals("CsvTable.toClassification: labelColumn -1 is outside [0, 2) for t.csv", ix.getMessage());
        // one past the last column must not read the next row's first value as a label
        CsvTable shifted = parse("1,0\n2.5,1\n", CsvReader.Options.comma());
        assertThrows(IndexOutOfBoundsException.class, () -> shifted.toClassification(2));
        ix = assertThrows(IndexOutOfBoundsException.class, () -> big.toRegression(0, 5));
        assertEquals("CsvTable.toRegression: target column 5 is outside [0, 2) for t.csv", ix.getMessage());
        assertThrows(IllegalArgumentException.class, () -> big.toRegression());
        assertThrows(IllegalArgumentException.class, () -> big.toRegression(1, 1));
        assertThrows(IllegalArgumentException.class, () -> big.columnIndex("z"));
    }

    @Test
    void optionsAndMissingFiles() {
        for (char c : new char[] {'1', 'a', '.', '-', '+', '"', ' ', '\n', '\r', 'é', '\u0000'}) {
            assertThrows(IllegalArgumentException.class, () -> new CsvReader.Options(c, false), "delimiter " + (int) c);
        }
        assertThrows(NoSuchFileException.class, () -> CsvReader.read(dir.resolve("none.csv"),
                CsvReader.Options.comma()));
    }
}
