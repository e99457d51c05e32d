/* offer_catalogue_write.c: the stored catalogue as .xlsx (libxlsxwriter) or CSV, its column
 * table and its digest; see offer_catalogue.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "server/app/offer_catalogue.h"
#include "server/app/workbook_file.h"
#include "common/crypto.h"
#include "common/banned.h"

const struct offer_column_def offer_catalogue_columns[OFFER_COL_COUNT] = {
	[OFFER_COL_ID] = {"id", "Het nummer van het aanbod in fphc. Laat leeg voor een nieuw aanbod; verander het niet."},
	[OFFER_COL_PROVIDER] = {"provider", "De aanbieder: de partner die het aanbod geeft (verplicht)."},
	[OFFER_COL_TITLE] = {"title", "De naam van het aanbod, zoals de ondernemer hem leest (verplicht)."},
	[OFFER_COL_DESCRIPTION] = {"description", "Wat het aanbod is en voor wie, in gewone woorden (hoogstens 5000 tekens)."},
	[OFFER_COL_CONTACT] = {"contact", "Wie de ondernemer kan bellen of mailen. Vul contact of url in."},
	[OFFER_COL_URL] = {"url", "De webpagina van het aanbod, beginnend met https://."},
	[OFFER_COL_PRICE] = {"price", "Wat het kost, als tekst: bijvoorbeeld \"gratis\" of \"€ 450 per deelnemer\"."},
	[OFFER_COL_REGION] = {"region", "Waar het aanbod geldt, bijvoorbeeld \"Zuid-Limburg\"."},
	[OFFER_COL_TAGS] = {"offer_tags", "Bij welke thema's het aanbod past: de offer_tags van de vragenlijst, met komma's ertussen."},
	[OFFER_COL_ACTIVE] = {"active", "ja: adviseurs kunnen het kiezen; nee: het staat uit."},
};

static const char *const readme[] = {
	"Dit is het regionale aanbod van uw vereniging in de Future Proof Human Capital Scan.",
	"Eén regel per aanbod op het tabblad aanbod. Rij 1 bevat de kolomnamen: verander die niet.",
	"Nieuw aanbod: vul een regel in en laat de kolom id leeg.",
	"Aanbod dat u weghaalt, wordt uitgezet (niet gewist): gekozen aanbod blijft bij de scans staan.",
	"Gebruik geen formules en geen samengevoegde cellen. Upload het bestand daarna bij Aanbod > Bestand uploaden.",
	"U ziet eerst alle wijzigingen; er wordt pas iets opgeslagen als u ze bevestigt.",
	NULL,
};

/* The value of column c of a stored offer. */
static const char *value(const struct offer_row *o, int c, char num[32])
{
	switch (c) {
	case OFFER_COL_ID: snprintf(num, 32, "%lld", o->id); return num;
	case OFFER_COL_PROVIDER: return o->provider;
	case OFFER_COL_TITLE: return o->title;
	case OFFER_COL_DESCRIPTION: return o->description;
	case OFFER_COL_CONTACT: return o->contact;
	case OFFER_COL_URL: return o->url;
	case OFFER_COL_PRICE: return o->price;
	case OFFER_COL_REGION: return o->region;
	case OFFER_COL_TAGS: return o->tags;
	case OFFER_COL_ACTIVE: default: return o->active ? "ja" : "nee";
	}
}

static void write_readme(lxw_workbook *wb, const struct upload_formats *fmt)
{
	static const char *const headings[] = {"kolom", "uitleg", NULL};
	static const double widths[] = {16, 100};
	lxw_row_t r;
	lxw_worksheet *ws = workbook_upload_readme(wb, fmt, OFFER_CATALOGUE_README, readme, headings, widths, &r);
	for (int c = 0; c < OFFER_COL_COUNT; c++) {
		worksheet_write_string(ws, r, 0, offer_catalogue_columns[c].name, NULL);
		worksheet_write_string(ws, r++, 1, offer_catalogue_columns[c].explain, NULL);
	}
}

static void write_offers(lxw_workbook *wb, const struct offer_row *stored, int n, lxw_format *head)
{
	static const double width[OFFER_COL_COUNT] = {8, 30, 36, 60, 28, 32, 20, 18, 30, 8};
	static const char *const yes_no[] = {"ja", "nee", NULL};
	lxw_worksheet *ws = workbook_add_worksheet(wb, OFFER_CATALOGUE_SHEET);
	for (int c = 0; c < OFFER_COL_COUNT; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, offer_catalogue_columns[c].name, head);
		worksheet_write_comment(ws, 0, (lxw_col_t)c, offer_catalogue_columns[c].explain);
	}
	lxw_data_validation dv = {
		.validate = LXW_VALIDATION_TYPE_LIST,
		.value_list = (char **)yes_no, /* read only by the writer */
		.ignore_blank = LXW_VALIDATION_ON,
		.error_title = (char *)"Kies ja of nee",
		.error_message = (char *)"Vul ja of nee in.",
	};
	worksheet_data_validation_range(ws, 1, OFFER_COL_ACTIVE, OFFER_CATALOGUE_MAX_ROWS, OFFER_COL_ACTIVE, &dv);
	for (int i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);
		worksheet_write_number(ws, r, OFFER_COL_ID, (double)stored[i].id, NULL);
		char num[32];
		for (int c = OFFER_COL_PROVIDER; c < OFFER_COL_COUNT; c++) {
			const char *v = value(&stored[i], c, num);
			if (v[0])
				worksheet_write_string(ws, r, (lxw_col_t)c, v, NULL);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_activate(ws);
}

int offer_catalogue_xlsx(const struct offer_row *stored, int n_stored, struct buf *out)
{
	struct workbook_file file;
	struct upload_formats fmt;
	if (!workbook_upload_open(&file, &fmt))
		return -1;
	write_offers(file.wb, stored, n_stored, fmt.head);
	write_readme(file.wb, &fmt);
	return workbook_file_close(&file, out);
}

int offer_catalogue_csv(const struct offer_row *stored, int n_stored, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (int c = 0; c < OFFER_COL_COUNT; c++) {
		if (c)
			buf_putc(out, ';');
		buf_csv_field(out, offer_catalogue_columns[c].name, ';');
	}
	buf_puts(out, "\r\n");
	for (int i = 0; i < n_stored; i++) {
		char num[32];
		for (int c = 0; c < OFFER_COL_COUNT; c++) {
			if (c)
				buf_putc(out, ';');
			if (c == OFFER_COL_ID)
				buf_puts(out, value(&stored[i], c, num));
			else
				buf_csv_text(out, value(&stored[i], c, num), ';');
		}
		buf_puts(out, "\r\n");
	}
	return out->toobig ? -1 : 0;
}

void offer_catalogue_digest(const struct offer_row *stored, int n_stored, char out[65])
{
	struct buf b = BUF_INIT;
	char num[32];
	for (int i = 0; i < n_stored; i++)
		for (int c = 0; c < OFFER_COL_COUNT; c++) {
			buf_puts(&b, value(&stored[i], c, num));
			buf_putc(&b, '\x1f'); /* a separator no stored text holds */
		}
	crypto_sha256_hex(b.data, b.len, out);
	buf_release(&b);
}
