/*
 * report_xlsx: writes the workbook of a plan document with libxlsxwriter.
 * Every cell comes from evaldoc (evaldoc_head, evaldoc_number,
 * evaldoc_text): the sheets say what the PDF and the page say.  Sheet
 * names are the chapters' (Excel allows 31 characters and none of
 * []:*?/\), numbered when cut or repeated.
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "config_text.h"
#include "explain.h"
#include "report_xlsx.h"

/* A sheet name Excel accepts, from a chapter's name and its number. */
static void
sheet_name(const char *chapter, size_t n, char *buf, size_t len)
{
	size_t o = 0, chars = 0;

	snprintf(buf, len, "%zu ", n + 1);
	o = strlen(buf);
	for (const char *s = chapter; *s != '\0' && o + 4 < len; s++) {
		if (strchr("[]:*?/\\'", *s) != NULL)
			continue;
		/* Count characters, not bytes: cut before the 28th. */
		if (((unsigned char)*s & 0xc0) != 0x80 && ++chars > 27)
			break;
		buf[o++] = *s;
	}
	buf[o] = '\0';
}

static void
summary_sheet(lxw_workbook *wb, const struct evaldoc *doc, lxw_format *bold)
{
	lxw_worksheet *ws =
	    workbook_add_worksheet(wb, evaldoc_word(doc, "summary"));
	char title[256], day[16], why[2048], name[512];
	lxw_row_t r = 0;
	int total = 0;

	evaldoc_title(doc, title, sizeof(title));
	asof_day_text(doc->at, day, sizeof(day));
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 1, 60, NULL);
	worksheet_write_string(ws, r, 0, evaldoc_word(doc, "plan"), bold);
	worksheet_write_string(ws, r++, 1,
	    plan_title(doc->in->conf, doc->locale) != NULL
		? plan_title(doc->in->conf, doc->locale)
		: "",
	    NULL);
	worksheet_write_string(ws, r, 0, evaldoc_word(doc, "kind"), bold);
	worksheet_write_string(ws, r++, 1, title, NULL);
	worksheet_write_string(ws, r, 0, evaldoc_word(doc, "asof"), bold);
	worksheet_write_string(ws, r++, 1, day, NULL);
	worksheet_write_string(ws, r, 0, evaldoc_word(doc, "overall"), bold);
	worksheet_write_string(ws, r++, 1,
	    explain_label(doc->overall, doc->overall_final,
		doc->in->conf->judgement.vocabulary, doc->locale),
	    NULL);
	r++;
	worksheet_write_string(ws, r, 0, evaldoc_word(doc, "category"), bold);
	worksheet_write_string(ws, r++, 1, evaldoc_word(doc, "count"), bold);
	for (size_t k = 0; k < doc->ncounts; k++) {
		worksheet_write_string(ws, r, 0, doc->counts[k].label, NULL);
		worksheet_write_number(ws, r++, 1, doc->counts[k].n, NULL);
		total += doc->counts[k].n;
	}
	worksheet_write_string(ws, r, 0, evaldoc_word(doc, "total"), bold);
	worksheet_write_number(ws, r++, 1, total, bold);
	r++;
	worksheet_write_string(
	    ws, r++, 0, evaldoc_section_name(doc, EVALDOC_SEC_BEHIND), bold);
	for (size_t b = 0; b < doc->nbehind; b++) {
		evaldoc_text(doc, doc->behind[b], 0, name, sizeof(name));
		evaldoc_explain(doc, doc->behind[b], why, sizeof(why));
		worksheet_write_string(ws, r, 0, name, NULL);
		worksheet_write_string(ws, r++, 1, why, NULL);
	}
}

/* The formats of a chapter's cells: headings, and the annual targets
 * met or not (a number shown with its mark, still a number). */
struct sheet_formats {
	lxw_format *bold, *met, *not_met;
};

/* The format of cell (row, c): an annual target's mark, or none. */
static lxw_format *
cell_format(const struct evaldoc *doc, size_t row, size_t c,
    const struct sheet_formats *f)
{
	switch (evaldoc_mark(doc, row, c)) {
	case EVALDOC_MARK_MET:
		return f->met;
	case EVALDOC_MARK_NOT_MET:
		return f->not_met;
	default:
		return NULL;
	}
}

static void
chapter_sheet(lxw_workbook *wb, const struct evaldoc *doc, size_t ch,
    const struct sheet_formats *f)
{
	char name[128], cell[1024];
	const char *chapter = doc->chapters[ch][0] != '\0'
	    ? doc->chapters[ch]
	    : evaldoc_word(doc, "no_chapter");
	lxw_worksheet *ws;
	lxw_row_t r = 1;

	sheet_name(chapter, ch, name, sizeof(name));
	ws = workbook_add_worksheet(wb, name);
	for (size_t c = 0; c < doc->ncols; c++) {
		evaldoc_head(doc, c, cell, sizeof(cell));
		worksheet_write_string(ws, 0, (lxw_col_t)c, cell, f->bold);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    doc->cols[c].what == EVALDOC_COL_ACTUAL ||
			    doc->cols[c].what == EVALDOC_COL_ANNUAL
			? 11
			: 18,
		    NULL);
	}
	worksheet_freeze_panes(ws, 1, 1);
	for (size_t row = 0; row < doc->nrows; row++) {
		if (doc->rows[row].chapter != ch)
			continue;
		for (size_t c = 0; c < doc->ncols; c++) {
			double v;

			if (evaldoc_number(doc, row, c, &v)) {
				worksheet_write_number(ws, r, (lxw_col_t)c, v,
				    cell_format(doc, row, c, f));
				continue;
			}
			evaldoc_text(doc, row, c, cell, sizeof(cell));
			if (cell[0] != '\0')
				worksheet_write_string(
				    ws, r, (lxw_col_t)c, cell, NULL);
		}
		r++;
	}
}

int
report_xlsx(
    const struct evaldoc *doc, const char *path, char *err, size_t errlen)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_doc_properties props = {0};
	char title[256];
	struct sheet_formats f;
	lxw_error rc;

	if (wb == NULL) {
		snprintf(err, errlen, "%s: cannot create the workbook", path);
		return -1;
	}
	evaldoc_title(doc, title, sizeof(title));
	props.title = title;
	props.author = "planwatch";
	props.created = doc->at;
	workbook_set_properties(wb, &props);
	f.bold = workbook_add_format(wb);
	format_set_bold(f.bold);
	f.met = workbook_add_format(wb);
	format_set_num_format(f.met, "General\" ✓\"");
	f.not_met = workbook_add_format(wb);
	format_set_num_format(f.not_met, "General\" ✗\"");
	summary_sheet(wb, doc, f.bold);
	for (size_t ch = 0; ch < doc->nchapters; ch++)
		chapter_sheet(wb, doc, ch, &f);
	if ((rc = workbook_close(wb)) != LXW_NO_ERROR) {
		snprintf(err, errlen, "%s: %s", path, lxw_strerror(rc));
		return -1;
	}
	return 0;
}
