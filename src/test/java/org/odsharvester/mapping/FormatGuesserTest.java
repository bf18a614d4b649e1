package org.odsharvester.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatGuesserTest {

    private final FormatGuesser guesser = new FormatGuesser();

    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            application/xls               | extra.xls    | xls     | application/vnd.ms-excel
            application/zip               | x.zip        | zip     | application/zip
            application/x-zip-compressed  | x.zip        | zip     | application/zip
            application/octet-stream      | data.xlsx    | xlsx    | application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
            application/json              | f.geojson    | geojson | application/json
            text/csv; charset=utf-8       | null         | csv     | text/csv
            application/pdf               | null         | pdf     | application/pdf
            null                          | Notice.PDF   | pdf     | application/pdf
            application/x-weird           | model.ifc    | ifc     | application/x-weird
            application/x-weird           | null         | null    | application/x-weird
            application/octet-stream      | blob.bin2    | bin2    | application/octet-stream
            null                          | null         | null    | null
            image/jpg                     | null         | jpg     | image/jpeg
            text/html                     | page.htm     | htm     | text/html
            """)
    void guessesFormatAndMime(String mimetype, String fileName, String format, String mime) {
        assertThat(guesser.guess(mimetype, fileName)).isEqualTo(new FormatGuesser.Guess(format, mime));
    }

    @Test
    void readsTheExtensionOfAFileNameOrPath() {
        assertThat(FormatGuesser.extension("a/b/c.tar.GZ")).isEqualTo("gz");
        assertThat(FormatGuesser.extension("file.csv?download=1")).isEqualTo("csv");
        assertThat(FormatGuesser.extension(".hidden")).isNull();
        assertThat(FormatGuesser.extension("noextension")).isNull();
        assertThat(FormatGuesser.extension("weird.ext with space")).isNull();
    }
}
