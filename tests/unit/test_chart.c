/* test_chart.c: invariants of the shared chart geometry and its SVG renderer. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

static void demo(struct report *r, struct arena *a, enum report_demo v)
{
	memset(r, 0, sizeof *r);
	report_demo_fill(r, v, a);
}

static void test_radar_points_on_radius(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_radar c;
	demo(&r, &a, REPORT_DEMO_FULL);
	assert_int_equal(chart_radar_layout(&c, &r, 400), 0);
	assert_int_equal(c.n_axes, r.n_pillars);
	assert_true(c.has_company);
	assert_true(c.has_peer);
	for (size_t i = 0; i < c.n_axes; i++) {
		assert_true(fabs(dist(c.axis_end[i], c.centre) - c.radius) < 1e-9);
		assert_true(fabs(dist(c.company[i], c.centre) -
				 c.radius * r.pillars[i].score / 100) < 1e-9);
		assert_true(fabs(dist(c.peer[i], c.centre) -
				 c.radius * r.pillars[i].peer.median / 100) < 1e-9);
		for (size_t k = 0; k < c.n_rings; k++)
			assert_true(fabs(dist(c.ring[k][i], c.centre) -
					 c.radius * c.ring_value[k] / 100) < 1e-9);
	}
	/* rings at the band boundaries 40 and 70, and 100 */
	assert_int_equal(c.n_rings, 3);
	assert_true(c.ring_value[0] == 40 && c.ring_value[1] == 70 && c.ring_value[2] == 100);
	/* the first axis points straight up */
	assert_true(fabs(c.axis_end[0].x - c.centre.x) < 1e-9 && c.axis_end[0].y < c.centre.y);
	arena_release(&a);
}

static void test_radar_needs_three_pillars(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_radar c;
	demo(&r, &a, REPORT_DEMO_FULL);
	r.n_pillars = 2;
	assert_int_equal(chart_radar_layout(&c, &r, 400), -1);
	arena_release(&a);
}

static void test_bars_peer_band_inside_track(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_bars c;
	demo(&r, &a, REPORT_DEMO_FULL);
	for (size_t p = 0; p < r.n_pillars; p++) {
		assert_int_equal(chart_bars_layout(&c, &r, &r.pillars[p], 300), 0);
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
			assert_true(fabs(b->marker_x - 300 * r.pillars[p].themes[i].score / 100) < 1e-9);
			assert_true(b->track.y + b->track.h <= c.row_height);
		}
	}
	arena_release(&a);
}

static void test_no_band_without_peers(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_bars c;
	struct chart_radar rc;
	demo(&r, &a, REPORT_DEMO_SPARSE);
	assert_int_equal(chart_radar_layout(&rc, &r, 400), 0);
	assert_false(rc.has_peer);
	for (size_t p = 0; p < r.n_pillars; p++) {
		assert_int_equal(chart_bars_layout(&c, &r, &r.pillars[p], 300), 0);
		for (size_t i = 0; i < c.n; i++)
			assert_false(c.bar[i].has_peer);
	}
	arena_release(&a);
}

static void test_insufficient_theme(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_bars c;
	demo(&r, &a, REPORT_DEMO_SPARSE);
	assert_int_equal(chart_bars_layout(&c, &r, &r.pillars[1], 300), 0);
	assert_false(c.bar[3].has_score);
	assert_int_equal(c.bar[3].band, -1);
	assert_string_equal(c.bar[3].value_text, "onvoldoende antwoorden");
	arena_release(&a);
}

static void test_scores_clamped(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_bars c;
	demo(&r, &a, REPORT_DEMO_FULL);
	struct report_theme t = r.pillars[0].themes[0];
	t.score = 130;
	t.peer.p75 = 250;
	struct report_pillar p = r.pillars[0];
	p.themes = &t;
	p.n_themes = 1;
	assert_int_equal(chart_bars_layout(&c, &r, &p, 300), 0);
	assert_true(c.bar[0].marker_x == 300);
	assert_true(c.bar[0].peer_band.x + c.bar[0].peer_band.w <= 300);
	arena_release(&a);
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
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_radar rc;
	struct chart_bars bc;
	struct buf out;
	demo(&r, &a, REPORT_DEMO_FULL);
	struct report_pillar *pl = (struct report_pillar *)r.pillars;
	pl[0].title = "<script>alert(\"x\")</script> & Co";
	struct report_theme *th = (struct report_theme *)pl[0].themes;
	th[0].title = "R&D <b>";
	buf_init(&out, 0);
	assert_int_equal(chart_radar_layout(&rc, &r, 400), 0);
	assert_int_equal(chart_svg_radar(&rc, &r, "radar\"1", &out), 0);
	assert_int_equal(chart_bars_layout(&bc, &r, &pl[0], 400), 0);
	assert_int_equal(chart_svg_bars(&bc, &r, &pl[0], "bars-1", &out), 0);
	assert_null(strstr(out.data, "<script"));
	assert_null(strstr(out.data, "<b>"));
	assert_null(strstr(out.data, "radar\"1"));
	assert_null(strstr(out.data, "style="));
	assert_non_null(strstr(out.data, "&lt;script&gt;"));
	assert_non_null(strstr(out.data, "R&amp;D &lt;b&gt;"));
	assert_non_null(strstr(out.data, "role=\"img\""));
	assert_non_null(strstr(out.data, "<title id="));
	assert_non_null(strstr(out.data, "mediaan branchegenoten"));
	buf_release(&out);
	arena_release(&a);
}

static void test_svg_without_benchmark_says_so(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_bars bc;
	struct buf out;
	demo(&r, &a, REPORT_DEMO_SPARSE);
	buf_init(&out, 0);
	assert_int_equal(chart_bars_layout(&bc, &r, &r.pillars[0], 400), 0);
	assert_int_equal(chart_svg_bars(&bc, &r, &r.pillars[0], "b", &out), 0);
	assert_non_null(strstr(out.data, "nog geen vergelijking: te weinig bedrijven"));
	assert_null(strstr(out.data, "stroke-dasharray"));
	buf_release(&out);
	arena_release(&a);
}

/* What the scan page relied on from its former renderer (server/svg_charts.c):
 * a missing score or peer value is never drawn as "nan", the insufficient theme
 * says so in words, and every chart carries presentation attributes only. */
static void test_svg_missing_values_in_words(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r;
	struct chart_radar rc;
	struct chart_bars bc;
	struct buf out;
	demo(&r, &a, REPORT_DEMO_SPARSE);
	buf_init(&out, 0);
	assert_int_equal(chart_radar_layout(&rc, &r, 471), 0);
	assert_int_equal(chart_svg_radar(&rc, &r, "radar", &out), 0);
	for (size_t p = 0; p < r.n_pillars; p++) {
		assert_int_equal(chart_bars_layout(&bc, &r, &r.pillars[p], 471), 0);
		assert_int_equal(chart_svg_bars(&bc, &r, &r.pillars[p], "bars", &out), 0);
	}
	assert_null(strstr(out.data, "nan"));
	assert_null(strstr(out.data, "style="));
	assert_non_null(strstr(out.data, "onvoldoende antwoorden"));
	assert_non_null(strstr(out.data, "<desc id="));
	buf_release(&out);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_radar_points_on_radius),
		cmocka_unit_test(test_radar_needs_three_pillars),
		cmocka_unit_test(test_bars_peer_band_inside_track),
		cmocka_unit_test(test_no_band_without_peers),
		cmocka_unit_test(test_insufficient_theme),
		cmocka_unit_test(test_scores_clamped),
		cmocka_unit_test(test_format_score_rounds_half_away),
		cmocka_unit_test(test_svg_escapes_and_is_accessible),
		cmocka_unit_test(test_svg_without_benchmark_says_so),
		cmocka_unit_test(test_svg_missing_values_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
