#include <math.h>
/* strings.c: the fixed report texts, Dutch first, English second (see strings.h). */
#include <stdio.h>
#include <string.h>

#include "reports/strings.h"
#include "common/banned.h"

static const char *const texts[RS_COUNT][2] = {
	[RS_TITLE] = {"Persoonlijk rapport", "Personal report"},
	[RS_SCAN] = {"Future Proof Human Capital Scan", "Future Proof Human Capital Scan"},
	[RS_FOR] = {"voor", "for"},
	[RS_SCAN_DATE] = {"Datum van de scan", "Date of the scan"},
	[RS_BY] = {"Opgesteld door", "Prepared by"},
	[RS_WEB_VERSION] = {"Dit rapport staat ook op een webpagina. Die kunt u ook laten voorlezen:",
			    "This report is also on a web page, which a screen reader can read aloud:"},
	[RS_CONCEPT] = {"CONCEPT", "DRAFT"},
	[RS_PAGE_OF] = {"pagina %d van %d", "page %d of %d"},
	[RS_INSUFFICIENT] = {"onvoldoende antwoorden", "insufficient answers"},
	[RS_NO_BENCHMARK] = {"nog geen vergelijking: te weinig bedrijven",
			     "no comparison yet: too few companies"},
	[RS_YOUR_SCORE] = {"uw score", "your score"},
	[RS_PEER_BAND] = {"middelste helft van de branchegenoten",
			  "middle half of your peers"},
	[RS_PEER_MEDIAN] = {"mediaan branchegenoten", "peer median"},
	[RS_SCORE_OUT_OF] = {"van de 100", "out of 100"},
	[RS_HOWTO] = {"Zo leest u dit rapport", "How to read this report"},
	[RS_HOWTO_INTRO] = {
		"U vulde de scan in voor uw bedrijf. Elke vraag hoort bij een thema, en elk "
		"thema hoort bij een van de pijlers hieronder. Per thema en per pijler krijgt "
		"u een score van 0 tot 100. Hoe hoger de score, hoe beter uw bedrijf is "
		"voorbereid op de toekomst.",
		"You filled in the scan for your company. Every question belongs to a theme, "
		"and every theme belongs to one of the pillars below. Each theme and pillar "
		"gets a score from 0 to 100. The higher the score, the better your company is "
		"prepared for the future."},
	[RS_HOWTO_PILLARS] = {"De pijlers", "The pillars"},
	[RS_HOWTO_BANDS] = {"Wat de kleuren betekenen", "What the colours mean"},
	[RS_HOWTO_PEERS] = {"Vergelijking met branchegenoten", "Comparison with peers"},
	[RS_HOWTO_PEERS_TEXT] = {
		"We vergelijken uw scores met die van andere bedrijven die de scan deden. "
		"Het grijze vlak bij elk thema toont de middelste helft van die bedrijven: een "
		"kwart scoort lager, een kwart hoger. Het zwarte streepje is de mediaan: de "
		"helft scoort lager, de helft hoger. We tonen een vergelijking alleen als de "
		"groep groot genoeg is, zodat niemand één bedrijf kan herkennen.",
		"We compare your scores with those of other companies that did the scan. The "
		"grey area at each theme shows the middle half of those companies: a quarter "
		"score lower, a quarter higher. The black tick is the median: half score "
		"lower, half higher. We only show a comparison when the group is large "
		"enough, so that nobody can recognise a single company."},
	[RS_PEER_GROUP_USED] = {"Vergelijkingsgroep", "Peer group"},
	[RS_COMPANIES] = {"bedrijven", "companies"},
	[RS_SUMMARY] = {"Samenvatting", "Summary"},
	[RS_OVERALL] = {"Totaalscore", "Overall score"},
	[RS_RADAR_TITLE] = {"Score per pijler", "Score per pillar"},
	[RS_STRONGEST] = {"Uw sterkste thema's", "Your strongest themes"},
	[RS_ATTENTION_SHORT] = {"Aandachtspunten", "Points for attention"},
	[RS_NO_SCORES] = {"Er zijn te weinig vragen beantwoord om de thema's een score te geven. Een thema krijgt pas "
			  "een score als de meeste vragen ervan zijn beantwoord. Vraag uw adviseur om de scan "
			  "opnieuw te openen en vul de ontbrekende vragen aan.",
			  "Too few questions were answered to give the themes a score. A theme only gets a score "
			  "when most of its questions are answered. Ask your adviser to reopen the scan and fill "
			  "in the missing questions."},
	[RS_NO_SCORE] = {"geen score", "no score"},
	[RS_NO_OVERALL] = {"Er is nog geen totaalscore, want niet elke pijler heeft genoeg antwoorden. De thema's "
			   "met genoeg antwoorden hebben wel een score; die ziet u hieronder.",
			   "There is no overall score yet, because not every pillar has enough answers. The "
			   "themes with enough answers do have a score; you see them below."},
	[RS_PILLAR_NO_SCORES] = {"Voor deze pijler zijn te weinig vragen beantwoord om een score te geven. Het gaat "
				 "om deze thema's:",
				 "Too few questions of this pillar were answered to give a score. These themes "
				 "have no score:"},
	[RS_PILLAR_THEMES_UNSCORED] = {"Deze thema's hebben nog geen score:", "These themes have no score yet:"},
	[RS_PILLAR_FILL_IN] = {"Vraag uw adviseur om de scan opnieuw te openen en vul de ontbrekende vragen aan. "
			       "Dan krijgt u hier wel een score en tips.",
			       "Ask your adviser to reopen the scan and fill in the missing questions. Then you "
			       "get a score and tips here."},
	[RS_NO_ATTENTION] = {"Er zijn geen thema's in de laagste kleur.",
			     "No theme is in the lowest band."},
	[RS_PILLAR] = {"Pijler", "Pillar"},
	[RS_PEER_MEDIAN_IS] = {"Mediaan branchegenoten", "Peer median"},
	[RS_MOVERS] = {"Wat uw score omhoog brengt", "What would move your score"},
	[RS_CHANGE] = {"Verandering sinds de vorige scan", "Change since the previous scan"},
	[RS_CHANGE_INTRO] = {"Vorige scan", "Previous scan"},
	[RS_PREVIOUS] = {"Vorige", "Previous"},
	[RS_NOW] = {"Nu", "Now"},
	[RS_DIFFERENCE] = {"Verschil", "Change"},
	[RS_ATTENTION] = {"Aandachtspunten en advies", "Points for attention and advice"},
	[RS_NO_ADVICE] = {"Bij de punten zonder geschreven advies bespreekt uw adviseur met u in het gesprek wat u kunt doen.",
			  "For the points without written advice, your advisor will discuss with you in the meeting what you can do."},
	[RS_ADVICE] = {"Advies van uw adviseur", "Advice from your advisor"},
	[RS_OFFERS] = {"Aanbod voor de volgende stap", "Offers for the next step"},
	[RS_OFFERS_INTRO] = {"Deze partners kunnen u helpen:", "These partners can help you:"},
	[RS_PROVIDER] = {"Aanbieder", "Provider"},
	[RS_CONTACT] = {"Contact", "Contact"},
	[RS_ACTIONS] = {"Afspraken", "Agreed actions"},
	[RS_ACTIONS_INTRO] = {"Dit spraken we samen af:", "This is what we agreed:"},
	[RS_WHAT] = {"Wat", "What"},
	[RS_WHO] = {"Wie", "Who"},
	[RS_WHEN] = {"Wanneer", "When"},
	[RS_STATUS] = {"Status", "Status"},
	[RS_RESEARCH] = {"Waardering door het lectoraat", "Assessment by the research group"},
	[RS_COLOPHON] = {"Colofon", "Colophon"},
	[RS_QUESTIONNAIRE] = {"Versie vragenlijst", "Questionnaire version"},
	[RS_ENGINE] = {"Versie rekenmodel", "Scoring engine version"},
	[RS_BENCHMARK_DATE] = {"Stand vergelijking", "Benchmark date"},
	[RS_PEER_N] = {"Aantal branchegenoten", "Number of peers"},
	[RS_DATA] = {"Uw gegevens", "Your data"},
	[RS_ASSOCIATION_CONTACT] = {"Contact", "Contact"},
	[RS_COLOPHON_TEXT] = {
		"Dit rapport is gemaakt met de Future Proof Human Capital Scan. De scores "
		"zijn berekend met een vast rekenmodel; het advies is van uw adviseur.",
		"This report was made with the Future Proof Human Capital Scan. The scores "
		"were calculated with a fixed scoring model; the advice is your advisor's."},
	[RS_BRIEF_TITLE] = {"Gespreksvoorbereiding", "Meeting brief"},
	[RS_BRIEF_ONLY] = {"Alleen voor de adviseur — niet delen met het bedrijf.",
			   "For the advisor only — do not share with the company."},
	[RS_PROFILE] = {"Bedrijfsprofiel", "Company profile"},
	[RS_SECTOR] = {"Sector", "Sector"},
	[RS_FTE] = {"Aantal fte", "FTE"},
	[RS_MUNICIPALITY] = {"Gemeente", "Municipality"},
	[RS_AT_A_GLANCE] = {"Scores in één oogopslag", "Scores at a glance"},
	[RS_SUGGESTED] = {"Voorgesteld aanbod", "Suggested offers"},
	[RS_OPEN_TEXTS] = {"Antwoorden op open vragen", "Answers to open questions"},
	[RS_PREVIOUS_ACTIONS] = {"Open afspraken uit de vorige scan",
				 "Open actions from the previous scan"},
	[RS_NOTES] = {"Notities", "Notes"},
	[RS_NONE] = {"Geen.", "None."},
	[RS_BAND] = {"Kleur", "Band"},
	[RS_THEME] = {"Thema", "Theme"},
};

/* The peer words when the group is not the sector (size class or all
 * participants): "branchegenoten" would claim a sector comparison. */
static const char *const group_texts[RS_COUNT][2] = {
	[RS_PEER_BAND] = {"middelste helft van de vergelijkingsgroep", "middle half of the comparison group"},
	[RS_PEER_MEDIAN] = {"mediaan vergelijkingsgroep", "comparison group median"},
	[RS_HOWTO_PEERS] = {"Vergelijking met andere bedrijven", "Comparison with other companies"},
	[RS_PEER_MEDIAN_IS] = {"Mediaan vergelijkingsgroep", "Comparison group median"},
	[RS_PEER_N] = {"Aantal bedrijven in de vergelijking", "Number of companies compared"},
};

const char *report_str(const struct report *r, enum rs key)
{
	int en = r && r->lang && strcmp(r->lang, "en") == 0;
	if (r && !r->benchmark.is_sector && (unsigned)key < RS_COUNT && group_texts[key][en])
		return group_texts[key][en];
	if ((unsigned)key >= RS_COUNT || !texts[key][en])
		return "";
	return texts[key][en];
}

void report_format_date(const struct report *r, const char *iso, char *out, size_t n)
{
	static const char *const months[2][12] = {
		{"januari", "februari", "maart", "april", "mei", "juni", "juli",
		 "augustus", "september", "oktober", "november", "december"},
		{"January", "February", "March", "April", "May", "June", "July",
		 "August", "September", "October", "November", "December"},
	};
	int y, m, d, used = 0;
	if (!n)
		return;
	out[0] = '\0';
	if (!iso)
		return;
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && used == 10 &&
	    m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		int en = r && r->lang && strcmp(r->lang, "en") == 0;
		snprintf(out, n, "%d %s %d", d, months[en][m - 1], y);
		return;
	}
	snprintf(out, n, "%s", iso);
}

int report_any_theme_scored(const struct report *r)
{
	for (size_t p = 0; p < r->n_pillars; p++)
		for (size_t t = 0; t < r->pillars[p].n_themes; t++)
			if (!isnan(r->pillars[p].themes[t].score))
				return 1;
	return 0;
}
