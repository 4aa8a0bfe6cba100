/* Unit tests: guard policy parsing, canonical form and verdicts. */
#include "antidote.h"
#include "unit.h"

static void
check_parse(const char *s, ad_status want, const char *canonical)
{
	ad_policy	p;
	char		buf[256];
	ad_status	st = ad_policy_parse(s, strlen(s), &p, NULL);

	if (st != want)
		fprintf(stderr, "policy \"%s\": got status %d\n", s, (int) st);
	CHECK(st == want);
	if (st == AD_OK && canonical)
	{
		CHECK(ad_policy_format(&p, buf, sizeof(buf)) == AD_OK);
		CHECK_STR(buf, canonical);
	}
}

static void
test_parse(void)
{
	size_t		pos = 0;
	ad_policy	p;

	/* A policy must check something. */
	check_parse("", AD_EPOLICY_EMPTY, NULL);
	check_parse("   ", AD_EPOLICY_EMPTY, NULL);
	check_parse("on_reject=quarantine", AD_EPOLICY_EMPTY, NULL);
	check_parse("require=any,on_update=always,on_reject=error", AD_EPOLICY_EMPTY, NULL);
	check_parse("require=verified", AD_OK, "require=verified,on_reject=error");
	/* on_update: changed (the default, not printed) or always. */
	check_parse("max_suspicion=0.5,on_update=changed", AD_OK, "require=any,max_suspicion=0.5,on_reject=error");
	check_parse("on_update=always,max_near_duplicates=3", AD_OK,
				"require=any,max_near_duplicates=3,on_update=always,on_reject=error");
	check_parse("max_suspicion=0.5,on_update=sometimes", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=0.5,on_update=always,on_update=changed", AD_EPOLICY_DUPLICATE, NULL);
	check_parse("require=verified,max_suspicion=0.8,max_near_duplicates=20,on_reject=quarantine", AD_OK,
				"require=verified,max_suspicion=0.8,max_near_duplicates=20,on_reject=quarantine");
	check_parse(" on_reject = quarantine , require=verified ", AD_OK, "require=verified,on_reject=quarantine");
	check_parse("max_suspicion=1", AD_OK, "require=any,max_suspicion=1,on_reject=error");
	check_parse("max_suspicion=0", AD_OK, "require=any,max_suspicion=0,on_reject=error");
	check_parse("max_suspicion=.5", AD_OK, "require=any,max_suspicion=0.5,on_reject=error");
	check_parse("max_near_duplicates=0", AD_OK, "require=any,max_near_duplicates=0,on_reject=error");
	check_parse("max_suspicion=1.5", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=-0.1", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=0,5", AD_EPOLICY_SYNTAX, NULL);
	check_parse("max_suspicion=abc", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=.", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=nan", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=0.1234567", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=0.000001", AD_OK, "require=any,max_suspicion=0.000001,on_reject=error");
	check_parse("max_suspicion=1.000000", AD_OK, "require=any,max_suspicion=1,on_reject=error");
	check_parse("max_suspicion=1.000001", AD_EPOLICY_VALUE, NULL);
	check_parse("max_suspicion=000000001", AD_EPOLICY_VALUE, NULL);
	check_parse("max_near_duplicates=-1", AD_EPOLICY_VALUE, NULL);
	check_parse("max_near_duplicates=99999999999", AD_EPOLICY_VALUE, NULL);
	check_parse("max_near_duplicates=2.5", AD_EPOLICY_VALUE, NULL);
	check_parse("require=signed", AD_EPOLICY_VALUE, NULL);
	check_parse("on_reject=drop", AD_EPOLICY_VALUE, NULL);
	check_parse("colour=blue", AD_EPOLICY_KEY, NULL);
	check_parse("require", AD_EPOLICY_SYNTAX, NULL);
	check_parse("require=any,", AD_EPOLICY_SYNTAX, NULL);
	check_parse(",require=any", AD_EPOLICY_SYNTAX, NULL);
	check_parse("require=any,,on_reject=error", AD_EPOLICY_SYNTAX, NULL);
	check_parse("require=any,require=verified", AD_EPOLICY_DUPLICATE, NULL);
	check_parse("REQUIRE=verified", AD_EPOLICY_KEY, NULL);

	CHECK(ad_policy_parse("require=any,on_reject=bad", 25, &p, &pos) == AD_EPOLICY_VALUE);
	CHECK(pos == 12);
	pos = 99;
	CHECK(ad_policy_parse("on_reject=error", 15, &p, &pos) == AD_EPOLICY_EMPTY);
	CHECK(pos == 0);
}

static void
test_check(void)
{
	ad_policy	p;
	ad_guard_verdict v;
	ad_guard_facts ok = {0.1, "verified", 3};
	ad_guard_facts bad = {0.95, "unsigned", 21};
	const char *s = "require=verified,max_suspicion=0.8,max_near_duplicates=20";

	CHECK(ad_policy_parse(s, strlen(s), &p, NULL) == AD_OK);
	CHECK(ad_policy_check(&p, &ok, &v) == AD_OK);
	CHECK(v.nreasons == 0);
	CHECK(ad_policy_check(&p, &bad, &v) == AD_OK);
	CHECK(v.nreasons == 3);
	CHECK_STR(v.reasons[0], "provenance is unsigned, policy requires verified");
	CHECK_STR(v.reasons[1], "suspicion 0.950 is above max_suspicion 0.8");
	CHECK_STR(v.reasons[2], "21 near-duplicates already stored, above max_near_duplicates 20");
	/* Hidden counts: the same verdict, no number of stored rows. */
	CHECK(ad_policy_check_ex(&p, &bad, 1, &v) == AD_OK);
	CHECK(v.nreasons == 3);
	CHECK_STR(v.reasons[2], "near-duplicates already stored, above max_near_duplicates 20");
	CHECK(strstr(v.reasons[2], "21") == NULL);

	/* Limits are inclusive: equal to the maximum passes. */
	{
		ad_guard_facts edge = {0.8, "verified", 20};

		CHECK(ad_policy_check(&p, &edge, &v) == AD_OK);
		CHECK(v.nreasons == 0);
	}
	/* Unchecked facts pass the checks that need them not; require=verified fails. */
	{
		ad_guard_facts none = {-1, NULL, -1};

		CHECK(ad_policy_parse("max_suspicion=0.5", 17, &p, NULL) == AD_OK);
		CHECK(ad_policy_check(&p, &none, &v) == AD_OK);
		CHECK(v.nreasons == 0);
		CHECK(ad_policy_parse("require=verified", 16, &p, NULL) == AD_OK);
		CHECK(ad_policy_check(&p, &none, &v) == AD_OK);
		CHECK(v.nreasons == 1);
		CHECK_STR(v.reasons[0], "provenance is unchecked, policy requires verified");
	}
}

void
test_policy(void)
{
	test_parse();
	test_check();
}
