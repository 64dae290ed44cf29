/*
 * controls_guc.c — configuration of the controls layer.
 *
 * pg_screen.default_jurisdiction: the jurisdiction of a control code written
 * without a prefix ('3A001' means 'US:3A001' by default).
 */
#include "pg_screen.h"

#include "utils/guc.h"

#include "controlcode.h"

int			pg_screen_default_jurisdiction = CC_JUR_US;

static const struct config_enum_entry jurisdiction_options[] = {
	{"US", CC_JUR_US, false},
	{"EU", CC_JUR_EU, false},
	{"UK", CC_JUR_UK, false},
	{"WA", CC_JUR_WA, false},
	{NULL, 0, false}
};

void
pg_screen_controls_init(void)
{
	DefineCustomEnumVariable("pg_screen.default_jurisdiction",
							 "Jurisdiction of a control code written without a prefix.",
							 "One of US, EU, UK, WA. Output always carries the prefix.",
							 &pg_screen_default_jurisdiction,
							 CC_JUR_US,
							 jurisdiction_options,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}
