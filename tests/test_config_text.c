/*
 * test_config_text: the texts of a configuration in each locale
 * (config_text.h): a translation when the configuration gives one, the
 * text as written otherwise; a mapping's text in the configuration's
 * locale becomes the plain field; chapters and bureaus by their keys.
 * The fixture is tests/fixtures/config/i18n.yaml.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "config_text.h"
#include "unit/config_case.h"

static void
test_mapping_gives_the_primary_text(void **state)
{
	struct config *c = load_ok("i18n.yaml");
	const struct indicator_conf *gdp = config_indicator(c, "gdp");

	(void)state;
	assert_string_equal(gdp->name, "地区生产总值");
	assert_string_equal(gdp->unit, "亿元");
	assert_string_equal(c->plan_name, "测试规划");
	assert_string_equal(indicator_name(gdp, "zh-CN"), "地区生产总值");
	assert_string_equal(
	    indicator_name(gdp, "en"), "Gross domestic product");
	assert_string_equal(indicator_unit(gdp, "en"), "100 million yuan");
	assert_string_equal(
	    indicator_definition(gdp, "en"), "Final output of resident units");
	/* A string is the configuration's locale's text: no English. */
	assert_string_equal(indicator_method(gdp, "en"), "按当年价格计算");
	assert_string_equal(plan_title(c, "en"), "Test plan");
	assert_string_equal(plan_title(c, "zh-CN"), "测试规划");
	/* NULL reads as zh-CN, as every view takes it. */
	assert_string_equal(indicator_name(gdp, NULL), "地区生产总值");
	assert_true(config_translated(c));
	config_free(c);
}

static void
test_fallback_to_the_text_as_written(void **state)
{
	struct config *c = load_ok("i18n.yaml");
	const struct indicator_conf *jobs = config_indicator(c, "jobs");

	(void)state;
	assert_string_equal(indicator_name(jobs, "en"), "城镇新增就业");
	assert_string_equal(indicator_unit(jobs, "en"), "万人");
	assert_null(indicator_definition(jobs, "en"));
	/* 民生 is in no chapters: entry; its name is its key. */
	assert_string_equal(chapter_name(c, "民生", "en"), "民生");
	assert_string_equal(indicator_group(jobs, "en"), "民生");
	assert_null(chapter_name(c, NULL, "en"));
	/* 区发改委 has a zh-CN name only: English reads the key. */
	assert_string_equal(bureau_name(c, "区发改委", "en"), "区发改委");
	assert_string_equal(
	    bureau_name(c, "区发改委", "zh-CN"), "区发展和改革委员会");
	assert_string_equal(
	    indicator_owner(jobs, "zh-CN"), "区发展和改革委员会");
	config_free(c);
}

static void
test_chapters_and_bureaus(void **state)
{
	struct config *c = load_ok("i18n.yaml");
	const struct indicator_conf *gdp = config_indicator(c, "gdp");

	(void)state;
	assert_string_equal(
	    chapter_name(c, "经济发展", "en"), "Economic development");
	assert_string_equal(chapter_name(c, "经济发展", "zh-CN"), "经济发展");
	assert_string_equal(
	    bureau_name(c, "区统计局", "en"), "District Bureau of Statistics");
	assert_string_equal(indicator_group(gdp, "en"), "Economic development");
	assert_string_equal(
	    indicator_owner(gdp, "en"), "District Bureau of Statistics");
	/* A key no chapter names is itself. */
	assert_string_equal(chapter_name(c, "未知", "en"), "未知");
	config_free(c);
}

static void
test_untranslated_configuration(void **state)
{
	struct config *c = load_ok("minimal.yaml");

	(void)state;
	assert_false(config_translated(c));
	assert_null(plan_title(c, "en"));
	config_free(c);
}

static void
test_locale_names(void **state)
{
	enum locale l;

	(void)state;
	assert_true(locale_parse("en", &l));
	assert_int_equal(l, LOCALE_EN);
	assert_true(locale_parse("zh-CN", &l));
	assert_int_equal(l, LOCALE_ZH_CN);
	assert_false(locale_parse("EN", &l));
	assert_false(locale_parse("en-US", &l));
	assert_false(locale_parse("", &l));
	assert_false(locale_parse(NULL, &l));
	assert_string_equal(locale_name(LOCALE_EN), "en");
	assert_int_equal(locale_of("en"), LOCALE_EN);
	assert_int_equal(locale_of("zh-CN"), LOCALE_ZH_CN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mapping_gives_the_primary_text),
	    cmocka_unit_test(test_fallback_to_the_text_as_written),
	    cmocka_unit_test(test_chapters_and_bureaus),
	    cmocka_unit_test(test_untranslated_configuration),
	    cmocka_unit_test(test_locale_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
