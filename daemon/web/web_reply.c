/*
 * web_reply: what every handler of the web server uses: the replies (text,
 * JSON, errors as {"error": "..."}), the indicator a route names (its id
 * checked against [a-z0-9_]{1,64}, then found through an idindex built
 * again when a reload replaced the configuration) and the input of an
 * indicator's report.  web.c routes to the handlers; they answer through
 * these.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <jansson.h>

#include "idindex.h"
#include "report.h"
#include "web_impl.h"

void
web_reply_text(
    struct evhttp_request *req, int code, const char *type, const char *text)
{
	struct evbuffer *b = evbuffer_new();

	evhttp_add_header(
	    evhttp_request_get_output_headers(req), "Content-Type", type);
	evbuffer_add(b, text, strlen(text));
	evhttp_send_reply(req, code, code == 200 ? "OK" : "Error", b);
	evbuffer_free(b);
}

void
web_reply_error(struct evhttp_request *req, int code, const char *msg)
{
	json_t *o = json_pack("{s:s}", "error", msg);
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;

	web_reply_text(req, code, "application/json",
	    text ? text : "{\"error\":\"out of memory\"}");
	free(text);
	json_decref(o);
}

void
web_reply_json(struct evhttp_request *req, json_t *doc)
{
	char *text = doc
	    ? json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(10))
	    : NULL;

	if (text == NULL) {
		web_reply_error(req, 500, "out of memory");
	} else {
		web_reply_text(
		    req, 200, "application/json; charset=utf-8", text);
		free(text);
	}
	json_decref(doc);
}

bool
web_id_valid(const char *s, size_t len)
{
	if (len == 0 || len > WEB_ID_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/*
 * The indicator index for the configuration in force, built again when a
 * reload replaced it; NULL when out of memory.
 */
static const struct idindex *
indicator_ids(struct web *w)
{
	const struct config *c = webview_config(&w->view);
	unsigned long gen = w->view.ops->config_generation(w->view.arg);

	if (w->ids != NULL && w->ids_gen == gen)
		return w->ids;
	idindex_free(w->ids);
	if ((w->ids = idindex_new()) == NULL)
		return NULL;
	for (size_t i = 0; i < c->nindicators; i++)
		if (idindex_put(w->ids, c->indicators[i].id, i) < 0) {
			idindex_free(w->ids);
			w->ids = NULL;
			return NULL;
		}
	w->ids_gen = gen;
	return w->ids;
}

bool
web_indicator_arg(
    struct web *w, struct evhttp_request *req, const char *id, size_t *i)
{
	if (!web_id_valid(id, strlen(id))) {
		web_reply_error(req, 400, "bad indicator id");
		return false;
	}
	*i = web_indicator_find(w, id, strlen(id));
	if (*i == webview_config(&w->view)->nindicators) {
		web_reply_error(req, 404, "no such indicator");
		return false;
	}
	return true;
}

size_t
web_indicator_find(struct web *w, const char *id, size_t len)
{
	const struct config *c = webview_config(&w->view);
	const struct idindex *ix = indicator_ids(w);
	char key[WEB_ID_MAX + 1];
	size_t i;

	if (len > WEB_ID_MAX)
		return c->nindicators;
	snprintf(key, sizeof(key), "%.*s", (int)len, id);
	if (ix != NULL)
		return idindex_get(ix, key, &i) ? i : c->nindicators;
	/* Out of memory for the index: this request scans. */
	for (i = 0; i < c->nindicators; i++)
		if (strcmp(c->indicators[i].id, key) == 0)
			break;
	return i;
}

int
web_report_input(const struct webview *v, struct report_input *in,
    struct obs_list **obs, const struct judgement ***j)
{
	const struct config *c = webview_config(v);
	size_t n = c->nindicators;
	struct note_list *notes;

	/* The notes' shallow copies ride in *obs's block: one free. */
	_Static_assert(
	    sizeof(struct obs_list) % _Alignof(struct note_list) == 0,
	    "the notes follow the series in one block");
	*obs = calloc(1, (n + 1) * sizeof(**obs) + n * sizeof(*notes) + 1);
	*j = calloc(n + 1, sizeof(**j));
	if (*obs == NULL || *j == NULL) {
		free(*obs);
		free(*j);
		return -1;
	}
	notes = (struct note_list *)(void *)(*obs + n + 1);
	for (size_t i = 0; i < n; i++) {
		const struct indicator_state *is = webview_indicator(v, i);

		(*obs)[i] = is->obs; /* shallow: read, not owned */
		(*j)[i] = is->j;
		notes[i] = is->notes;
	}
	*in = (struct report_input){
	    .conf = c, .obs = *obs, .j = *j, .at = time(NULL), .notes = notes};
	return 0;
}
