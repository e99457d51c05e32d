/* test_fphc1.c: the real questionnaire questionnaires/fphc-1.json loads and has the promised shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "scoring/peer.h"
#include "scoring/questionnaire.h"
#include "scoring/questionnaire_structure.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

static void it_passes_check_as_fphc_version_1(void **state)
{
	struct questionnaire *q = *state;
	assert_string_equal(q->key, "fphc");
	assert_int_equal(q->version, 1);
	assert_int_equal(strlen(q->sha256), 64);
}

static void it_has_50_to_70_scored_items(void **state)
{
	struct questionnaire *q = *state;
	assert_in_range(q->n_scored, 50, 70);
}

static void it_has_the_four_pillars_with_3_to_5_themes(void **state)
{
	struct questionnaire *q = *state;
	assert_int_equal(q->n_pillars, 4);
	assert_string_equal(q->pillars[0].title.nl, "Strategie & Bedrijf");
	assert_string_equal(q->pillars[1].title.nl, "Flexibiliteit & Wendbaarheid");
	assert_string_equal(q->pillars[2].title.nl, "Flexibiliteit in op- en afschalen");
	assert_string_equal(q->pillars[3].title.nl, "Employability en Duurzame inzetbaarheid");
	for (size_t p = 0; p < q->n_pillars; p++)
		assert_in_range(q->pillars[p].n_themes, 3, 5);
}

static void it_uses_every_item_type_and_reverses_some(void **state)
{
	struct questionnaire *q = *state;
	int seen[ITEM_TEXT + 1] = {0}, reversed = 0, na = 0;
	for (size_t i = 0; i < q->n_items; i++) {
		seen[q->items[i]->type]++;
		reversed += q->items[i]->reverse;
		na += q->items[i]->allow_na;
	}
	for (int t = 0; t <= ITEM_TEXT; t++)
		assert_true(seen[t] > 0);
	assert_true(reversed > 0);
	assert_true(na > 0);
}

static void it_asks_for_the_biggest_staffing_issue(void **state)
{
	struct questionnaire *q = *state;
	int found = 0;
	for (size_t i = 0; i < q->n_items; i++)
		found |= q->items[i]->type == ITEM_TEXT &&
			 strcmp(q->items[i]->text.nl, "Wat is op dit moment uw grootste personeelsvraagstuk?") == 0;
	assert_true(found);
}

static void every_theme_names_offers_and_the_source_themes_are_covered(void **state)
{
	struct questionnaire *q = *state;
	static const char *const tags[] = {"strategy", "workforce-planning", "digital", "labour-market",
					   "flex-scaling", "talent-development", "sustainable-employability",
					   "mobility", "inclusive-redesign", "leadership", "unconscious-bias",
					   "desired-behaviour"};
	for (size_t t = 0; t < q->n_themes; t++)
		assert_true(q->themes[t]->n_offer_tags > 0);
	for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++) {
		int found = 0;
		for (size_t t = 0; t < q->n_themes; t++)
			for (size_t i = 0; i < q->themes[t]->n_offer_tags; i++)
				found |= strcmp(q->themes[t]->offer_tags[i], tags[k]) == 0;
		if (!found)
			fail_msg("no theme carries offer tag %s", tags[k]);
	}
}

static void the_bands_are_0_40_70(void **state)
{
	struct questionnaire *q = *state;
	assert_int_equal(q->n_bands, 3);
	assert_true(q->bands[0].min == 0 && q->bands[1].min == 40 && q->bands[2].min == 70);
	assert_string_equal(q->bands[0].key, "attention");
	assert_string_equal(q->bands[2].key, "future_proof");
}

static void the_profile_lists_sbi_sections_a_to_u_and_size_classes(void **state)
{
	struct questionnaire *q = *state;
	assert_int_equal(q->profile.n_sectors, 21);
	assert_string_equal(q->profile.sectors[0].key, "A");
	assert_string_equal(q->profile.sectors[20].key, "U");
	assert_string_equal(q->profile.sectors[2].label.nl, "Industrie");
	assert_int_equal(q->profile.n_size_classes, PEER_SIZE_CLASS_COUNT);
	for (int c = 0; c < PEER_SIZE_CLASS_COUNT; c++)
		assert_string_equal(q->profile.size_classes[c].key, peer_size_class_key((enum peer_size_class)c));
	assert_int_equal(q->profile.n_fields, 4);
}

static void items_are_found_by_key_and_labels_fall_back_to_dutch(void **state)
{
	struct questionnaire *q = *state;
	const struct item *it = questionnaire_item_find(q, "s01");
	assert_non_null(it);
	assert_int_equal(it->type, ITEM_LIKERT5);
	assert_string_equal(text_pair_get(&it->scale[0], "nl"), "Helemaal mee oneens");
	assert_string_equal(text_pair_get(&it->scale[4], "en"), "Strongly agree");
	assert_string_equal(text_pair_get(&it->text, "de"), it->text.nl);
	assert_null(questionnaire_item_find(q, "zz99"));
	assert_null(text_pair_get(&it->help, "en")); /* s01 has no help text */
}

/* The structure checksum of fphc-1.json as release 0.1.0 loaded it (file sha256
 * 42d4245c…): texts added or corrected since (tips, band texts, exclusive
 * options) must leave it unchanged, so installations keep their version 1. */
#define FPHC1_STRUCTURE "e614a8ec3945647dc125edaf2544a0faa74ac581e4bb31c6c5a74f9aaf7a5f62"

static void its_structure_is_the_one_release_0_1_0_loaded(void **state)
{
	(void)state;
	char sum[SHA256_HEX_LEN + 1];
	char *text = NULL;
	size_t len = 0;
	FILE *f = fopen("questionnaires/fphc-1.json", "rb");
	assert_non_null(f);
	assert_int_equal(getdelim(&text, &len, '\0', f) > 0, 1);
	fclose(f);
	assert_int_equal(questionnaire_structure_sha256(text, strlen(text), sum), 0);
	free(text);
	assert_string_equal(sum, FPHC1_STRUCTURE);
}

static void texts_do_not_change_the_structure_checksum_and_points_do(void **state)
{
	(void)state;
	char a[SHA256_HEX_LEN + 1], b[SHA256_HEX_LEN + 1];
	const char *one = "{\"key\":\"k\",\"items\":[{\"key\":\"i\",\"type\":\"yesno\",\"points\":{\"yes\":1,\"no\":0},"
			  "\"text\":{\"nl\":\"Vraag\",\"en\":\"Q\"}}]}";
	/* other member order, other spacing, other texts, a tip, 1.0 for 1 */
	const char *two = "{ \"items\": [ {\"tip\": {\"nl\": \"Doe\", \"en\": \"Do\"}, \"points\": {\"no\": 0, \"yes\": 1.0},"
			  " \"text\": {\"en\": \"Question\", \"nl\": \"Een vraag\"}, \"type\": \"yesno\", \"key\": \"i\"} ],"
			  " \"key\": \"k\" }";
	const char *three = "{\"key\":\"k\",\"items\":[{\"key\":\"i\",\"type\":\"yesno\",\"points\":{\"yes\":1,\"no\":0.5},"
			    "\"text\":{\"nl\":\"Vraag\",\"en\":\"Q\"}}]}";
	assert_int_equal(questionnaire_structure_sha256(one, strlen(one), a), 0);
	assert_int_equal(questionnaire_structure_sha256(two, strlen(two), b), 0);
	assert_string_equal(a, b);
	assert_int_equal(questionnaire_structure_sha256(three, strlen(three), b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(questionnaire_structure_sha256("{", 1, b), -1);
	assert_int_equal(questionnaire_member_is_text("exclusive"), 1);
	assert_int_equal(questionnaire_member_is_text("weight"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(it_passes_check_as_fphc_version_1),
		cmocka_unit_test(it_has_50_to_70_scored_items),
		cmocka_unit_test(it_has_the_four_pillars_with_3_to_5_themes),
		cmocka_unit_test(it_uses_every_item_type_and_reverses_some),
		cmocka_unit_test(it_asks_for_the_biggest_staffing_issue),
		cmocka_unit_test(every_theme_names_offers_and_the_source_themes_are_covered),
		cmocka_unit_test(the_bands_are_0_40_70),
		cmocka_unit_test(the_profile_lists_sbi_sections_a_to_u_and_size_classes),
		cmocka_unit_test(items_are_found_by_key_and_labels_fall_back_to_dutch),
		cmocka_unit_test(its_structure_is_the_one_release_0_1_0_loaded),
		cmocka_unit_test(texts_do_not_change_the_structure_checksum_and_points_do),
	};
	return cmocka_run_group_tests_name("fphc1", tests, fphc1_setup, fphc1_teardown);
}
