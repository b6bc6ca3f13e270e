/* moses_names.c - file names <-> languages. Only ISO 639-1 codes (and the same with a region
 * or script) count as language extensions: a corpus is named corpus.en, never notes.md. */
#include "moses.h"

#include <string.h>
#include <strings.h>

/* ISO 639-1 codes, space-separated with spaces at both ends. */
static const char ISO639_1[] =
    " aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu "
    "cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho "
    "hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv "
    "kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr "
    "nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq "
    "sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh "
    "yi yo za zh zu ";

size_t moses_stem_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? (size_t)(dot - path) : strlen(path);
}

int moses_ext_lang(const char *path, char *out, size_t cap)
{
    size_t stem = moses_stem_len(path);
    if (!path[stem])
        return 0;
    const char *ext = path + stem + 1;
    size_t n = strlen(ext);
    if (n < 2 || n + 1 > cap || n > 16)
        return 0;
    char key[8] = {' ', (char)(ext[0] | 0x20), (char)(ext[1] | 0x20), ' ', '\0'};
    if (!strstr(ISO639_1, key))
        return 0;
    /* After the code: nothing, or -/_ subtags of letters and digits. */
    for (size_t i = 2; i < n; i++) {
        char c = ext[i];
        int ok = c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9');
        if (!ok || (i == 2 && c != '-' && c != '_'))
            return 0;
    }
    for (size_t i = 0; i <= n; i++)
        out[i] = ext[i] == '_' ? '-' : ext[i];
    return 1;
}

int moses_is_set(const char *const *names, size_t n)
{
    if (!names || n < 2)
        return 0;
    size_t stem = moses_stem_len(names[0]);
    char langs[16][20];
    if (n > 16)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (moses_stem_len(names[i]) != stem || strncmp(names[i], names[0], stem) ||
            !moses_ext_lang(names[i], langs[i], sizeof langs[i]))
            return 0;
        for (size_t k = 0; k < i; k++)
            if (!strcasecmp(langs[k], langs[i]))
                return 0;
    }
    return 1;
}
