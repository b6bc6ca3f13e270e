/* pdf_find.c - byte search used by both halves of the pdf plugin: the probe (pdf.so) looks for
 * the %PDF- signature, the engine for the signature and for the final %%EOF. */
#include "pdf_engine.h"

#include <string.h>

int pdf_find(const uint8_t *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; p && i + k <= n; i++)
        if (memcmp(p + i, needle, k) == 0)
            return (int)i;
    return -1;
}
