/* encoding_bench_decode.c - bench-only driver for tests/bench/encoding_bench.sh: decodes one
 * file through the input layer (detection, iconv, sanitising, NFC) and writes the clean UTF-8
 * to standard output, so it can be timed and compared byte for byte with iconv | uconv. */
#include "docbridge/io.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: encoding_bench_decode FILE\n");
        return 2;
    }
    dbr_error err;
    dbr_error_clear(&err);
    dbr_input *in = dbr_input_open_file(argv[1], NULL, &err);
    if (!in) {
        fprintf(stderr, "%s: %s\n", argv[1], err.message);
        return 1;
    }
    static char buf[1 << 16];
    size_t got;
    dbr_status st;
    while ((st = dbr_input_read(in, buf, sizeof buf, &got, &err)) == DBR_OK && got)
        fwrite(buf, 1, got, stdout);
    const dbr_input_info *info = dbr_input_info_get(in);
    fprintf(stderr, "encoding=%s source=%s nfc=%d invalid=%lld\n", info->encoding,
            info->encoding_source, info->was_nfc, info->invalid_bytes);
    dbr_input_free(in);
    return st == DBR_OK ? 0 : 1;
}
