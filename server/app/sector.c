/* sector.c: SBI sections A–U (SBI 2008 / NACE rev. 2) in Dutch and English. */
#include <string.h>

#include "server/app/sector.h"
#include "common/banned.h"

const struct sbi_section sbi_sections[SBI_COUNT] = {
	{'A', "Landbouw, bosbouw en visserij", "Agriculture, forestry and fishing"},
	{'B', "Delfstoffenwinning", "Mining and quarrying"},
	{'C', "Industrie", "Manufacturing"},
	{'D', "Energievoorziening", "Electricity, gas, steam and air conditioning supply"},
	{'E', "Waterbedrijven en afval- en afvalwaterbeheer", "Water supply, sewerage and waste management"},
	{'F', "Bouwnijverheid", "Construction"},
	{'G', "Handel", "Wholesale and retail trade"},
	{'H', "Vervoer en opslag", "Transportation and storage"},
	{'I', "Logies-, maaltijd- en drankverstrekking", "Accommodation and food service"},
	{'J', "Informatie en communicatie", "Information and communication"},
	{'K', "Financiële dienstverlening", "Financial and insurance activities"},
	{'L', "Verhuur van en handel in onroerend goed", "Real estate activities"},
	{'M', "Advisering, onderzoek en overige specialistische zakelijke dienstverlening",
	 "Professional, scientific and technical activities"},
	{'N', "Verhuur van roerende goederen en overige zakelijke dienstverlening",
	 "Administrative and support service activities"},
	{'O', "Openbaar bestuur, overheidsdiensten en verplichte sociale verzekeringen",
	 "Public administration and defence; compulsory social security"},
	{'P', "Onderwijs", "Education"},
	{'Q', "Gezondheids- en welzijnszorg", "Human health and social work"},
	{'R', "Cultuur, sport en recreatie", "Arts, entertainment and recreation"},
	{'S', "Overige dienstverlening", "Other service activities"},
	{'T', "Huishoudens als werkgever", "Households as employers"},
	{'U', "Extraterritoriale organisaties en lichamen", "Extraterritorial organisations and bodies"},
};

const struct sbi_section *sbi_find(const char *code)
{
	if (!code || code[0] < 'A' || code[0] > 'U' || code[1] != '\0')
		return NULL;
	return &sbi_sections[code[0] - 'A'];
}

const char *sbi_name(const char *code, const char *lang)
{
	const struct sbi_section *s = sbi_find(code);
	if (!s)
		return "";
	return lang && strcmp(lang, "en") == 0 ? s->en : s->nl;
}

cJSON *sbi_options(const char *lang, const char *selected)
{
	cJSON *list = cJSON_CreateArray();
	for (int i = 0; i < SBI_COUNT; i++) {
		char code[2] = {sbi_sections[i].letter, '\0'};
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", code);
		cJSON_AddStringToObject(o, "name", sbi_name(code, lang));
		cJSON_AddBoolToObject(o, "selected", selected && strcmp(selected, code) == 0);
		cJSON_AddItemToArray(list, o);
	}
	return list;
}
