/* test_chart.c: invariants of the shared chart geometry and its SVG renderer. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/arena.h"
#include "common/buf.h"
#include "reports/chart.h"
#include "common/banned.h"

static double dist(struct chart_point a, struct chart_point b)
{
	return hypot(a.x - b.x, a.y - b.y);
}

/* Each test's fixture: a demo report, its store, and a buffer for rendered SVG. */
struct demo {
	struct arena arena;
	struct report r;
	struct buf out;
};

static int demo_setup(void **state, enum report_demo variant)
{
	struct demo *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	report_demo_fill(&d->r, variant, &d->arena);
	buf_init(&d->out, 0);
	*state = d;
	return 0;
}

static int full_demo(void **state)
{
	return demo_setup(state, REPORT_DEMO_FULL);
}

static int sparse_demo(void **state)
{
	return demo_setup(state, REPORT_DEMO_SPARSE);
}

static int demo_release(void **state)
{
	struct demo *d = *state;
	buf_release(&d->out);
	arena_release(&d->arena);
	free(d);
	return 0;
}

static void test_radar_points_on_radius(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_radar c;
	assert_int_equal(chart_radar_layout(&c, r, 400), 0);
	assert_int_equal(c.n_axes, r->n_pillars);
	assert_true(c.has_company);
	assert_true(c.has_peer);
	for (size_t i = 0; i < c.n_axes; i++) {
		assert_true(fabs(dist(c.axis_end[i], c.centre) - c.radius) < 1e-9);
		assert_true(fabs(dist(c.company[i], c.centre) -
				 c.radius * r->pillars[i].score / 100) < 1e-9);
		assert_true(fabs(dist(c.peer[i], c.centre) -
				 c.radius * r->pillars[i].peer.median / 100) < 1e-9);
		for (size_t k = 0; k < c.n_rings; k++)
			assert_true(fabs(dist(c.ring[k][i], c.centre) -
					 c.radius * c.ring_value[k] / 100) < 1e-9);
	}
	/* rings at the band boundaries 40 and 70, and 100 */
	assert_int_equal(c.n_rings, 3);
	assert_true(c.ring_value[0] == 40 && c.ring_value[1] == 70 && c.ring_value[2] == 100);
	/* the first axis points straight up */
	assert_true(fabs(c.axis_end[0].x - c.centre.x) < 1e-9 && c.axis_end[0].y < c.centre.y);
}

static void test_radar_needs_three_pillars(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_radar c;
	r->n_pillars = 2;
	assert_int_equal(chart_radar_layout(&c, r, 400), -1);
}

static void test_bars_peer_band_inside_track(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_bars c;
	for (size_t p = 0; p < r->n_pillars; p++) {
		assert_int_equal(chart_bars_layout(&c, r, &r->pillars[p], 300), 0);
		for (size_t i = 0; i < c.n; i++) {
			const struct chart_bar *b = &c.bar[i];
			assert_true(b->has_peer && b->has_score);
			assert_true(b->peer_band.x >= b->track.x);
			assert_true(b->peer_band.x + b->peer_band.w <= b->track.x + b->track.w + 1e-9);
			assert_true(b->peer_band.y >= b->track.y);
			assert_true(b->peer_band.y + b->peer_band.h <= b->track.y + b->track.h);
			assert_true(b->median_x >= b->peer_band.x &&
				    b->median_x <= b->peer_band.x + b->peer_band.w);
			assert_true(b->fill.y >= b->track.y &&
				    b->fill.y + b->fill.h <= b->track.y + b->track.h);
			assert_true(fabs(b->marker_x - 300 * r->pillars[p].themes[i].score / 100) < 1e-9);
			assert_true(b->track.y + b->track.h <= c.row_height);
		}
	}
}

static void test_no_band_without_peers(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_bars c;
	struct chart_radar rc;
	assert_int_equal(chart_radar_layout(&rc, r, 400), 0);
	assert_false(rc.has_peer);
	for (size_t p = 0; p < r->n_pillars; p++) {
		assert_int_equal(chart_bars_layout(&c, r, &r->pillars[p], 300), 0);
		for (size_t i = 0; i < c.n; i++)
			assert_false(c.bar[i].has_peer);
	}
}

static void test_insufficient_theme(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_bars c;
	assert_int_equal(chart_bars_layout(&c, r, &r->pillars[1], 300), 0);
	assert_false(c.bar[3].has_score);
	assert_int_equal(c.bar[3].band, -1);
	assert_string_equal(c.bar[3].value_text, "onvoldoende antwoorden");
}

static void test_scores_clamped(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_bars c;
	struct report_theme t = r->pillars[0].themes[0];
	t.score = 130;
	t.peer.p75 = 250;
	struct report_pillar p = r->pillars[0];
	p.themes = &t;
	p.n_themes = 1;
	assert_int_equal(chart_bars_layout(&c, r, &p, 300), 0);
	assert_true(c.bar[0].marker_x == 300);
	assert_true(c.bar[0].peer_band.x + c.bar[0].peer_band.w <= 300);
}

static void test_format_score_rounds_half_away(void **state)
{
	(void)state;
	char s[16];
	chart_format_score(62.5, s, sizeof s);
	assert_string_equal(s, "63");
	chart_format_score(62.49, s, sizeof s);
	assert_string_equal(s, "62");
	chart_format_score(NAN, s, sizeof s);
	assert_string_equal(s, "–");
}

static void test_svg_escapes_and_is_accessible(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_radar rc;
	struct chart_bars bc;
	struct report_pillar *pl = (struct report_pillar *)r->pillars;
	pl[0].title = "<script>alert(\"x\")</script> & Co";
	struct report_theme *th = (struct report_theme *)pl[0].themes;
	th[0].title = "R&D <b>";
	assert_int_equal(chart_radar_layout(&rc, r, 400), 0);
	assert_int_equal(chart_svg_radar(&rc, r, "radar\"1", &d->out), 0);
	assert_int_equal(chart_bars_layout(&bc, r, &pl[0], 400), 0);
	assert_int_equal(chart_svg_bars(&bc, r, &pl[0], "bars-1", &d->out), 0);
	assert_null(strstr(d->out.data, "<script"));
	assert_null(strstr(d->out.data, "<b>"));
	assert_null(strstr(d->out.data, "radar\"1"));
	assert_null(strstr(d->out.data, "style="));
	assert_non_null(strstr(d->out.data, "&lt;script&gt;"));
	assert_non_null(strstr(d->out.data, "R&amp;D &lt;b&gt;"));
	assert_non_null(strstr(d->out.data, "role=\"img\""));
	assert_non_null(strstr(d->out.data, "<title id="));
	assert_non_null(strstr(d->out.data, "mediaan branchegenoten"));
}

static void test_svg_without_benchmark_says_so(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_bars bc;
	assert_int_equal(chart_bars_layout(&bc, r, &r->pillars[0], 400), 0);
	assert_int_equal(chart_svg_bars(&bc, r, &r->pillars[0], "b", &d->out), 0);
	assert_non_null(strstr(d->out.data, "nog geen vergelijking: te weinig bedrijven"));
	assert_null(strstr(d->out.data, "stroke-dasharray"));
}

/* What the scan page relied on from its former renderer (server/svg_charts.c):
 * a missing score or peer value is never drawn as "nan", the insufficient theme
 * says so in words, and every chart carries presentation attributes only. */
static void test_svg_missing_values_in_words(void **state)
{
	struct demo *d = *state;
	struct report *r = &d->r;
	struct chart_radar rc;
	struct chart_bars bc;
	assert_int_equal(chart_radar_layout(&rc, r, 471), 0);
	assert_int_equal(chart_svg_radar(&rc, r, "radar", &d->out), 0);
	for (size_t p = 0; p < r->n_pillars; p++) {
		assert_int_equal(chart_bars_layout(&bc, r, &r->pillars[p], 471), 0);
		assert_int_equal(chart_svg_bars(&bc, r, &r->pillars[p], "bars", &d->out), 0);
	}
	assert_null(strstr(d->out.data, "nan"));
	assert_null(strstr(d->out.data, "style="));
	assert_non_null(strstr(d->out.data, "onvoldoende antwoorden"));
	assert_non_null(strstr(d->out.data, "<desc id="));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_radar_points_on_radius, full_demo, demo_release),
		cmocka_unit_test_setup_teardown(test_radar_needs_three_pillars, full_demo, demo_release),
		cmocka_unit_test_setup_teardown(test_bars_peer_band_inside_track, full_demo, demo_release),
		cmocka_unit_test_setup_teardown(test_no_band_without_peers, sparse_demo, demo_release),
		cmocka_unit_test_setup_teardown(test_insufficient_theme, sparse_demo, demo_release),
		cmocka_unit_test_setup_teardown(test_scores_clamped, full_demo, demo_release),
		cmocka_unit_test(test_format_score_rounds_half_away),
		cmocka_unit_test_setup_teardown(test_svg_escapes_and_is_accessible, full_demo, demo_release),
		cmocka_unit_test_setup_teardown(test_svg_without_benchmark_says_so, sparse_demo, demo_release),
		cmocka_unit_test_setup_teardown(test_svg_missing_values_in_words, sparse_demo, demo_release),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
