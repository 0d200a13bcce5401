/*
 * test_target_rules: the rule targets (daemon/judge/target*.c): growth
 * yoy, floor, ceiling, decline and rise, each against every status it can
 * produce: the periods judged, the violations, the first of them, and a
 * key phrase of the explanation in zh-CN and en.
 * Expectations are computed by hand, never with the code under test; the
 * notation and the targets of the rows are in unit/judge_case.h.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "config.h"
#include "explain.h"
#include "obs.h"
#include "period.h"
#include "target.h"
#include "unit/judge_case.h"

/* ------------------------------------------------------------------ */
/* rules: growth yoy, floor, ceiling, decline, rise                     */

struct rcase {
	const char *name;
	struct tspec t;
	const struct pv *obs;
	const struct pv *rates; /* NULL: none */
	enum status want;
	const char *lp; /* latest judged period; NULL: none */
	double latest, planned, gap, gap_pct;
	int judged, violations;
	const char *first; /* first violation; NULL: none */
	unsigned flags;
	const char *zh, *en;
};

/*
 * Row layout (struct rcase): name, target, observations, rates, status,
 * latest judged period, latest value (yoy: growth in %), planned (the
 * bound, the rate in %, or the previous value), gap, gap%, periods
 * judged, violations, first violation, flags, zh phrase, en phrase.
 */
static const struct rcase yoy_cases[] = {
    /*
     * The example, on the published real growth (rate series):
     * 2021 9.5 >= 8 ok, 2022 1.1 < 8, 2023 2.5 < 8 -> breach (latest
     * missed), 2 violations of 3, first 2022; latest 2.5, planned 8,
     * gap -5.5, gap% -5.5 / 8 * 100 = -68.75.  The level series (here
     * growing 10 % a year) is not what is judged.
     */
    {"yoy rates GDP example breach", {YOY8, .from = "2021", .to = "2025"},
	OBS({"2020", 100}, {"2021", 110}, {"2022", 121}, {"2023", 133.1}),
	OBS({"2021", 9.5}, {"2022", 1.1}, {"2023", 2.5}), STATUS_BREACH, "2023",
	2.5, 8, -5.5, -68.75, 3, 2, "2022", F_RATES,
	"2023 年增长 2.5%，低于 8% 的目标下限（3 期中 2 期未达标，首次为 2022 "
	"年）。",
	"2023: growth 2.5 %, below the 8 % floor (2 of 3 periods missed it, "
	"first 2022)."},
    /* Rates 2021 9, 2022 8.5: kept -> on_track; gap 0.5, gap% 6.25. */
    {"yoy rates on_track", {YOY8, .from = "2021", .to = "2025"}, NO_OBS,
	OBS({"2021", 9}, {"2022", 8.5}), STATUS_ON_TRACK, "2022", 8.5, 8, 0.5,
	6.25, 2, 0, NULL, F_RATES, "2022 年增长 8.5%，不低于 8% 的目标下限。",
	"2022: growth 8.5 %, at or above the 8 % floor."},
    /* Rates 2021 7 < 8, 2022 9: an earlier period missed -> at_risk. */
    {"yoy rates at_risk", {YOY8}, NO_OBS, OBS({"2021", 7}, {"2022", 9}),
	STATUS_AT_RISK, "2022", 9, 8, 1, 12.5, 2, 1, "2021", F_RATES,
	"（2 期中 1 期未达标，首次为 2021 年）",
	"(1 of 2 periods missed it, first 2021)"},
    /*
     * to = 2022, judged and kept: met.  2023 = 1 is after "to" and not
     * judged.
     */
    {"yoy rates met at to", {YOY8, .from = "2021", .to = "2022"}, NO_OBS,
	OBS({"2021", 9}, {"2022", 8.5}, {"2023", 1}), STATUS_MET, "2022", 8.5,
	8, 0.5, 6.25, 2, 0, NULL, F_RATES, "不低于 8% 的目标下限",
	"at or above the 8 % floor"},
    /* An empty rate series: no_data even though the levels would do. */
    {"yoy rates no_data", {YOY8}, OBS({"2020", 100}, {"2021", 110}), NO_OBS,
	STATUS_NO_DATA, NULL, NAN, NAN, NAN, NAN, 0, 0, NULL, F_RATES, NULL,
	NULL},
    /*
     * On the level series, annual: 100, 110, 121, 133.1 grow 10 % each
     * year (2020 has no year before) -> 3 periods, on_track; latest 10,
     * gap 2, gap% 25.
     */
    {"yoy levels on_track", {YOY8},
	OBS({"2020", 100}, {"2021", 110}, {"2022", 121}, {"2023", 133.1}), NULL,
	STATUS_ON_TRACK, "2023", 10, 8, 2, 25, 3, 0, NULL, 0,
	"2023 年增长 10%，不低于 8% 的目标下限。",
	"2023: growth 10 %, at or above the 8 % floor."},
    /* 100, 105 (5 %), 115.5 (10 %): 2021 missed -> at_risk. */
    {"yoy levels at_risk", {YOY8},
	OBS({"2020", 100}, {"2021", 105}, {"2022", 115.5}), NULL,
	STATUS_AT_RISK, "2022", 10, 8, 2, 25, 2, 1, "2021", 0,
	"（2 期中 1 期未达标，首次为 2021 年）",
	"(1 of 2 periods missed it, first 2021)"},
    /* 100, 110 (10 %), 115.5 (5 %): the latest missed -> breach; gap
     * 5 - 8 = -3, gap% -37.5. */
    {"yoy levels breach", {YOY8},
	OBS({"2020", 100}, {"2021", 110}, {"2022", 115.5}), NULL, STATUS_BREACH,
	"2022", 5, 8, -3, -37.5, 2, 1, "2022", 0,
	"2022 年增长 5%，低于 8% 的目标下限（2 期中 1 期未达标，首次为 2022 "
	"年）。",
	"2022: growth 5 %, below the 8 % floor (1 of 2 periods missed it, "
	"first 2022)."},
    /* to = 2022 kept: met; 2023 (-10 %) lies after "to". */
    {"yoy levels met at to", {YOY8, .to = "2022"},
	OBS({"2020", 100}, {"2021", 110}, {"2022", 121}, {"2023", 108.9}), NULL,
	STATUS_MET, "2022", 10, 8, 2, 25, 2, 0, NULL, 0, "2022 年增长 10%",
	"2022: growth 10 %"},
    /* to = 2022 kept, but 2021 missed: at_risk outranks met. */
    {"yoy levels to kept after an earlier miss", {YOY8, .to = "2022"},
	OBS({"2020", 100}, {"2021", 105}, {"2022", 115.5}), NULL,
	STATUS_AT_RISK, "2022", 10, 8, 2, 25, 2, 1, "2021", 0, "首次为 2021 年",
	"first 2021"},
    /* from = 2022 leaves 2021's miss out: 1 period, on_track. */
    {"yoy levels from", {YOY8, .from = "2022"},
	OBS({"2020", 100}, {"2021", 105}, {"2022", 115.5}), NULL,
	STATUS_ON_TRACK, "2022", 10, 8, 2, 25, 1, 0, NULL, 0, "不低于",
	"at or above"},
    /*
     * about 10 %: the bound is 8 - 0.1 * 8 = 7.2; 100 -> 107.5 grows
     * 7.5 % -> on_track with about, breach without (next row).  gap
     * 7.5 - 8 = -0.5, gap% -6.25.  (The explanation's wording is in
     * test_regression_yoy_about_wording.)
     */
    {"yoy levels about on_track", {YOY8, .about = 0.1},
	OBS({"2020", 100}, {"2021", 107.5}), NULL, STATUS_ON_TRACK, "2021", 7.5,
	8, -0.5, -6.25, 1, 0, NULL, 0, NULL, NULL},
    {"yoy levels 7.5 without about", {YOY8},
	OBS({"2020", 100}, {"2021", 107.5}), NULL, STATUS_BREACH, "2021", 7.5,
	8, -0.5, -6.25, 1, 1, "2021", 0, "低于 8% 的目标下限",
	"below the 8 % floor"},
    /* A single observation has no growth: no_data. */
    {"yoy levels single observation", {YOY8}, OBS({"2021", 100}), NULL,
	STATUS_NO_DATA, NULL, NAN, NAN, NAN, NAN, 0, 0, NULL, 0, NULL, NULL},
    /* Growth only before "from": no_data. */
    {"yoy levels all before from", {YOY8, .from = "2023"},
	OBS({"2020", 100}, {"2021", 110}, {"2022", 121}), NULL, STATUS_NO_DATA,
	NULL, NAN, NAN, NAN, NAN, 0, 0, NULL, 0, NULL, NULL},
    /*
     * Quarterly: growth over the same quarter a year earlier.  2021
     * quarters 100; 2022-Q1 110 (+10 %), 2022-Q2 111 (+11 %; only
     * +0.9 % over 2022-Q1, which must not be judged) -> on_track; gap
     * 3, gap% 37.5.
     */
    {"yoy quarterly on_track", {YOY8},
	OBS({"2021-Q1", 100}, {"2021-Q2", 100}, {"2021-Q3", 100},
	    {"2021-Q4", 100}, {"2022-Q1", 110}, {"2022-Q2", 111}),
	NULL, STATUS_ON_TRACK, "2022-Q2", 11, 8, 3, 37.5, 2, 0, NULL, 0,
	"增长 11%，不低于 8% 的目标下限",
	"2022-Q2: growth 11 %, at or above the 8 % floor."},
    /* 2022-Q1 105 (+5 %), 2022-Q2 110 (+10 %) -> at_risk. */
    {"yoy quarterly at_risk", {YOY8},
	OBS({"2021-Q1", 100}, {"2021-Q2", 100}, {"2022-Q1", 105},
	    {"2022-Q2", 110}),
	NULL, STATUS_AT_RISK, "2022-Q2", 10, 8, 2, 25, 2, 1, "2022-Q1", 0,
	"首次为 2022-Q1", "first 2022-Q1"},
    /*
     * 2022-Q1 110 (+10 %), 2022-Q2 104 (+4 %) -> breach; 2022-Q3 has no
     * 2021-Q3 to compare with and is not judged.  gap -4, gap% -50.
     */
    {"yoy quarterly breach", {YOY8},
	OBS({"2021-Q1", 100}, {"2021-Q2", 100}, {"2022-Q1", 110},
	    {"2022-Q2", 104}, {"2022-Q3", 50}),
	NULL, STATUS_BREACH, "2022-Q2", 4, 8, -4, -50, 2, 1, "2022-Q2", 0,
	"低于 8% 的目标下限", "below the 8 % floor"},
    /* Quarterly "to" kept: met. */
    {"yoy quarterly met at to", {YOY8, .to = "2022-Q1"},
	OBS({"2021-Q1", 100}, {"2022-Q1", 110}, {"2022-Q2", 90}), NULL,
	STATUS_MET, "2022-Q1", 10, 8, 2, 25, 1, 0, NULL, 0, "不低于",
	"at or above"},
    /* Monthly: 2022-01 over 2021-01, 109 / 100 -> 9 %, on_track. */
    {"yoy monthly on_track", {YOY8},
	OBS({"2021-01", 100}, {"2021-12", 100}, {"2022-01", 109}), NULL,
	STATUS_ON_TRACK, "2022-01", 9, 8, 1, 12.5, 1, 0, NULL, 0, "不低于",
	"at or above"},
    /*
     * Year to date across a year boundary, as the NBS publishes (January
     * and February together): 2023-M01-M02 200, 2023-M01-M03 300,
     * 2023-M01-M12 1200; 2024-M01-M02 220, 2024-M01-M03 315.  Each is
     * compared with the same months a year earlier: 2024-M01-M02 with
     * 2023-M01-M02, 220 / 200 -> +10 % (with 2023-M01-M12, the
     * observation before it, it would be -81.7 %: a breach);
     * 2024-M01-M03 with 2023-M01-M03, 315 / 300 -> +5 % < 8: the latest
     * missed -> breach, 1 violation of 2 judged (2023's have no year
     * before), first 2024-M01-M03; gap 5 - 8 = -3, gap% -37.5.
     */
    {"yoy year to date across a year boundary", {YOY8},
	OBS({"2023-M01-M02", 200}, {"2023-M01-M03", 300},
	    {"2023-M01-M12", 1200}, {"2024-M01-M02", 220},
	    {"2024-M01-M03", 315}),
	NULL, STATUS_BREACH, "2024-M01-M03", 5, 8, -3, -37.5, 2, 1,
	"2024-M01-M03", 0, "低于 8% 的目标下限", "below the 8 % floor"},
    /* 2024-M01-M03 330 (+10 %): both kept -> on_track; gap 2, 25 %. */
    {"yoy year to date on_track", {YOY8, .from = "2024-M01-M01"},
	OBS({"2023-M01-M02", 200}, {"2023-M01-M03", 300},
	    {"2023-M01-M12", 1200}, {"2024-M01-M02", 220},
	    {"2024-M01-M03", 330}),
	NULL, STATUS_ON_TRACK, "2024-M01-M03", 10, 8, 2, 25, 2, 0, NULL, 0,
	"不低于 8% 的目标下限", "at or above the 8 % floor"},
    /*
     * Quarterly year to date (GDP 一季度, 上半年, 前三季度): 2024-Q1-Q3
     * 790 over 2023-Q1-Q3 700 -> +12.857142857 %; 2024-Q1-Q2 520 over
     * 2023-Q1-Q2 480 -> +8.333333333 % -> on_track; gap 4.857142857,
     * gap% 60.714285714.
     */
    {"yoy quarterly year to date", {YOY8},
	OBS({"2023-Q1-Q2", 480}, {"2023-Q1-Q3", 700}, {"2023-Q1-Q4", 1000},
	    {"2024-Q1-Q2", 520}, {"2024-Q1-Q3", 790}),
	NULL, STATUS_ON_TRACK, "2024-Q1-Q3", 12.857142857142858, 8,
	4.857142857142858, 60.71428571428572, 2, 0, NULL, 0, "不低于",
	"at or above"},
};

static const struct rcase bound_cases[] = {
    /* floor 5: 6, 6.5, 7; next 7 + 0.5 = 7.5 >= 5 -> on_track; gap 2,
     * gap% 2 / 5 * 100 = 40. */
    {"floor on_track", {FLOOR5}, OBS({"2021", 6}, {"2022", 6.5}, {"2023", 7}),
	NULL, STATUS_ON_TRACK, "2023", 7, 5, 2, 40, 3, 0, NULL, 0,
	"2023 年 7 亿元，不低于 5 的下限。",
	"2023: 7 亿元, at or above the floor of 5."},
    /* 6, 4.5: the latest breaks it -> breach; gap -0.5, gap% -10. */
    {"floor breach", {FLOOR5}, OBS({"2021", 6}, {"2022", 4.5}), NULL,
	STATUS_BREACH, "2022", 4.5, 5, -0.5, -10, 2, 1, "2022", 0,
	"2022 年 4.5 亿元，低于 5 的下限（2 期中 1 期越限，首次为 2022 年）。",
	"2022: 4.5 亿元, below the floor of 5 (1 of 2 periods broke it, first "
	"2022)."},
    /* 4.5, 6, 6.5: 2021 broke it -> at_risk; next 7 >= 5. */
    {"floor at_risk earlier", {FLOOR5},
	OBS({"2021", 4.5}, {"2022", 6}, {"2023", 6.5}), NULL, STATUS_AT_RISK,
	"2023", 6.5, 5, 1.5, 30, 3, 1, "2021", 0,
	"不低于 5 的下限（3 期中 1 期越限，首次为 2021 年）",
	"(1 of 3 periods broke it, first 2021)"},
    /* 7, 5.5: next 5.5 - 1.5 = 4 < 5 -> at_risk without violations;
     * gap 0.5, gap% 10. */
    {"floor at_risk would cross", {FLOOR5}, OBS({"2021", 7}, {"2022", 5.5}),
	NULL, STATUS_AT_RISK, "2022", 5.5, 5, 0.5, 10, 2, 0, NULL, 0,
	"；按最近的变化，下一期将越限。",
	"; at the latest change it crosses next period."},
    /* 7, 6: next 6 - 1 = 5, not below 5 -> on_track. */
    {"floor would reach the bound only", {FLOOR5},
	OBS({"2021", 7}, {"2022", 6}), NULL, STATUS_ON_TRACK, "2022", 6, 5, 1,
	20, 2, 0, NULL, 0, "不低于 5 的下限。", "at or above the floor of 5."},
    /* Exactly on the floor is kept: one period, on_track. */
    {"floor at the bound", {FLOOR5}, OBS({"2021", 5}), NULL, STATUS_ON_TRACK,
	"2021", 5, 5, 0, 0, 1, 0, NULL, 0, "不低于 5 的下限",
	"at or above the floor of 5"},
    /* from 2020: 2019 = 4 is not judged -> 2 periods, on_track. */
    {"floor from", {FLOOR5, .from = "2020"},
	OBS({"2019", 4}, {"2020", 6}, {"2021", 7}), NULL, STATUS_ON_TRACK,
	"2021", 7, 5, 2, 40, 2, 0, NULL, 0, "不低于", "at or above"},
    {"floor empty", {FLOOR5}, NO_OBS, NULL, STATUS_NO_DATA, NULL, NAN, NAN, NAN,
	NAN, 0, 0, NULL, 0, "尚无可判断的观测值。",
	"no observation to judge yet."},
    {"floor all before from", {FLOOR5, .from = "2020"}, OBS({"2019", 4}), NULL,
	STATUS_NO_DATA, NULL, NAN, NAN, NAN, NAN, 0, 0, NULL, 0,
	"尚无可判断的观测值。", "no observation to judge yet."},
    /* ceiling 5.5: 5.0, 5.1; next 5.2 <= 5.5 -> on_track; gap -0.4,
     * gap% -0.4 / 5.5 * 100 = -7.272727. */
    {"ceiling on_track", {CEIL55}, OBS({"2021", 5.0}, {"2022", 5.1}), NULL,
	STATUS_ON_TRACK, "2022", 5.1, 5.5, -0.4, -7.272727, 2, 0, NULL, 0,
	"2022 年 5.1 亿元，不高于 5.5 的上限。",
	"2022: 5.1 亿元, within the ceiling of 5.5."},
    /* 5.2, 5.6: breach; gap 0.1, gap% 1.818182. */
    {"ceiling breach", {CEIL55}, OBS({"2021", 5.2}, {"2022", 5.6}), NULL,
	STATUS_BREACH, "2022", 5.6, 5.5, 0.1, 1.818182, 2, 1, "2022", 0,
	"高于 5.5 的上限（2 期中 1 期越限，首次为 2022 年）",
	"above the ceiling of 5.5 (1 of 2 periods broke it, first 2022)"},
    /* 5.6, 5.2: an earlier period broke it -> at_risk; next 4.8. */
    {"ceiling at_risk earlier", {CEIL55}, OBS({"2021", 5.6}, {"2022", 5.2}),
	NULL, STATUS_AT_RISK, "2022", 5.2, 5.5, -0.3, -5.454545, 2, 1, "2021",
	0, "首次为 2021 年", "first 2021"},
    /* 5.0, 5.3: next 5.3 + 0.3 = 5.6 > 5.5 -> at_risk. */
    {"ceiling at_risk would cross", {CEIL55}, OBS({"2021", 5.0}, {"2022", 5.3}),
	NULL, STATUS_AT_RISK, "2022", 5.3, 5.5, -0.2, -3.636364, 2, 0, NULL, 0,
	"下一期将越限", "crosses next period"},
    /* from 2022 excludes 2021 = 6: on_track. */
    {"ceiling from", {CEIL55, .from = "2022"}, OBS({"2021", 6}, {"2022", 5.5}),
	NULL, STATUS_ON_TRACK, "2022", 5.5, 5.5, 0, 0, 1, 0, NULL, 0,
	"不高于 5.5 的上限", "within the ceiling"},
    {"ceiling empty", {CEIL55}, NO_OBS, NULL, STATUS_NO_DATA, NULL, NAN, NAN,
	NAN, NAN, 0, 0, NULL, 0, "尚无可判断的观测值",
	"no observation to judge yet"},
};

static const struct rcase trend_cases[] = {
    /* decline 10, 9, 8: both steps fall -> on_track; planned is the
     * previous value 9, gap -1, gap% -11.111111. */
    {"decline on_track", {DECLINE}, OBS({"2020", 10}, {"2021", 9}, {"2022", 8}),
	NULL, STATUS_ON_TRACK, "2022", 8, 9, -1, -11.111111, 2, 0, NULL, 0,
	"2022 年 8 亿元，较上期（9）下降。", "2022: 8 亿元, down from 9."},
    /* 10, 9, 9.5: the latest rises -> regressing; gap 0.5, gap%
     * 5.555556. */
    {"decline regressing", {DECLINE},
	OBS({"2020", 10}, {"2021", 9}, {"2022", 9.5}), NULL, STATUS_REGRESSING,
	"2022", 9.5, 9, 0.5, 5.555556, 2, 1, "2022", 0,
	"较上期（9）上升，未能逐期下降（2 期中 1 期未达要求，首次为 2022 "
	"年）。",
	"up from 9: not falling every period (1 of 2 periods missed, first "
	"2022)."},
    /* 10, 11, 10: 2021 rose -> at_risk. */
    {"decline at_risk", {DECLINE},
	OBS({"2020", 10}, {"2021", 11}, {"2022", 10}), NULL, STATUS_AT_RISK,
	"2022", 10, 11, -1, -9.090909, 2, 1, "2021", 0,
	"（2 期中 1 期未达要求，首次为 2021 年）",
	"(1 of 2 periods missed, first 2021)"},
    /* Level is not a decline: 10, 10 -> regressing. */
    {"decline level", {DECLINE}, OBS({"2020", 10}, {"2021", 10}), NULL,
	STATUS_REGRESSING, "2021", 10, 10, 0, 0, 1, 1, "2021", 0,
	"较上期（10）持平，未能逐期下降",
	"level with 10: not falling every period"},
    /* Across a gap: 2018 = 10, 2021 = 9 compares with 10 -> on_track. */
    {"decline across a gap", {DECLINE}, OBS({"2018", 10}, {"2021", 9}), NULL,
	STATUS_ON_TRACK, "2021", 9, 10, -1, -10, 1, 0, NULL, 0,
	"较上期（10）下降", "down from 10"},
    /* from 2022: 2021's rise is not judged; 2022 = 10 < 11 -> on_track. */
    {"decline from", {DECLINE, .from = "2022"},
	OBS({"2020", 10}, {"2021", 11}, {"2022", 10}), NULL, STATUS_ON_TRACK,
	"2022", 10, 11, -1, -9.090909, 1, 0, NULL, 0, "下降", "down from 11"},
    {"decline single observation", {DECLINE}, OBS({"2020", 10}), NULL,
	STATUS_NO_DATA, NULL, NAN, NAN, NAN, NAN, 0, 0, NULL, 0,
	"尚无可判断的观测值", "no observation to judge yet"},
    {"decline empty", {DECLINE}, NO_OBS, NULL, STATUS_NO_DATA, NULL, NAN, NAN,
	NAN, NAN, 0, 0, NULL, 0, "尚无可判断的观测值",
	"no observation to judge yet"},
    /* rise 1, 2, 3 -> on_track; planned 2, gap 1, gap% 50. */
    {"rise on_track", {RISE}, OBS({"2020", 1}, {"2021", 2}, {"2022", 3}), NULL,
	STATUS_ON_TRACK, "2022", 3, 2, 1, 50, 2, 0, NULL, 0,
	"2022 年 3 亿元，较上期（2）上升。", "2022: 3 亿元, up from 2."},
    /* 1, 2, 1.5 -> regressing; gap -0.5, gap% -25. */
    {"rise regressing", {RISE}, OBS({"2020", 1}, {"2021", 2}, {"2022", 1.5}),
	NULL, STATUS_REGRESSING, "2022", 1.5, 2, -0.5, -25, 2, 1, "2022", 0,
	"较上期（2）下降，未能逐期上升",
	"down from 2: not rising every period"},
    /* 2, 1, 3 -> at_risk (2021 fell). */
    {"rise at_risk", {RISE}, OBS({"2020", 2}, {"2021", 1}, {"2022", 3}), NULL,
	STATUS_AT_RISK, "2022", 3, 1, 2, 200, 2, 1, "2021", 0, "首次为 2021 年",
	"first 2021"},
    /* Across a gap: 2019 = 1, 2022 = 0.5 -> regressing. */
    {"rise across a gap", {RISE}, OBS({"2019", 1}, {"2022", 0.5}), NULL,
	STATUS_REGRESSING, "2022", 0.5, 1, -0.5, -50, 1, 1, "2022", 0,
	"未能逐期上升", "not rising every period"},
    {"rise single observation", {RISE}, OBS({"2020", 1}), NULL, STATUS_NO_DATA,
	NULL, NAN, NAN, NAN, NAN, 0, 0, NULL, 0, "尚无可判断的观测值",
	"no observation to judge yet"},
};

static void
run_rcase(const struct rcase *c)
{
	struct target_conf t = judge_case_target(&c->t);
	struct obs_list obs, rates;
	struct judgement j;
	const char *w = c->name;

	load(&obs, c->obs);
	load(&rates, c->rates);
	target_judge_rates(&t, &obs, c->rates != NULL ? &rates : NULL, &j);
	assert_status(j.status, c->want, w);
	assert_status(j.status, c->want, w);
	if (c->lp != NULL) {
		if (!j.have_latest)
			fail_msg("%s: no latest, want %s", w, c->lp);
		assert_period(&j.latest_period, c->lp, w);
	} else if (j.have_latest)
		fail_msg("%s: has a latest period, want none", w);
	check_num(j.latest_value, c->latest, "latest", w);
	check_num(j.planned, c->planned, "planned", w);
	check_num(j.gap, c->gap, "gap", w);
	check_num(j.gap_pct, c->gap_pct, "gap %", w);
	if (j.judged_periods != c->judged)
		fail_msg("%s: judged_periods %d, want %d", w, j.judged_periods,
		    c->judged);
	if (j.violations != c->violations)
		fail_msg("%s: violations %d, want %d", w, j.violations,
		    c->violations);
	if (c->first != NULL)
		assert_period(&j.first_violation, c->first, w);
	if (j.from_rates != ((c->flags & F_RATES) != 0))
		fail_msg("%s: from_rates %d", w, j.from_rates);
	/* Progress numbers mean nothing for rules. */
	check_num(j.ratio, NAN, "ratio", w);
	check_num(j.projected, NAN, "projected", w);
	assert_false(j.stale);
	check_explain(&t, &j, "zh-CN", c->zh, w);
	check_explain(&t, &j, "en", c->en, w);
	unload(&obs);
	unload(&rates);
}

static void
run_rtable(const struct rcase *cases, size_t n, enum target_kind kind,
    const enum status *want, size_t nwant, const char *table)
{
	enum status seen[64];
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		run_rcase(&cases[i]);
		if (cases[i].t.kind == kind && m < NELEM(seen))
			seen[m++] = cases[i].want;
	}
	assert_statuses_covered(seen, m, want, nwant, table);
}

static void
test_yoy_table(void **state)
{
	static const enum status want[] = {STATUS_ON_TRACK, STATUS_AT_RISK,
	    STATUS_BREACH, STATUS_MET, STATUS_NO_DATA};

	(void)state;
	run_rtable(yoy_cases, NELEM(yoy_cases), TARGET_GROWTH, want,
	    NELEM(want), "growth yoy");
}

static void
test_bound_table(void **state)
{
	static const enum status want[] = {
	    STATUS_ON_TRACK, STATUS_AT_RISK, STATUS_BREACH, STATUS_NO_DATA};

	(void)state;
	run_rtable(bound_cases, NELEM(bound_cases), TARGET_FLOOR, want,
	    NELEM(want), "floor");
	run_rtable(bound_cases, NELEM(bound_cases), TARGET_CEILING, want,
	    NELEM(want), "ceiling");
}

static void
test_trend_table(void **state)
{
	static const enum status want[] = {
	    STATUS_ON_TRACK, STATUS_AT_RISK, STATUS_REGRESSING, STATUS_NO_DATA};

	(void)state;
	run_rtable(trend_cases, NELEM(trend_cases), TARGET_DECLINE, want,
	    NELEM(want), "decline");
	run_rtable(trend_cases, NELEM(trend_cases), TARGET_RISE, want,
	    NELEM(want), "rise");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_yoy_table, release),
	    cmocka_unit_test_teardown(test_bound_table, release),
	    cmocka_unit_test_teardown(test_trend_table, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
