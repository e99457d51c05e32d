/* demo_offers.c: realistic demo offers of regional partners for the demo
 * association (`fphc demo init`); added once, by title, so reruns change nothing. */
#include <stdio.h>

#include "cli/demo_offers.h"
#include "server/db/offer.h"
#include "common/banned.h"

static const struct {
	const char *title, *provider, *description, *contact, *url, *tags;
} offers[] = {
	{"Inclusief herontwerp van functies", "Werkgeversservicepunt Zuid-Limburg",
	 "Samen met u kijken we welke taken in uw bedrijf blijven liggen. Daar maken we passende functies van voor "
	 "mensen met een afstand tot de arbeidsmarkt. Inclusief begeleiding en subsidieadvies.",
	 "Team Werkgeversdienstverlening, 043 000 00 00", "https://www.example.org/wsp-inclusief-herontwerp",
	 "{inclusive-redesign,labour-market}"},
	{"Workshop onbewuste vooroordelen bij werving", "Leo Loopbaan",
	 "Een praktische workshop van een dagdeel voor leidinggevenden en wie werft: herken vooroordelen in "
	 "vacatureteksten en gesprekken, en werk met vaste vragen.", "info@leoloopbaan.example",
	 "https://www.example.org/leo-workshop-vooroordelen", "{unconscious-bias,inclusive-redesign}"},
	{"Loopbaangesprekken voor medewerkers", "Leo Loopbaan",
	 "Medewerkers voeren twee of drie gesprekken met een loopbaanadviseur over hun ontwikkeling en "
	 "inzetbaarheid. U krijgt een kort advies op bedrijfsniveau.", "info@leoloopbaan.example", "",
	 "{talent-development,sustainable-employability,mobility}"},
	{"Subsidie voor scholing en duurzame inzetbaarheid", "Opleidings- en ontwikkelfonds (O&O-fonds)",
	 "Een bijdrage in de kosten van opleidingen, loopbaanadvies en een plan voor duurzame inzetbaarheid.",
	 "", "https://www.example.org/oo-fonds-subsidie", "{talent-development,sustainable-employability}"},
	{"Strategische personeelsplanning in drie sessies", "Demo Werkgeversvereniging",
	 "Met een adviseur van de vereniging brengt u in drie sessies in kaart welk personeel u over drie jaar nodig "
	 "heeft, en wat u daarvoor nu doet.", "adviseur@demo.example", "",
	 "{workforce-planning,strategy}"},
	{"Regionale flexpool", "Werkgeversservicepunt Zuid-Limburg",
	 "Deel personeel met andere bedrijven in de regio bij pieken en dalen, met afspraken over contracten en "
	 "verzekering.", "flexpool@wsp.example", "", "{flex-scaling,mobility}"},
};

int demo_offers_seed(struct db *db, long long org_id)
{
	for (size_t i = 0; i < sizeof(offers) / sizeof(offers[0]); i++) {
		struct offer_fields f = {
			.title = offers[i].title, .provider = offers[i].provider, .description = offers[i].description,
			.contact = offers[i].contact, .url = offers[i].url, .price = "", .region = "Limburg",
			.tags = offers[i].tags, .active = 1,
		};
		if (db_offer_add_once(db, org_id, &f) != 0)
			return -1;
	}
	return 0;
}
