/*
 * plot_notes: where the notes on an indicator's record stand on its plan
 * chart: a note on one period at that period's middle, a span as a band
 * between its first and last periods' middles, cut to the frame; a note
 * wholly outside the period axis is left off (the page lists it).
 */
#include "plot_impl.h"

size_t
plot_notes_take(const struct note_list *l, struct plot_note *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; l != NULL && i < l->n && n < max; i++)
		if (!l->v[i].removed)
			out[n++] = (struct plot_note){.nid = l->v[i].nid,
			    .from = l->v[i].from,
			    .to = l->v[i].to};
	return n;
}

void
plot_place_notes(const struct plot_input *in, struct plot *p)
{
	p->nnotes = 0;
	if (in->view != PLOT_PLAN)
		return;
	for (size_t i = 0; i < in->nnotes && p->nnotes < PLOT_NOTES_MAX; i++) {
		struct plot_note n = in->notes[i];

		n.x0 = plot_period_x(p, &n.from);
		n.x1 = plot_period_x(p, &n.to);
		if (n.x1 < p->left || n.x0 > p->right)
			continue;
		n.x0 = n.x0 < p->left ? p->left : n.x0;
		n.x1 = n.x1 > p->right ? p->right : n.x1;
		p->notes[p->nnotes++] = n;
	}
}
