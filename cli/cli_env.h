/* cli_env.h: the settings `make run` left in ./var/fphc.env. */
#ifndef FPHC_CLI_ENV_H
#define FPHC_CLI_ENV_H

#define CLI_ENV_FILE "var/fphc.env"

/* When DATABASE_URL is not set, sets DATABASE_URL, FPHC_OWNER_URL, FPHC_LISTEN
 * and FPHC_BASE_URL from path (lines "export KEY='value'") where they are not
 * set already. Returns 1 when the file was read, else 0. */
int cli_env_file(const char *path);

#endif
