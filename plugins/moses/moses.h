/* moses.h - shared declarations of the `moses` plugin: parallel plain-text files, one segment
 * a line, one file per language (corpus.en + corpus.zh). See formats/moses.md. */
#ifndef DOCBRIDGE_MOSES_H
#define DOCBRIDGE_MOSES_H

#include "docbridge/placeholder.h"
#include "docbridge/plugin.h"

/* The language an extension names ("en", "zh_CN" -> "zh-CN") into out, or 0 when the
 * extension is not a language code we know (so "notes.md" is never a corpus). */
int moses_ext_lang(const char *path, char *out, size_t cap);
/* Length of the stem: path without its last ".ext". */
size_t moses_stem_len(const char *path);
/* 1 when every name shares one stem and has a distinct language extension (n >= 2). */
int moses_is_set(const char *const *names, size_t n);

extern const dbr_reader_ops moses_reader_ops;
extern const dbr_writer_ops moses_writer_ops;

#endif
