/* Near-duplicate thresholds as named settings, with their ranges. */
#include <math.h>
#include <string.h>

#include "antidote.h"

void
ad_neardup_defaults(ad_neardup_params *p)
{
	p->ssdeep_threshold = AD_SSDEEP_THRESHOLD_DEFAULT;
	p->minhash_threshold = AD_MINHASH_THRESHOLD_DEFAULT;
	p->boilerplate_min_texts = AD_BOILERPLATE_MIN_TEXTS_DEFAULT;
}

ad_status
ad_neardup_set(ad_neardup_params *p, const char *name, double value)
{
	if (strcmp(name, "ssdeep_threshold") == 0)
	{
		if (!isfinite(value) || value < 0 || value > 100 || value != floor(value))
			return AD_ESSDEEP_THRESHOLD;
		p->ssdeep_threshold = (int) value;
		return AD_OK;
	}
	if (strcmp(name, "minhash_threshold") == 0)
	{
		if (!isfinite(value) || value < 0 || value > 1)
			return AD_EMINHASH_THRESHOLD;
		p->minhash_threshold = value;
		return AD_OK;
	}
	if (strcmp(name, "boilerplate_min_texts") == 0)
	{
		if (!isfinite(value) || value != floor(value) || value < 0 || value == 1 ||
			value > AD_BOILERPLATE_MIN_TEXTS_MAX)
			return AD_EBOILERPLATE_MIN_TEXTS;
		p->boilerplate_min_texts = (int) value;
		return AD_OK;
	}
	return AD_ESETTING_NAME;
}

ad_status
ad_neardup_get(const ad_neardup_params *p, const char *name, double *value, int *integral)
{
	*integral = 0;
	if (strcmp(name, "ssdeep_threshold") == 0)
	{
		*value = p->ssdeep_threshold;
		*integral = 1;
		return AD_OK;
	}
	if (strcmp(name, "minhash_threshold") == 0)
	{
		*value = p->minhash_threshold;
		return AD_OK;
	}
	if (strcmp(name, "boilerplate_min_texts") == 0)
	{
		*value = p->boilerplate_min_texts;
		*integral = 1;
		return AD_OK;
	}
	return AD_ESETTING_NAME;
}
