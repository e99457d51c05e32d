/* questionnaire_sheet_nl.c: plain Dutch for the validator's English messages, for people who
 * edit the questionnaire in a spreadsheet. A message not in the table stays English. */
#include <stdio.h>
#include <string.h>

#include "scoring/questionnaire_sheet.h"
#include "common/banned.h"

static const struct {
	const char *english; /* the start of the validator's message */
	const char *dutch;
} table[] = {
	{"missing (only the last band", "vul max in; alleen de laatste regel van een vraag heeft geen max"},
	{"missing (give", "vul de punten voor ja en nee in"},
	{"missing", "vul dit in"},
	{"must be a finite number", "vul een getal in"},
	{"must be greater than min", "vul een getal groter dan min in"},
	{"must be true or false", "kies ja of nee"},
	{"must be a non-empty string", "vul een tekst in"},
	{"must be a string of 1 to", "gebruik 1 tot 64 tekens: letters, cijfers, _ - of ."},
	{"must be a tag of 1 to", "gebruik per label 1 tot 64 tekens: letters, cijfers, _ - of ."},
	{"must be a string of at most 32", "gebruik hoogstens 32 tekens"},
	{"must be an object", "vul dit in zoals in de leesmij staat"},
	{"must be an array", "vul dit in zoals in de leesmij staat"},
	{"duplicate", "deze sleutel komt twee keer voor; maak hem uniek"},
	{"the first band must start at 0", "de eerste scoreband begint bij 0"},
	{"bands must ascend", "de ondergrenzen moeten van regel tot regel oplopen"},
	{"band maxima must ascend", "de maxima moeten van regel tot regel oplopen"},
	{"the last band must be a catch-all", "laat max leeg in de laatste regel van deze vraag"},
	{"is more than all options together", "is meer dan alle opties samen; de vraag kan dan nooit de hoogste score halen"},
	{"only likert5 items can be reversed", "alleen een likert5-vraag kan omgekeerd tellen (reverse)"},
	{"only options of a multi item", "alleen opties van een multi-vraag kunnen exclusive zijn"},
	{"a theme needs at least one scored item", "een thema heeft minstens één vraag met score nodig (niet alleen open vragen)"},
	{"a scored item needs a tip", "vul een tip in op het tabblad tips: wat het bedrijf kan doen om hoger te scoren"},
	{"needs a text for band", "vul op het tabblad band_texts voor elke scoreband een tekst in"},
	{"not the key of a score band", "dit is geen sleutel van een scoreband op het tabblad bands"},
	{"unknown key", "deze sleutel is niet toegestaan in deze lijst"},
	{"unknown type", "kies een type: likert5, choice, multi, number, yesno of text"},
	{"\"na\" is reserved", "de sleutel na is gereserveerd; zet allow_na op ja bij de vraag"},
	{"text too long", "de tekst is te lang"},
	{"at most", "te veel vragen: hoogstens 1000"},
	{"a questionnaire must be", "de werkmap bevat geen vragenlijst"},
};

const char *questionnaire_sheet_dutch(const char *message, char *out, size_t outlen)
{
	double lo, hi;
	int count_lo, count_hi, count;
	if (sscanf(message, "must be greater than %lg", &lo) == 1)
		snprintf(out, outlen, "vul een getal groter dan %g in", lo);
	else if (sscanf(message, "must be between %lg and %lg", &lo, &hi) == 2 ||
		 sscanf(message, "out of range: must be between %lg and %lg", &lo, &hi) == 2)
		snprintf(out, outlen, "vul een getal van %g tot en met %g in", lo, hi);
	else if (sscanf(message, "must have %d to %d elements, has %d", &count_lo, &count_hi, &count) == 3)
		snprintf(out, outlen, "er moeten %d tot %d regels zijn, nu %d", count_lo, count_hi, count);
	else {
		for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
			if (strncmp(message, table[i].english, strlen(table[i].english)) == 0) {
				snprintf(out, outlen, "%s", table[i].dutch);
				return out;
			}
		snprintf(out, outlen, "%s", message);
	}
	/* Dutch writes a decimal comma */
	for (char *p = out; *p; p++)
		if (*p == '.' && p > out && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9')
			*p = ',';
	return out;
}
