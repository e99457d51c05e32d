/* demo.c: a complete built-in report model with realistic Dutch content, so
 * `fphc report --demo` works without a database; plus edge-case variants for
 * the tests. The company and association are invented. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/arena.h"
#include "reports/report.h"
#include "common/banned.h"

struct demo_theme {
	const char *key, *nl, *en;
	double score, previous, p25, median, p75;
	const char *movers[3];
};

#define T(k, nl, en, s, prev, a, m, b, ...) {k, nl, en, s, prev, a, m, b, {__VA_ARGS__}}

static const struct demo_theme strategy[] = {
	T("vision", "Toekomstvisie en strategie", "Vision and strategy", 73.6, 68, 52, 61, 72,
	  "Deel de visie op werk en personeel elk jaar met alle medewerkers."),
	T("workforce_planning", "Strategische personeelsplanning", "Strategic workforce planning",
	  47.5, 41, 38, 50, 63, "Maak een overzicht van wie de komende vijf jaar met pensioen gaat.",
	  "Bespreek één keer per jaar welke functies over drie jaar nodig zijn."),
	T("behaviour", "Gewenst gedrag en cultuur", "Desired behaviour and culture", 66.2, 60, 49,
	  58, 69, "Spreek met elkaar af welk gedrag u wilt zien en leg het vast."),
};
static const struct demo_theme agility[] = {
	T("coaching", "Coachend leiderschap", "Coaching leadership", 58.4, 55, 44, 54, 66,
	  "Train leidinggevenden in het voeren van ontwikkelgesprekken."),
	T("talent", "Talentontwikkeling", "Talent development", 36.1, 39, 42, 53, 64,
	  "Maak met elke medewerker een ontwikkelplan.",
	  "Reserveer een vast opleidingsbudget per medewerker."),
	T("innovation", "Innovatie en verandervermogen", "Innovation and capacity for change",
	  71.0, 63, 46, 57, 68, "Betrek medewerkers bij het testen van nieuwe werkwijzen."),
	T("bias", "Onbewuste vooroordelen", "Unconscious bias", 44.3, NAN, 35, 47, 59,
	  "Werk bij vacatures met vaste vragen en een beoordelingsformulier."),
};
static const struct demo_theme scaling[] = {
	T("flex_scaling", "Flexibel op- en afschalen", "Flexible scaling up and down", 62.8, 58,
	  45, 55, 67, "Leg vast wie bij piekdrukte welke taken kan overnemen."),
	T("mobility", "Interne mobiliteit", "Internal mobility", 31.4, 35, 33, 45, 57,
	  "Maak vacatures eerst intern bekend.", "Laat medewerkers een dag meelopen op een andere afdeling."),
	T("region", "Samenwerking in de regio", "Regional cooperation", 55.0, 49, 30, 42, 55,
	  "Sluit aan bij het werkgeversnetwerk van het Werkgeversservicepunt."),
};
static const struct demo_theme employability[] = {
	T("sustainable", "Duurzame inzetbaarheid", "Sustainable employability", 77.2, 70, 50, 62,
	  73, "Blijf het gesprek over werk en gezondheid elk jaar voeren."),
	T("inclusive", "Inclusieve arbeidsmarkt", "Inclusive labour market", 27.9, 25, 24, 38, 51,
	  "Kijk welke taken losgemaakt kunnen worden voor nieuwe functies.",
	  "Neem contact op met het Werkgeversservicepunt over kandidaten."),
	T("vitality", "Vitaliteit en gezondheid", "Vitality and health", 68.5, 66, 47, 59, 70,
	  "Bied een preventief medisch onderzoek aan."),
	T("learning", "Leren en ontwikkelen", "Learning and development", 52.3, 47, 41, 52, 62,
	  "Maak leren op de werkvloer zichtbaar, bijvoorbeeld met een leermeester."),
};

struct demo_pillar {
	const char *key, *nl, *en;
	const struct demo_theme *themes;
	size_t n;
	double previous, p25, median, p75;
	const char *judgement_md;
};

static const struct demo_pillar pillars[] = {
	{"strategy", "Strategie & Bedrijf", "Strategy & Business", strategy, 3, 56, 48, 57, 66,
	 "De strategie is helder; de vertaling naar **personeelsplanning** blijft achter."},
	{"agility", "Flexibiliteit & Wendbaarheid", "Flexibility & Agility", agility, 4, 52, 45,
	 53, 62, NULL},
	{"scaling", "Flexibiliteit in op- en afschalen", "Flexibility in scaling up and down",
	 scaling, 3, 47, 39, 48, 58, NULL},
	{"employability", "Employability en Duurzame inzetbaarheid",
	 "Employability and sustainable employability", employability, 4, 52, 43, 53, 63,
	 "Sterk in vitaliteit; de *inclusieve arbeidsmarkt* is de grootste kans."},
};

static const struct report_band bands_nl[] = {
	{"attention", "Aandachtspunt", "Hier valt de meeste winst te halen. Uw adviseur "
	 "bespreekt deze punten met u.", 0},
	{"on_the_way", "Op weg", "U bent goed op weg. Met een paar stappen komt u verder.", 40},
	{"future_proof", "Toekomstbestendig", "Dit is op orde. Houd het vast.", 70},
};
static const struct report_band bands_en[] = {
	{"attention", "Point for attention", "This is where you can gain the most. Your "
	 "advisor will discuss these points with you.", 0},
	{"on_the_way", "On the way", "You are well on the way. A few steps take you further.", 40},
	{"future_proof", "Future-proof", "This is in order. Keep it that way.", 70},
};

static const char *const sentences[2][3] = {
	{"Dit thema vraagt aandacht: hier is de meeste winst te halen.",
	 "U bent op weg; met een paar gerichte stappen scoort u hoger.",
	 "Dit thema is op orde en helpt uw bedrijf vooruit."},
	{"This theme needs attention: this is where you can gain the most.",
	 "You are on the way; a few focused steps will raise your score.",
	 "This theme is in order and helps your company forward."},
};

static const char advice_talent[] =
	"Uw medewerkers willen graag leren, maar er is **geen vast plan**. Begin klein:\n\n"
	"1. Voer dit jaar met iedereen een *ontwikkelgesprek*.\n"
	"2. Leg per medewerker twee leerdoelen vast.\n"
	"3. Kijk na zes maanden samen terug.\n\n"
	"Het [O&O-fonds Metaal](https://www.example.nl/oo-metaal) vergoedt een deel van de kosten.";
static const char advice_mobility[] =
	"Medewerkers blijven lang op dezelfde plek. Dat maakt uw bedrijf kwetsbaar bij "
	"ziekte en drukte.\n\n"
	"- Maak vacatures eerst **intern** bekend.\n"
	"- Laat medewerkers een dag meelopen op een andere afdeling.\n"
	"- Maak een overzicht van wie welke taken kan doen (een *vaardighedenmatrix*).";
static const char advice_inclusive[] =
	"Er werken nog geen mensen met een afstand tot de arbeidsmarkt in uw bedrijf. Met "
	"een **inclusief herontwerp van functies** haalt u eenvoudige taken uit bestaande "
	"functies en maakt u er een nieuwe functie van. Dat ontlast uw vakmensen.\n\n"
	"Het Werkgeversservicepunt (WSP) helpt u gratis bij de eerste analyse.<br>"
	"<script>alert(1)</script>";
static const char advice_general[] =
	"Uw bedrijf staat er **goed** voor op strategie en duurzame inzetbaarheid. De grootste "
	"kansen liggen bij *ontwikkeling en mobiliteit* van uw mensen en bij de inclusieve "
	"arbeidsmarkt.\n\n"
	"Wij raden aan om te beginnen met het inclusief herontwerp van functies: dat levert op "
	"korte termijn extra handen op en past bij uw groeiplannen. Pak daarna de "
	"ontwikkelgesprekken op.";
static const char research[] =
	"Het lectoraat Employability van Zuyd Hogeschool heeft de antwoorden bekeken. Het beeld "
	"is **consistent**: de scores passen bij wat het bedrijf in de open vragen vertelt.\n\n"
	"Opvallend is het verschil tussen de sterke visie en de zwakke personeelsplanning. Dat "
	"zien we vaker bij groeiende bedrijven in de industrie.";

static const char *const offers_inclusive[] = {"Inclusief herontwerp van functies"};
static const char *const offers_talent[] = {"Loopbaanscan voor medewerkers",
					    "Training coachend leidinggeven"};
static const char *const offers_mobility[] = {"Regionaal mobiliteitsnetwerk"};

static const struct report_offer offers[] = {
	{"Inclusief herontwerp van functies", "Werkgeversservicepunt (WSP) Zuid-Limburg",
	 "Mark Hermans · 046 000 00 01 · wsp@example.nl",
	 "Gratis eerste analyse van twee afdelingen; daarna begeleiding bij de plaatsing."},
	{"Loopbaanscan voor medewerkers", "Leo Loopbaan", "info@example.nl · 043 000 00 02",
	 "Een gesprek en een online scan per medewerker; € 195 per persoon, deels te vergoeden."},
	{"Regionaal mobiliteitsnetwerk", "Werkgeversservicepunt (WSP) Zuid-Limburg",
	 "wsp@example.nl", NULL},
};

static const struct report_action actions[] = {
	{"Eerste analyse inclusief herontwerp met het WSP plannen", "Petra van der Linden",
	 "voor 1 mei 2025", "open"},
	{"Ontwikkelgesprekken voeren met alle medewerkers", "Leidinggevenden productie",
	 "voor 1 oktober 2025", "open"},
	{"Vacatures eerst intern publiceren", "HR (Joyce)", "per direct", "gestart"},
	{"Terugkommoment met de adviseur", "Anna de Vries", "november 2025", "gepland"},
};

static const struct report_action previous_actions[] = {
	{"Verzuimbeleid herzien met de arbodienst", "Petra van der Linden", "juni 2024", "open"},
	{"Leermeesters aanwijzen in de werkplaats", "Teamleiders", "september 2024",
	 "deels gedaan"},
};

static const struct report_open_text open_texts[] = {
	{"Wat is de grootste uitdaging voor uw bedrijf in de komende drie jaar?",
	 "Genoeg vakmensen vinden. We groeien, maar de lasafdeling heeft al een jaar twee "
	 "vacatures open."},
	{"Wat wilt u graag bespreken in het gesprek?",
	 "Hoe we oudere medewerkers langer gezond aan het werk houden."},
	{"Is er nog iets dat we moeten weten?", ""},
};

/* Fills r with theme/pillar arrays copied into the arena, so that variants
 * can change them. */
static void fill_pillars(struct report *r, struct arena *a, int en)
{
	size_t np = sizeof pillars / sizeof pillars[0];
	struct report_pillar *pl = arena_alloc(a, np * sizeof *pl);
	for (size_t i = 0; i < np; i++) {
		const struct demo_pillar *d = &pillars[i];
		struct report_theme *th = arena_alloc(a, d->n * sizeof *th);
		double sum = 0;
		for (size_t t = 0; t < d->n; t++) {
			const struct demo_theme *dt = &d->themes[t];
			size_t nm = 0;
			while (nm < 3 && dt->movers[nm])
				nm++;
			th[t] = (struct report_theme){
				.key = dt->key, .title = en ? dt->en : dt->nl, .score = dt->score,
				.band = report_band_of(r, dt->score),
				.peer = {1, 23, dt->p25, dt->median, dt->p75},
				.previous = dt->previous, .movers = dt->movers, .n_movers = nm};
			th[t].sentence = sentences[en][th[t].band];
			sum += dt->score;
		}
		double score = sum / (double)d->n;
		int band = report_band_of(r, score);
		pl[i] = (struct report_pillar){
			.key = d->key, .title = en ? d->en : d->nl, .score = score, .band = band,
			.peer = {1, 23, d->p25, d->median, d->p75}, .sentence = sentences[en][band],
			.previous = d->previous, .judgement_md = d->judgement_md, .themes = th,
			.n_themes = d->n};
	}
	r->pillars = pl;
	r->n_pillars = np;
	double sum = 0;
	for (size_t i = 0; i < np; i++)
		sum += pl[i].score;
	r->score = sum / (double)np;
	r->band = report_band_of(r, r->score);
}

static void fill_attention(struct report *r, struct arena *a)
{
	struct report_attention *at = arena_alloc(a, 3 * sizeof *at);
	static const struct {
		size_t pillar, theme;
		const char *advice;
		const char *const *offers;
		size_t n_offers;
	} pick[] = {
		{3, 1, advice_inclusive, offers_inclusive, 1},
		{2, 1, advice_mobility, offers_mobility, 1},
		{1, 1, advice_talent, offers_talent, 2},
	};
	for (size_t i = 0; i < 3; i++) {
		const struct report_theme *t = &r->pillars[pick[i].pillar].themes[pick[i].theme];
		at[i] = (struct report_attention){t->title, t->score, t->band, pick[i].advice,
						  pick[i].offers, pick[i].n_offers};
	}
	r->attention = at;
	r->n_attention = 3;
}

void report_demo_followup(struct report *r)
{
	r->offers = offers;
	r->n_offers = sizeof offers / sizeof offers[0];
	r->actions = actions;
	r->n_actions = sizeof actions / sizeof actions[0];
	r->previous_actions = previous_actions;
	r->n_previous_actions = sizeof previous_actions / sizeof previous_actions[0];
}

static void fill_full(struct report *r, struct arena *a, int en)
{
	r->draft = 0;
	r->created = 1741780800;   /* 2025-03-12 12:00 UTC: fixed, for identical bytes */
	r->company.name = "Van der Linden Metaalbewerking B.V.";
	r->company.sector = "C Industrie";
	r->company.fte = 86;
	r->company.municipality = "Sittard-Geleen";
	r->association.name = "Werkgeversvereniging Zuid (demo)";
	r->association.contact = "Anna de Vries, adviseur · 043 000 00 00 · anna.devries@example.nl";
	r->association.retention = "De vereniging bewaart uw antwoorden en dit rapport vijf jaar "
				   "na de scan. Het lectoraat Employability van Zuyd Hogeschool "
				   "ontvangt ze alleen zonder naam (gepseudonimiseerd).";
	r->scan_date = "2025-03-04";
	r->previous_scan_date = "2023-02-20";
	r->questionnaire_version = "fphc-2025.1";
	r->engine_version = "score 1.0.0";
	r->benchmark.available = 1;
	r->benchmark.group_label = en ? "sector C Manufacturing" : "sector C Industrie";
	r->benchmark.is_sector = 1;
	r->benchmark.n = 23;
	r->benchmark.snapshot_date = "2025-03-01";
	r->bands = en ? bands_en : bands_nl;
	r->n_bands = 3;
	fill_pillars(r, a, en);
	const struct report_theme **best = arena_alloc(a, 3 * sizeof *best);
	r->n_strongest = report_pick_strongest(r, best, 3);
	r->strongest = best;
	fill_attention(r, a);
	r->advice_md = advice_general;
	report_demo_followup(r);
	r->research_md = research;
	r->open_texts = open_texts;
	r->n_open_texts = sizeof open_texts / sizeof open_texts[0];
}

static char *long_advice(struct arena *a, size_t words)
{
	static const char *const w[] = {"medewerkers", "ontwikkelen", "samen", "het", "bedrijf",
					"**groeit**", "met", "*plezier*", "en", "aandacht", "voor",
					"vakmanschap"};
	char *s = arena_alloc(a, words * 16 + 64), *q = s;
	for (size_t i = 0; i < words; i++) {
		const char *word = w[i % (sizeof w / sizeof w[0])];
		size_t len = strlen(word);
		memcpy(q, word, len);
		q += len;
		*q++ = (i % 97 == 96) ? '\n' : ' ';
		if (i % 97 == 96)
			*q++ = '\n';
	}
	*q = '\0';
	return s;
}

void report_demo_edge(struct report *r, struct arena *a)
{
	r->company.name = "Coöperatieve Vereniging Samenwerkende Metaal-, Kunststof- en "
			  "Elektrotechnische Installatiebedrijven Zuid-Limburg U.A. – regio W";
	struct report_attention *at = arena_alloc(a, (r->n_attention ? r->n_attention : 1) * sizeof *at);
	memcpy(at, r->attention, r->n_attention * sizeof *at);
	if (r->n_attention > 0)
		at[0].advice_md = "Aandacht voor "
				  "arbeidsmarktcommunicatiewerkgeversbeleidsplan" /* 40+ letters */
				  " en een lange link: https://www.example.nl/een/heel/lang/pad/zonder/"
				  "spaties/dat/niet/op/een/regel/past/en/toch/gebroken/moet/worden.html";
	if (r->n_attention > 1)
		at[1].advice_md = long_advice(a, 3000);
	r->attention = at;
	struct report_action *ac = arena_alloc(a, 40 * sizeof *ac);
	for (size_t i = 0; i < 40; i++)
		ac[i] = (struct report_action){
			arena_printf(a, "Actie %zu: %s", i + 1, i % 3 ? "ontwikkelgesprekken voeren"
				     " en de uitkomsten vastleggen in het personeelsdossier" : "WSP bellen"),
			i % 2 ? "Petra van der Linden" : "Leidinggevende productie", "Q3 2025",
			i % 4 ? "open" : "gedaan"};
	r->actions = ac;
	r->n_actions = 40;
}

static void fill_sparse(struct report *r, struct arena *a)
{
	r->benchmark.available = 0;
	r->benchmark.n = 3;
	r->previous_scan_date = NULL;
	struct report_pillar *pl = (struct report_pillar *)r->pillars;
	for (size_t i = 0; i < r->n_pillars; i++) {
		pl[i].previous = NAN;
		pl[i].judgement_md = NULL;
		struct report_theme *th = (struct report_theme *)pl[i].themes;
		for (size_t t = 0; t < pl[i].n_themes; t++)
			th[t].previous = NAN;
	}
	struct report_theme *bias = (struct report_theme *)&pl[1].themes[3];
	bias->score = NAN;
	bias->band = -1;
	bias->sentence = NULL;
	struct report_attention *at = arena_alloc(a, r->n_attention * sizeof *at);
	memcpy(at, r->attention, r->n_attention * sizeof *at);
	for (size_t i = 0; i < r->n_attention; i++)
		at[i].advice_md = "";
	r->attention = at;
	r->advice_md = "";
	r->offers = NULL;
	r->n_offers = 0;
	r->actions = NULL;
	r->n_actions = 0;
	r->research_md = NULL;
	r->open_texts = NULL;
	r->n_open_texts = 0;
	r->previous_actions = NULL;
	r->n_previous_actions = 0;
}

void report_demo_fill(struct report *r, enum report_demo variant, struct arena *store)
{
	const char *lang = r->lang && strcmp(r->lang, "en") == 0 ? "en" : "nl";
	memset(r, 0, sizeof *r);
	r->lang = lang;
	fill_full(r, store, strcmp(lang, "en") == 0);
	if (variant == REPORT_DEMO_EDGE)
		report_demo_edge(r, store);
	else if (variant == REPORT_DEMO_SPARSE)
		fill_sparse(r, store);
}
