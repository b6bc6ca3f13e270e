/* test_xml.c - the shared hardened XML reader: events, located errors with what was expected,
 * refused entity tricks, nesting bombs, declared encodings; and the writer glue. */
#define _GNU_SOURCE
#include "testutil.h"
#include "docbridge/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct events {
    dbr_buf log;
} events;

static void ev_start(void *ud, const char *name, const char **attrs)
{
    events *e = ud;
    dbr_buf_printf(&e->log, "<%s", name);
    for (size_t i = 0; attrs[i]; i += 2)
        dbr_buf_printf(&e->log, " %s=%s", attrs[i], attrs[i + 1]);
    dbr_buf_puts(&e->log, ">");
}

static void ev_end(void *ud, const char *name) { dbr_buf_printf(&((events *)ud)->log, "</%s>", name); }

static void ev_text(void *ud, const char *s, int len)
{
    dbr_buf_append(&((events *)ud)->log, s, (size_t)len);
}

static const dbr_xml_handlers HANDLERS = {ev_start, ev_end, ev_text, NULL, NULL};

/* Parses text; returns status; fills err and the event log. */
static dbr_status parse(const char *text, size_t len, int ns, events *e, dbr_error *err,
                        const char *declared)
{
    dbr_error_clear(err);
    dbr_job job = {.err = err, .source_name = "t.xml"};
    dbr_input *in = dbr_input_open_memory(text, len, "t.xml", NULL, err);
    assert_non_null(in);
    if (declared)
        dbr_input_set_declared_encoding(in, declared);
    dbr_xml *x = dbr_xml_new(&job, &HANDLERS, e, ns);
    assert_non_null(x);
    dbr_status st = dbr_xml_parse(x, in);
    dbr_xml_free(x);
    dbr_input_free(in);
    return st;
}

static void test_events_and_namespaces(void **state)
{
    (void)state;
    events e = {DBR_BUF_INIT};
    dbr_error err;
    const char *doc = "<?xml version=\"1.0\"?>\n<a xml:lang=\"en\"><b x=\"1\">t&amp;u</b></a>";
    assert_int_equal(parse(doc, strlen(doc), 1, &e, &err, NULL), DBR_OK);
    assert_string_equal(dbr_buf_cstr(&e.log),
                        "<a http://www.w3.org/XML/1998/namespace|lang=en><b x=1>t&u</b></a>");
    dbr_buf_free(&e.log);
    assert_string_equal(dbr_xml_local("urn:x|tu"), "tu");
    assert_string_equal(dbr_xml_local("x:tu"), "tu");
    assert_true(dbr_xml_in_ns("urn:x|tu", "urn:x"));
    assert_false(dbr_xml_in_ns("urn:xy|tu", "urn:x"));
    assert_true(dbr_xml_in_ns("tu", NULL));
}

static void test_mismatch_names_expected_tag(void **state)
{
    (void)state;
    events e = {DBR_BUF_INIT};
    dbr_error err;
    const char *doc = "<tmx>\n<body>\n<tu>\n<tuv></tu>\n</body></tmx>";
    assert_int_equal(parse(doc, strlen(doc), 0, &e, &err, NULL), DBR_FAILED);
    assert_int_equal(err.line, 4);
    assert_non_null(strstr(err.message, "expected </tuv> (opened at line 4)"));
    assert_string_equal(err.file, "t.xml");
    dbr_buf_free(&e.log);
}

static void test_truncated_input(void **state)
{
    (void)state;
    events e = {DBR_BUF_INIT};
    dbr_error err;
    const char *doc = "<tmx>\n<body>\n<tu>";
    assert_int_equal(parse(doc, strlen(doc), 0, &e, &err, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "unexpected end of input"));
    assert_non_null(strstr(err.message, "expected </tu>"));
    dbr_buf_free(&e.log);
}

static void test_entity_tricks_refused(void **state)
{
    (void)state;
    events e = {DBR_BUF_INIT};
    dbr_error err;
    const char *laughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n"
        "<lolz>&lol2;</lolz>";
    assert_int_equal(parse(laughs, strlen(laughs), 0, &e, &err, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "entity declarations are refused"));
    assert_int_equal(err.line, 3);
    const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                      "<r>&x;</r>";
    assert_int_equal(parse(xxe, strlen(xxe), 0, &e, &err, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "external entity 'x'"));
    assert_null(strstr(dbr_buf_cstr(&e.log), "root:"));
    /* A plain DOCTYPE naming an external DTD is fine and never fetched. */
    dbr_buf_clear(&e.log);
    const char *dtd = "<!DOCTYPE tmx SYSTEM \"http://example.invalid/tmx14.dtd\"><tmx/>";
    assert_int_equal(parse(dtd, strlen(dtd), 0, &e, &err, NULL), DBR_OK);
    /* An undeclared entity is an error, with its location. */
    const char *undef = "<a>\n&nope;</a>";
    assert_int_equal(parse(undef, strlen(undef), 0, &e, &err, NULL), DBR_FAILED);
    assert_int_equal(err.line, 2);
    dbr_buf_free(&e.log);
}

static void test_nesting_bomb(void **state)
{
    (void)state;
    dbr_buf doc = DBR_BUF_INIT;
    for (int i = 0; i < 10000; i++)
        dbr_buf_puts(&doc, "<a>");
    events e = {DBR_BUF_INIT};
    dbr_error err;
    assert_int_equal(parse(doc.data, doc.len, 0, &e, &err, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "nested deeper"));
    dbr_buf_free(&doc);
    dbr_buf_free(&e.log);
}

static void test_sniff_declared_encoding(void **state)
{
    (void)state;
    char enc[64];
    const char *d = "<?xml version='1.0' encoding='GB18030'?><a/>";
    assert_int_equal(dbr_xml_sniff_encoding((const uint8_t *)d, strlen(d), enc, sizeof enc), 1);
    assert_string_equal(enc, "GB18030");
    const uint8_t le[] = {'<', 0, '?', 0, 'x', 0, 'm', 0, 'l', 0, '?', 0, '>', 0};
    assert_int_equal(dbr_xml_sniff_encoding(le, sizeof le, enc, sizeof enc), 1);
    assert_string_equal(enc, "UTF-16LE");
    assert_int_equal(dbr_xml_sniff_encoding((const uint8_t *)"<a/>", 4, enc, sizeof enc), 0);
    /* A GB18030 document parses right when the declaration is honoured. */
    const char gb[] = "<?xml version=\"1.0\" encoding=\"GB18030\"?><a>\xc4\xe3\xba\xc3</a>";
    events e = {DBR_BUF_INIT};
    dbr_error err;
    assert_int_equal(parse(gb, sizeof gb - 1, 0, &e, &err, "GB18030"), DBR_OK);
    assert_string_equal(dbr_buf_cstr(&e.log), "<a>你好</a>");
    dbr_buf_free(&e.log);
}

static void test_writer_into_atomic_output(void **state)
{
    (void)state;
    char dir[] = "/tmp/dbrxmlXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/o.xml", dir);
    dbr_error err;
    dbr_error_clear(&err);
    dbr_output *out = dbr_output_open(path, &err);
    xmlTextWriterPtr w = dbr_xml_writer_new(out, &err, 0);
    assert_non_null(w);
    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL);
    xmlTextWriterStartElement(w, BAD_CAST "a");
    xmlTextWriterWriteString(w, BAD_CAST "x < y & 你");
    xmlTextWriterEndElement(w);
    xmlTextWriterEndDocument(w);
    assert_int_equal(dbr_xml_writer_finish(w, &err), DBR_OK);
    dbr_xml_writer_free(w);
    assert_int_equal(dbr_output_commit(out, &err), DBR_OK);
    char *data = test_slurp(path, NULL);
    assert_non_null(data);
    assert_non_null(strstr(data, "<a>x &lt; y &amp; 你</a>"));
    free(data);
    remove(path);
    remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events_and_namespaces),
        cmocka_unit_test(test_mismatch_names_expected_tag),
        cmocka_unit_test(test_truncated_input),
        cmocka_unit_test(test_entity_tricks_refused),
        cmocka_unit_test(test_nesting_bomb),
        cmocka_unit_test(test_sniff_declared_encoding),
        cmocka_unit_test(test_writer_into_atomic_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
