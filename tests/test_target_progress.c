/*
 * test_target_progress: reach and growth (cagr) targets, judged by their
 * progress ratio (daemon/judge/target*.c), against every status they can
 * produce: the numbers of each judgement and a key phrase of its
 * explanation in zh-CN and en, with no "nan" or "inf" in it.  Each row
 * shows its arithmetic in a comment above it.
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
/* reach and growth (cagr): the progress ratio                          */

struct pcase {
	const char *name;
	struct tspec t;
	const struct pv *obs;
	const struct pv *rates; /* NULL: no rate series */
	enum status want;
	int nobs;
	const char *lp; /* latest period; NULL: none */
	double latest, vb, vT, planned, gap, gap_pct;
	double growth, projected, ratio, required, reach_year;
	unsigned flags;
	const char *zh, *en; /* key phrases */
};

/*
 * Row layout (struct pcase): name, target, observations, rates, status,
 * nobs, latest period, latest, v_b, v_T, plan, gap, gap%, g, p, r, req,
 * reach year, flags, zh phrase, en phrase.  X: not checked; NAN: must be
 * NAN.
 */
static const struct pcase reach_cases[] = {
    /*
     * Linear, up, unsd, growth projection; plan at 2022 = 100 + 100 *
     * 2/5 = 140.
     * 2022 = 150: g = 1.5^(1/2) - 1 = 0.2247449; p = 150 * 1.5^(3/2) =
     * 275.5676; r = 175.5676 / 100 = 1.755676 -> on_track; gap 10,
     * gap% 7.142857; req = (200/150)^(1/3) - 1 = 0.1006424; reach year
     * 2022 + ln(4/3) / ln(1.2247449) = 2022 + 0.2876821 / 0.2027326 =
     * 2023.419023.
     */
    {"reach linear up on_track", {LIN_UP}, OBS({"2022", 150}), NULL,
	STATUS_ON_TRACK, 1, "2022", 150, 100, 200, 140, 10, 7.142857, 0.2247449,
	275.5676, 1.755676, 0.1006424, 2023.419023, 0, "进度比 1.76",
	"progress ratio 1.76"},
    /*
     * 2022 = 130: g = 1.3^(1/2) - 1 = 0.1401754; p = 130 * 1.3^(3/2) =
     * 192.6896; r = 0.926896 -> at_risk; gap -10, gap% -7.142857;
     * req = (200/130)^(1/3) - 1 = 0.1544157; reach year 2022 +
     * ln(1.538462) / ln(1.1401754) = 2022 + 0.4307829 / 0.1311821 =
     * 2025.283854.
     */
    {"reach linear up at_risk", {LIN_UP}, OBS({"2022", 130}), NULL,
	STATUS_AT_RISK, 1, "2022", 130, 100, 200, 140, -10, -7.142857,
	0.1401754, 192.6896, 0.926896, 0.1544157, 2025.283854, 0,
	"按 2020 年以来年均 14.02% 的增速，2025 年预计 192.69 亿元，进度比 "
	"0.93，按目前速度将于 2026 年达到；还需年均增长 15.44% 才能在 2025 "
	"年达到 200。",
	"2022: 130 亿元 vs 140 planned (-7.14 %); at 14.02 %/yr since 2020, "
	"2025 is projected at 192.69 (progress ratio 0.93), reached in 2026 "
	"at this pace; needs 15.44 %/yr from 2022 to reach 200 by 2025."},
    /*
     * 2022 = 110: g = 1.1^(1/2) - 1 = 0.0488088; p = 110 * 1.1^(3/2) =
     * 126.9059; r = 0.269059 -> off_track; gap -30, gap% -21.428571;
     * req = (200/110)^(1/3) - 1 = 0.2205224; reach year 2022 +
     * ln(1.818182) / ln(1.0488088) = 2022 + 0.5978370 / 0.0476537 =
     * 2034.545082.
     */
    {"reach linear up off_track", {LIN_UP}, OBS({"2022", 110}), NULL,
	STATUS_OFF_TRACK, 1, "2022", 110, 100, 200, 140, -30, -21.428571,
	0.0488088, 126.9059, 0.269059, 0.2205224, 2034.545082, 0, "进度比 0.27",
	"progress ratio 0.27"},
    /*
     * 2022 = 90: g = 0.9^(1/2) - 1 = -0.0513167; p = 90 * 0.9^(3/2) =
     * 76.84335; r = -23.15665 / 100 = -0.2315665 -> regressing; gap -50,
     * gap% -35.714286; req = (200/90)^(1/3) - 1 = 0.3049559; the pace
     * never reaches 200 (ln(2.22) / ln(0.9487) < 0): reach year NAN.
     */
    {"reach linear up regressing", {LIN_UP}, OBS({"2022", 90}), NULL,
	STATUS_REGRESSING, 1, "2022", 90, 100, 200, 140, -50, -35.714286,
	-0.0513167, 76.84335, -0.2315665, 0.3049559, NAN, 0, "进度比 -0.23",
	"progress ratio -0.23"},
    /*
     * 2024 = 200, the target itself: met.  g = 2^(1/4) - 1 = 0.1892071;
     * p = 200 * 1.1892071 = 237.8414; r = 1.378414; plan 2024 = 180,
     * gap 20, gap% 11.111111; req = (200/200)^1 - 1 = 0; no reach year
     * once met.
     */
    {"reach linear up met", {LIN_UP}, OBS({"2023", 170}, {"2024", 200}), NULL,
	STATUS_MET, 2, "2024", 200, 100, 200, 180, 20, 11.111111, 0.1892071,
	237.8414, 1.378414, 0, NAN, 0, "；已达到 2025 年 200 亿元 的目标。",
	"; the target of 200 by 2025 is met."},
    /*
     * about 10 %: slack 0.1 * 200 = 20, so met from 180.  2024 = 190:
     * met.  (Without about: g = 1.9^(1/4) - 1 = 0.1740549, p = 190 *
     * 1.1740549 = 223.0704, r = 1.230704 -> on_track, next row.)
     * plan 180, gap 10, gap% 5.555556, req = 200/190 - 1 = 0.0526316.
     */
    {"reach linear up met within about", {LIN_UP, .about = 0.1},
	OBS({"2024", 190}), NULL, STATUS_MET, 1, "2024", 190, 100, 200, 180, 10,
	5.555556, 0.1740549, 223.0704, 1.230704, 0.0526316, NAN, 0, "已达到",
	"is met"},
    {"reach linear up 190 without about", {LIN_UP}, OBS({"2024", 190}), NULL,
	STATUS_ON_TRACK, 1, "2024", 190, 100, 200, 180, 10, 5.555556, 0.1740549,
	223.0704, 1.230704, 0.0526316, X, 0, "进度比 1.23",
	"progress ratio 1.23"},
    /*
     * Compound, down, 200 (2020) -> 100 (2030); plan at 2025 = 200 *
     * 0.5^(5/10) = 141.42136.
     * 2025 = 140: g = 0.7^(1/5) - 1 = -0.0688501; p = 140 * 0.7 = 98;
     * r = (98 - 200) / (100 - 200) = 1.02 -> on_track; gap -1.421356,
     * gap% -1.005051; req = (100/140)^(1/5) - 1 = -0.0650801; reach
     * year 2025 + ln(0.714286) / ln(0.9311499) = 2025 + 0.3364722 /
     * 0.0713340 = 2029.716791.
     */
    {"reach compound down on_track", {CMP_DOWN}, OBS({"2025", 140}), NULL,
	STATUS_ON_TRACK, 1, "2025", 140, 200, 100, 141.42136, -1.421356,
	-1.005051, -0.0688501, 98, 1.02, -0.0650801, 2029.716791, 0,
	"进度比 1.02", "progress ratio 1.02"},
    /*
     * 2025 = 150: g = 0.75^(1/5) - 1 = -0.0559125; p = 150 * 0.75 =
     * 112.5; r = -87.5 / -100 = 0.875 -> at_risk; gap 8.578644, gap%
     * 6.066017; req = (100/150)^(1/5) - 1 = -0.0778921; reach year
     * 2025 + ln(2/3) / ln(0.9440875) = 2032.047104.
     */
    {"reach compound down at_risk", {CMP_DOWN}, OBS({"2025", 150}), NULL,
	STATUS_AT_RISK, 1, "2025", 150, 200, 100, 141.42136, 8.578644, 6.066017,
	-0.0559125, 112.5, 0.875, -0.0778921, 2032.047104, 0,
	"2030 年预计 112.5 亿元", "2030 is projected at 112.5"},
    /*
     * 2025 = 180: g = 0.9^(1/5) - 1 = -0.0208516; p = 180 * 0.9 = 162;
     * r = -38 / -100 = 0.38 -> off_track; gap 38.578644, gap% 27.279221;
     * req = (100/180)^(1/5) - 1 = -0.1109105.
     */
    {"reach compound down off_track", {CMP_DOWN}, OBS({"2025", 180}), NULL,
	STATUS_OFF_TRACK, 1, "2025", 180, 200, 100, 141.42136, 38.578644,
	27.279221, -0.0208516, 162, 0.38, -0.1109105, 2052.894067, 0,
	"进度比 0.38", "progress ratio 0.38"},
    /*
     * 2025 = 210: g = 1.05^(1/5) - 1 = 0.0098058; p = 210 * 1.05 =
     * 220.5; r = 20.5 / -100 = -0.205 -> regressing; gap 68.578644,
     * gap% 48.492424; req = (100/210)^(1/5) - 1 = -0.1379030; growing
     * away from a lower target never reaches it: reach year NAN.
     */
    {"reach compound down regressing", {CMP_DOWN}, OBS({"2025", 210}), NULL,
	STATUS_REGRESSING, 1, "2025", 210, 200, 100, 141.42136, 68.578644,
	48.492424, 0.0098058, 220.5, -0.205, -0.1379030, NAN, 0,
	"2030 年预计 220.5 亿元", "2030 is projected at 220.5"},
    /*
     * 2028 = 100: met (<= 100).  g = 0.5^(1/8) - 1 = -0.0829960;
     * p = 100 * 0.5^(2/8) = 84.08964; r = 1.159104; plan 2028 = 200 *
     * 0.5^0.8 = 114.86984, gap -14.86984, gap% -12.944944; req =
     * (100/100)^(1/2) - 1 = 0.
     */
    {"reach compound down met", {CMP_DOWN}, OBS({"2028", 100}), NULL,
	STATUS_MET, 1, "2028", 100, 200, 100, 114.86984, -14.86984, -12.944944,
	-0.0829960, 84.08964, 1.159104, 0, NAN, 0, "已达到", "is met"},
    /*
     * about 10 % downward: slack 0.1 * 100 = 10, met up to 110; 2028 =
     * 108 is met.  g = 0.54^(1/8) - 1 = -0.0741317; p = 108 * 0.54^(1/4)
     * = 92.58107; r = 107.41893 / 100 = 1.074189; gap -6.869836, gap%
     * -5.980539; req = (100/108)^(1/2) - 1 = -0.0377496.
     */
    {"reach compound down met within about", {CMP_DOWN, .about = 0.1},
	OBS({"2028", 108}), NULL, STATUS_MET, 1, "2028", 108, 200, 100,
	114.86984, -6.869836, -5.980539, -0.0741317, 92.58107, 1.074189,
	-0.0377496, NAN, 0, "已达到", "is met"},
    /*
     * opensdg: r = g / g_req, g_req = 0.1486984; plan at 2022 = 100 *
     * 2^(2/5) = 131.95079.
     * 2022 = 132.25 = 100 * 1.15^2: g = 0.15, r = 1.008754 -> on_track;
     * p = 132.25 * 1.15^3 = 201.1357; gap 0.299209, gap% 0.226758;
     * req = (200/132.25)^(1/3) - 1 = 0.1478314.
     */
    {"reach opensdg on_track", {OSDG_UP}, OBS({"2022", 132.25}), NULL,
	STATUS_ON_TRACK, 1, "2022", 132.25, 100, 200, 131.95079, 0.299209,
	0.226758, 0.15, 201.1357, 1.008754, 0.1478314, X, 0,
	"实际与所需年均增速之比 1.01（Open SDG 进展状态：符合进度）",
	"(observed to required growth 1.01, Open SDG progress status: on "
	"track)"},
    /*
     * 2022 = 121: g = 0.1, r = 0.1 / 0.1486984 = 0.672502 -> at_risk
     * (the unsd ratio would be (161.051 - 100) / 100 = 0.61051);
     * p = 121 * 1.331 = 161.051, gap -10.950791, gap% -8.299148.
     */
    {"reach opensdg at_risk", {OSDG_UP}, OBS({"2022", 121}), NULL,
	STATUS_AT_RISK, 1, "2022", 121, 100, 200, 131.95079, -10.950791,
	-8.299148, 0.1, 161.051, 0.672502, 0.1823559, X, 0,
	"实际与所需年均增速之比 0.67（Open SDG 进展状态：取得进展但需加快）",
	"observed to required growth 0.67, Open SDG progress status: "
	"progress made but acceleration needed"},
    /* 2022 = 110.25 = 100 * 1.05^2: r = 0.05 / 0.1486984 = 0.336251. */
    {"reach opensdg off_track", {OSDG_UP}, OBS({"2022", 110.25}), NULL,
	STATUS_OFF_TRACK, 1, "2022", 110.25, 100, 200, 131.95079, -21.700791,
	-16.446124, 0.05, 127.62816, 0.336251, 0.2195992, X, 0,
	"（Open SDG 进展状态：进展有限）",
	"Open SDG progress status: limited progress"},
    /* 2022 = 81 = 100 * 0.9^2: r = -0.1 / 0.1486984 = -0.672502. */
    {"reach opensdg regressing", {OSDG_UP}, OBS({"2022", 81}), NULL,
	STATUS_REGRESSING, 1, "2022", 81, 100, 200, 131.95079, -50.950791,
	-38.613479, -0.1, 59.049, -0.672502, 0.3516004, NAN, 0,
	"之比 -0.67（Open SDG 进展状态：倒退）",
	"Open SDG progress status: deterioration"},
    /*
     * opensdg, linear, down: 50 (2020) -> 30 (2025); g_req = 0.6^(1/5) -
     * 1 = -0.0970853.  2022 = 44: g = 0.88^(1/2) - 1 = -0.0619168,
     * r = 0.637532 -> at_risk; plan 50 - 20 * 2/5 = 42, gap 2, gap%
     * 4.761905; p = 44 * 0.88^(3/2) = 36.32258; req = (30/44)^(1/3) - 1
     * = -0.1198510.
     */
    {"reach opensdg linear down at_risk",
	{.kind = TARGET_REACH,
	    .dir = DIRECTION_DOWN,
	    .bp = "2020",
	    .bv = 50,
	    .tp = "2025",
	    .tv = 30,
	    .method = METHOD_OPENSDG},
	OBS({"2022", 44}), NULL, STATUS_AT_RISK, 1, "2022", 44, 50, 30, 42, 2,
	4.761905, -0.0619168, 36.32258, 0.637532, -0.1198510, X, 0,
	"实际与所需年均增速之比 0.64（Open SDG 进展状态：取得进展但需加快）",
	"observed to required growth 0.64"},
    /*
     * opensdg with a baseline of 0 (growth undefined): linear paces,
     * r = ((16 - 0) / 2) / ((50 - 0) / 5) = 8 / 10 = 0.8 -> at_risk;
     * projection linear: 16 + 8 * 3 = 40; plan 20, gap -4, gap% -20;
     * req = (50/16)^(1/3) - 1 = 0.4620089; reach year 2022 + (50 - 16) /
     * 8 = 2026.25.
     */
    {"reach opensdg baseline 0 linear fallback",
	{.kind = TARGET_REACH,
	    .path = PATH_COMPOUND,
	    .bp = "2020",
	    .bv = 0,
	    .tp = "2025",
	    .tv = 50,
	    .method = METHOD_OPENSDG},
	OBS({"2022", 16}), NULL, STATUS_AT_RISK, 1, "2022", 16, 0, 50, 20, -4,
	-20, NAN, 40, 0.8, 0.4620089, 2026.25, F_LINEAR,
	"基期值为零或符号相反，按线性趋势",
	"baseline zero or of the other sign, linear trend used"},
    /*
     * Trend over the last k = 3 periods: 2021..2023 = 110, 121, 133.1
     * lie on 110 * 1.1^(x - 2021), so the weighted log fit is exact:
     * growth 0.1, p = 133.1 * 1.1^2 = 161.051, r = 0.61051 -> at_risk.
     * The absurd 2019 = 1000 is outside the last 3 (with the default 5
     * the fit would give p = 75.8, regressing).  plan 2023 = 160, gap
     * -26.9, gap% -16.8125; req = (200/133.1)^(1/2) - 1 = 0.2258179;
     * reach year 2023 + ln(1.502630) / ln(1.1) = 2027.272541.
     */
    {"reach trend k=3 log fit", {LIN_UP, .proj = PROJECTION_TREND, .k = 3},
	OBS({"2019", 1000}, {"2020", 100}, {"2021", 110}, {"2022", 121},
	    {"2023", 133.1}),
	NULL, STATUS_AT_RISK, 3, "2023", 133.1, 100, 200, 160, -26.9, -16.8125,
	0.1, 161.051, 0.61051, 0.2258179, 2027.272541, 0, "进度比 0.61",
	"progress ratio 0.61"},
    /*
     * Trend, linear fit (a value <= 0): -10 (2020) -> 20 (2025), k = 3,
     * 2021..2023 = -4, 0, 8 with weights 1, 2, 3:
     *   sw = 6, mean x = 12134/6 = 2022.3333, mean y = 20/6 = 3.3333
     *   Sxx = 1(-4/3)^2 + 2(-1/3)^2 + 3(2/3)^2 = 10/3
     *   Sxy = 1(-4/3)(-22/3) + 2(-1/3)(-10/3) + 3(2/3)(14/3) = 64/3
     *   slope = 6.4 (unweighted it would be 6), p = 10/3 + 6.4 * 8/3 =
     *   20.4; r = (20.4 + 10) / 30 = 1.013333 -> on_track.
     * No growth rate from a linear fit (NAN), no fallback flag; plan =
     * -10 + 30 * 3/5 = 8, gap 0, gap% 0; req = (20/8)^(1/2) - 1 =
     * 0.5811388; reach year at the average pace 2023 + (20 - 8) /
     * (18 / 3) = 2025.
     */
    {"reach trend k=3 linear fit",
	{.kind = TARGET_REACH,
	    .bp = "2020",
	    .bv = -10,
	    .tp = "2025",
	    .tv = 20,
	    .proj = PROJECTION_TREND,
	    .k = 3},
	OBS({"2021", -4}, {"2022", 0}, {"2023", 8}), NULL, STATUS_ON_TRACK, 3,
	"2023", 8, -10, 20, 8, 0, 0, NAN, 20.4, 1.013333, 0.5811388, 2025, 0,
	"（0%）；按近 3 期加权趋势，2025 年预计 20.4 亿元，进度比 1.01",
	"; on the weighted trend of the last 3 periods, 2025 is projected at "
	"20.4 (progress ratio 1.01)"},
    /*
     * Trend with fewer than two observations in the series: the
     * projection falls back to growth, as in "reach linear up at_risk".
     */
    {"reach trend one point falls back to growth",
	{LIN_UP, .proj = PROJECTION_TREND, .k = 3}, OBS({"2022", 130}), NULL,
	STATUS_AT_RISK, 1, "2022", 130, 100, 200, 140, -10, -7.142857,
	0.1401754, 192.6896, 0.926896, 0.1544157, 2025.283854, 0, "进度比 0.93",
	"progress ratio 0.93"},
    /*
     * baseline_observed with its observation: v_b = 100 observed (the
     * configured 999 is not used); 2022 = 130 as in "at_risk" above.
     */
    {"reach baseline observed", {LIN_UP, .bobs = true},
	OBS({"2020", 100}, {"2022", 130}), NULL, STATUS_AT_RISK, 1, "2022", 130,
	100, 200, 140, -10, -7.142857, 0.1401754, 192.6896, 0.926896, 0.1544157,
	2025.283854, 0, "进度比 0.93", "progress ratio 0.93"},
    /* baseline_observed without the 2020 observation: no_data. */
    {"reach baseline observed missing", {LIN_UP, .bobs = true},
	OBS({"2021", 110}, {"2022", 130}), NULL, STATUS_NO_DATA, 0, NULL, NAN,
	NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, F_BASEMISS,
	"基期 2020 年 无观测值，无法判断进度。",
	"no observation for the baseline 2020: progress cannot be judged."},
    /* Nothing after the baseline: no_data, the values used are known. */
    {"reach no observation after baseline", {LIN_UP},
	OBS({"2019", 90}, {"2020", 100}), NULL, STATUS_NO_DATA, 0, NULL, NAN,
	100, 200, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 0,
	"基期之后尚无观测值，无法判断进度。",
	"no observation after the baseline yet: progress cannot be judged."},
    {"reach empty series", {LIN_UP}, NO_OBS, NULL, STATUS_NO_DATA, 0, NULL, NAN,
	100, 200, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, 0,
	"基期之后尚无观测值", "no observation after the baseline yet"},
};

static const struct pcase cagr_cases[] = {
    /*
     * 2022 = 144: g = 1.44^(1/2) - 1 = 0.2, p = 144 * 1.2^3 = 248.832,
     * r = 1 -> on_track; gap 0; req = (248.832/144)^(1/3) - 1 = 0.2;
     * reach year 2022 + 3 = 2025.  target_value follows from the rate
     * (the configured target_value, 0 here, is not used).
     */
    {"cagr on_track", {CAGR20}, OBS({"2022", 144}), NULL, STATUS_ON_TRACK, 1,
	"2022", 144, 100, 248.832, 144, 0, 0, 0.2, 248.832, 1, 0.2, 2025, 0,
	"2020 年至 2022 年年均增长 20%，目标为年均 20% 以上",
	"20 %/yr on average from 2020 to 2022, against at least 20 %/yr"},
    /*
     * 2022 = 130: g = 0.1401754, p = 130 * 1.3^(3/2) = 192.6896,
     * r = 92.6896 / 148.832 = 0.622780 -> at_risk; gap -14, gap%
     * -9.722222; req = (248.832/130)^(1/3) - 1 = 0.2416169.
     */
    {"cagr at_risk", {CAGR20}, OBS({"2022", 130}), NULL, STATUS_AT_RISK, 1,
	"2022", 130, 100, 248.832, 144, -14, -9.722222, 0.1401754, 192.6896,
	0.622780, 0.2416169, 2026.949176, 0,
	"年均增长 14.02%，目标为年均 20% "
	"以上，2025 年预计 192.69 亿元，进度比 0.62",
	"progress ratio 0.62"},
    /* 2022 = 110: g = 0.0488088, p = 126.9059, r = 26.9059 / 148.832 =
     * 0.180780 -> off_track; gap -34, gap% -23.611111. */
    {"cagr off_track", {CAGR20}, OBS({"2022", 110}), NULL, STATUS_OFF_TRACK, 1,
	"2022", 110, 100, 248.832, 144, -34, -23.611111, 0.0488088, 126.9059,
	0.180780, 0.3127172, 2039.129285, 0, "进度比 0.18",
	"progress ratio 0.18"},
    /* 2022 = 95: g = 0.95^(1/2) - 1 = -0.0253206, p = 95 * 0.95^(3/2) =
     * 87.96482, r = -12.03518 / 148.832 = -0.0808642 -> regressing. */
    {"cagr regressing", {CAGR20}, OBS({"2022", 95}), NULL, STATUS_REGRESSING, 1,
	"2022", 95, 100, 248.832, 144, -49, -34.027778, -0.0253206, 87.96482,
	-0.0808642, 0.3784601, NAN, 0, "进度比 -0.08", "progress ratio -0.08"},
    /* 2024 = 250 >= 248.832: met; plan 2024 = 100 * 1.2^4 = 207.36. */
    {"cagr met", {CAGR20}, OBS({"2024", 250}), NULL, STATUS_MET, 1, "2024", 250,
	100, 248.832, 207.36, 42.64, 20.563272, 0.2574334, 314.3584, 1.440271,
	-0.004672, NAN, 0, "；已达到目标。", "; the target is met."},
    /* about 10 %: met from 248.832 - 24.8832 = 223.9488; 2024 = 230. */
    {"cagr met within about", {CAGR20, .about = 0.1}, OBS({"2024", 230}), NULL,
	STATUS_MET, 1, "2024", 230, 100, 248.832, 207.36, 22.64, 10.918210, X,
	X, X, X, NAN, 0, "已达到目标", "the target is met"},
    /*
     * Baseline observed: 2020 = 50, so v_T = 50 * 1.2^5 = 124.416;
     * 2022 = 72: g = 0.2, r = 1 -> on_track; plan 72.
     */
    {"cagr baseline observed", {CAGR20, .bobs = true},
	OBS({"2020", 50}, {"2022", 72}), NULL, STATUS_ON_TRACK, 1, "2022", 72,
	50, 124.416, 72, 0, 0, 0.2, 124.416, 1, 0.2, 2025, 0, "年均增长 20%",
	"20 %/yr on average"},
    {"cagr baseline observed missing", {CAGR20, .bobs = true},
	OBS({"2022", 72}), NULL, STATUS_NO_DATA, 0, NULL, NAN, NAN, NAN, NAN,
	NAN, NAN, NAN, NAN, NAN, NAN, NAN, F_BASEMISS, "基期 2020 年 无观测值",
	"no observation for the baseline 2020"},
    {"cagr only the baseline", {CAGR20}, OBS({"2020", 100}), NULL,
	STATUS_NO_DATA, 0, NULL, NAN, 100, 248.832, NAN, NAN, NAN, NAN, NAN,
	NAN, NAN, NAN, 0, "基期之后尚无观测值",
	"no observation after the baseline yet"},
    /*
     * On a rate series (published growth in %): chained into an index
     * 100 at 2020.  2021 = 20 %, 2022 = 20 %: 120, 144 -> as "cagr
     * on_track" (nobs 2).  The level series is empty and the baseline
     * "observed": neither matters with rates.
     */
    {"cagr rates on_track", {CAGR20, .bobs = true}, NO_OBS,
	OBS({"2021", 20}, {"2022", 20}), STATUS_ON_TRACK, 2, "2022", 144, 100,
	248.832, 144, 0, 0, 0.2, 248.832, 1, 0.2, 2025, F_RATES,
	"按公布增速计算，2020 年至 2022 年年均增长 20%",
	"from the published rates, 20 %/yr on average from 2020 to 2022"},
    /*
     * 2021 = 15 %, 2022 = 15 %: index 132.25; g = 0.15, p = 132.25 *
     * 1.15^3 = 201.1357, r = 101.1357 / 148.832 = 0.679529 -> at_risk;
     * gap -11.75, gap% -8.159722.
     */
    {"cagr rates at_risk", {CAGR20}, NO_OBS, OBS({"2021", 15}, {"2022", 15}),
	STATUS_AT_RISK, 2, "2022", 132.25, 100, 248.832, 144, -11.75, -8.159722,
	0.15, 201.1357, 0.679529, 0.2345353, 2026.522575, F_RATES,
	"，进度比 0.68，按目前速度将于 2027 年达到。",
	" (progress ratio 0.68), reached in 2027 at this pace."},
    /*
     * The chain stops at the first missing year: 2021 = 10 %, 2022
     * missing, 2023 = 50 % (ignored).  Index 2021 = 110: g = 0.1,
     * p = 110 * 1.1^4 = 161.051, r = 61.051 / 148.832 = 0.410201 ->
     * off_track; plan 2021 = 120, gap -10, gap% -8.333333.
     */
    {"cagr rates off_track, chain stops at a gap", {CAGR20}, NO_OBS,
	OBS({"2021", 10}, {"2023", 50}), STATUS_OFF_TRACK, 1, "2021", 110, 100,
	248.832, 120, -10, -8.333333, 0.1, 161.051, 0.410201, 0.2263894,
	2029.564642, F_RATES, "进度比 0.41", "progress ratio 0.41"},
    /* 2021 = -5 %: index 95; g = -0.05, p = 95 * 0.95^4 = 77.37809,
     * r = -22.62191 / 148.832 = -0.151996 -> regressing. */
    {"cagr rates regressing", {CAGR20}, NO_OBS, OBS({"2021", -5}),
	STATUS_REGRESSING, 1, "2021", 95, 100, 248.832, 120, -25, -20.833333,
	-0.05, 77.37809, -0.151996, 0.2721715, NAN, F_RATES, "进度比 -0.15",
	"progress ratio -0.15"},
    /* 30 % a year 2021..2024: index 100 * 1.3^4 = 285.61 >= 248.832. */
    {"cagr rates met", {CAGR20}, NO_OBS,
	OBS({"2021", 30}, {"2022", 30}, {"2023", 30}, {"2024", 30}), STATUS_MET,
	4, "2024", 285.61, 100, 248.832, 207.36, 78.25, 37.736304, 0.3, 371.293,
	1.822814, -0.1287700, NAN, F_RATES, "已达到目标", "the target is met"},
    /* No rate after the baseline: no_data, from the rates. */
    {"cagr rates no_data", {CAGR20}, OBS({"2022", 144}),
	OBS({"2019", 7}, {"2020", 8}), STATUS_NO_DATA, 0, NULL, NAN, 100,
	248.832, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, F_RATES,
	"基期之后尚无观测值", "no observation after the baseline yet"},
    /*
     * A negative rate, -3 %/yr (energy intensity): the path goes down,
     * v_T = 100 * 0.97^5 = 85.873403; plan 2021 = 97.
     * 2021 = 97: g = -0.03, p = 97 * 0.97^4 = 85.873403, r = 1 ->
     * on_track.
     * 2021 = 99: g = -0.01, p = 99 * 0.99^4 = 95.099005, r = -4.900995 /
     * -14.126597 = 0.346934 -> off_track.
     * 2021 = 101: g = 0.01, p = 105.101005, r = 5.101005 / -14.126597 =
     * -0.361092 -> regressing.
     * 2022 = 85 <= 85.873403: met.
     */
    {"cagr -3% on_track", {CAGR_BASE, .dir = DIRECTION_DOWN, .rate = -0.03},
	OBS({"2021", 97}), NULL, STATUS_ON_TRACK, 1, "2021", 97, 100, 85.873403,
	97, 0, 0, -0.03, 85.873403, 1, -0.03, 2025, 0, "进度比 1.00",
	"progress ratio 1.00"},
    {"cagr -3% off_track", {CAGR_BASE, .dir = DIRECTION_DOWN, .rate = -0.03},
	OBS({"2021", 99}), NULL, STATUS_OFF_TRACK, 1, "2021", 99, 100,
	85.873403, 97, 2, 2.061856, -0.01, 95.099005, 0.346934, -0.0349365,
	2035.153328, 0, "进度比 0.35", "progress ratio 0.35"},
    {"cagr -3% regressing", {CAGR_BASE, .dir = DIRECTION_DOWN, .rate = -0.03},
	OBS({"2021", 101}), NULL, STATUS_REGRESSING, 1, "2021", 101, 100,
	85.873403, 97, 4, 4.123711, 0.01, 105.101005, -0.361092, -0.0397500,
	NAN, 0, "进度比 -0.36", "progress ratio -0.36"},
    {"cagr -3% met", {CAGR_BASE, .dir = DIRECTION_DOWN, .rate = -0.03},
	OBS({"2022", 85}), NULL, STATUS_MET, 1, "2022", 85, 100, 85.873403,
	94.09, -9.09, -9.660963, -0.0780456, 66.611209, 2.363541, 0.0034134,
	NAN, 0, "已达到目标", "the target is met"},
};

static void
run_pcase(const struct pcase *c)
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
	assert_int_equal(j.nobs, c->nobs);
	if (c->lp != NULL) {
		if (!j.have_latest)
			fail_msg("%s: no latest, want %s", w, c->lp);
		assert_period(&j.latest_period, c->lp, w);
	} else if (j.have_latest)
		fail_msg("%s: has a latest period, want none", w);
	check_num(j.latest_value, c->latest, "latest", w);
	check_num(j.baseline_value, c->vb, "baseline", w);
	check_num(j.target_value, c->vT, "target", w);
	check_num(j.planned, c->planned, "planned", w);
	check_num(j.gap, c->gap, "gap", w);
	check_num(j.gap_pct, c->gap_pct, "gap %", w);
	check_num(j.observed_growth, c->growth, "observed growth", w);
	check_num(j.projected, c->projected, "projected", w);
	check_num(j.ratio, c->ratio, "ratio", w);
	check_num(j.required_growth, c->required, "required growth", w);
	check_num(j.reach_year, c->reach_year, "reach year", w);
	if (j.linear_fallback != ((c->flags & F_LINEAR) != 0))
		fail_msg("%s: linear_fallback %d", w, j.linear_fallback);
	if (j.baseline_missing != ((c->flags & F_BASEMISS) != 0))
		fail_msg("%s: baseline_missing %d", w, j.baseline_missing);
	if (j.from_rates != ((c->flags & F_RATES) != 0))
		fail_msg("%s: from_rates %d", w, j.from_rates);
	assert_false(j.stale);
	check_explain(&t, &j, "zh-CN", c->zh, w);
	check_explain(&t, &j, "en", c->en, w);
	unload(&obs);
	unload(&rates);
}

static const enum status progress_statuses[] = {STATUS_MET, STATUS_ON_TRACK,
    STATUS_AT_RISK, STATUS_OFF_TRACK, STATUS_REGRESSING, STATUS_NO_DATA};

static void
run_ptable(const struct pcase *cases, size_t n, const char *table)
{
	enum status seen[64];

	assert_true(n <= NELEM(seen));
	for (size_t i = 0; i < n; i++) {
		run_pcase(&cases[i]);
		seen[i] = cases[i].want;
	}
	assert_statuses_covered(
	    seen, n, progress_statuses, NELEM(progress_statuses), table);
}

static void
test_reach_table(void **state)
{
	(void)state;
	run_ptable(reach_cases, NELEM(reach_cases), "reach");
}

static void
test_cagr_table(void **state)
{
	(void)state;
	run_ptable(cagr_cases, NELEM(cagr_cases), "growth cagr");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_reach_table, release),
	    cmocka_unit_test_teardown(test_cagr_table, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
