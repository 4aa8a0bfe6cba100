/* Core unit tests: runs every suite and prints the closing tally. */
#include <stdlib.h>

#include "unit.h"

int			unit_passed = 0;
int			unit_failed = 0;

void		test_fuzzy(const char *datadir);
void		test_text(const char *datadir);
void		test_errors(void);
void		test_policy(void);
void		test_provenance(const char *datadir);
void		test_suspicion(void);
void		test_neardup(const char *datadir);
void		test_sweep(void);

char *
unit_read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	if (buf != NULL && fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf != NULL)
	{
		buf[n] = '\0';
		*len = (size_t) n;
	}
	return buf;
}

int
main(int argc, char **argv)
{
	const char *datadir = argc > 1 ? argv[1] : "tests/data";

	test_errors();
	test_fuzzy(datadir);
	test_text(datadir);
	test_policy();
	test_provenance(datadir);
	test_suspicion();
	test_neardup(datadir);
	test_sweep();
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed == 0 ? 0 : 1;
}
